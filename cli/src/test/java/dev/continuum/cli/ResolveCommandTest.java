package dev.continuum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResolveCommandTest {
  @TempDir Path dir;

  @Test
  void seedExampleOnBuiltInServers() {
    CliRunner r = CliRunner.run("resolve", "my-first-key", "my-other-key");
    assertThat(r.code).as(r.toString()).isZero();
    assertThat(r.out).isEqualTo("my-first-key -> 192.168.0.1:8080\nmy-other-key -> 192.168.0.3:8080\n");
    assertThat(r.err).contains("using the example servers");
  }

  @Test
  void tsvFromStandardInput() {
    CliRunner r = CliRunner.runWithInput("my-first-key\nmy-other-key\n", "resolve", "--format", "tsv");
    assertThat(r.code).isZero();
    assertThat(r.out).isEqualTo("my-first-key\t192.168.0.1:8080\nmy-other-key\t192.168.0.3:8080\n");
  }

  @Test
  void jsonFromKeysFileWithServersFile() throws IOException {
    Path servers = Files.writeString(dir.resolve("s.txt"), "# fleet\n192.168.0.1:8080\n192.168.0.2:8080\n192.168.0.3:8080 2\n");
    Path keys = Files.writeString(dir.resolve("k.txt"), "my-first-key\ncafé \"q\"\n", StandardCharsets.UTF_8);
    CliRunner r = CliRunner.run("resolve", "--servers", servers.toString(), "--keys", keys.toString(), "--format", "json");
    assertThat(r.code).as(r.toString()).isZero();
    assertThat(r.err).isEmpty();
    assertThat(r.out).startsWith("[\n  {\"key\": \"my-first-key\", \"server\": \"192.168.0.1:8080\", \"host\": \"192.168.0.1\", \"port\": 8080, \"capacity\": 1},\n")
        .contains("\"key\": \"café \\\"q\\\"\"").endsWith("]\n");
  }

  @Test
  void serverOptionsAndTotalDots() {
    CliRunner r = CliRunner.run("resolve", "--server", "a:1", "--server", "b:2", "--server", "c:3", "--total-dots", "7", "x", "y", "z");
    assertThat(r.code).isZero();
    assertThat(r.out).isEqualTo("x -> a:1\ny -> a:1\nz -> a:1\n");
  }

  @Test
  void badServersFileReportsFileAndLineWithExitTwo() throws IOException {
    Path servers = Files.writeString(dir.resolve("bad.txt"), "10.0.0.1:11211\n10.0.0.2:70000\n");
    CliRunner r = CliRunner.run("resolve", "--servers", servers.toString(), "k");
    assertThat(r.code).isEqualTo(2);
    assertThat(r.out).isEmpty();
    assertThat(r.err).isEqualTo("continuum: " + servers + ":2: port must be in 1..65535, got 70000\n");
  }

  @Test
  void usageErrorsAreOneLineAndExitTwo() {
    CliRunner missing = CliRunner.run("resolve", "--servers", dir.resolve("nope.txt").toString(), "k");
    assertThat(missing.code).isEqualTo(2);
    assertThat(missing.err).startsWith("continuum: no such file: ").doesNotContain("Exception");
    CliRunner badDots = CliRunner.run("resolve", "--total-dots", "0", "k");
    assertThat(badDots.code).isEqualTo(2);
    assertThat(badDots.err).contains("totalDots must be at least 1, got 0");
    CliRunner badOption = CliRunner.run("resolve", "--bogus");
    assertThat(badOption.code).isEqualTo(2);
    assertThat(badOption.err).contains("Unknown option: '--bogus'");
    CliRunner badServer = CliRunner.run("resolve", "--server", "h:0", "k");
    assertThat(badServer.code).isEqualTo(2);
    assertThat(badServer.err).isEqualTo("continuum: --server h:0: port must be in 1..65535, got 0\n");
  }

  @Test
  void helpExplainsEveryOption() {
    CliRunner r = CliRunner.run("resolve", "--help");
    assertThat(r.code).isZero();
    assertThat(r.out).contains("--server", "--servers", "--total-dots", "--keys", "--format", "Examples:");
  }
}
