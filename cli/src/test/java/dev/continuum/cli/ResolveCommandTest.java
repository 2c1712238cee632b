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
    Cli r = Cli.run("resolve", "my-first-key", "my-other-key");
    assertThat(r.code).as(r.toString()).isZero();
    assertThat(r.out).isEqualTo("my-first-key -> 192.168.0.1:8080\nmy-other-key -> 192.168.0.3:8080\n");
    assertThat(r.err).contains("using the example servers");
  }

  @Test
  void tsvFromStandardInput() {
    Cli r = Cli.runWithInput("my-first-key\nmy-other-key\n", "resolve", "--format", "tsv");
    assertThat(r.code).isZero();
    assertThat(r.out).isEqualTo("my-first-key\t192.168.0.1:8080\nmy-other-key\t192.168.0.3:8080\n");
  }

  @Test
  void csvQuotesKeysThatNeedIt() {
    Cli r = Cli.run("resolve", "--format", "csv", "my-first-key", "a,b", "say \"hi\"");
    assertThat(r.code).as(r.toString()).isZero();
    String[] lines = r.out.split("\n");
    assertThat(lines[0]).isEqualTo("key,server");
    assertThat(lines[1]).isEqualTo("my-first-key,192.168.0.1:8080");
    assertThat(lines[2]).startsWith("\"a,b\",192.168.0.");
    assertThat(lines[3]).startsWith("\"say \"\"hi\"\"\",192.168.0.");
    assertThat(lines).hasSize(4);
  }

  @Test
  void jsonFromKeysFileWithServersFile() throws IOException {
    Path servers = Files.writeString(dir.resolve("s.txt"), "# fleet\n192.168.0.1:8080\n192.168.0.2:8080\n192.168.0.3:8080 2\n");
    Path keys = Files.writeString(dir.resolve("k.txt"), "my-first-key\ncafé \"q\"\n", StandardCharsets.UTF_8);
    Cli r = Cli.run("resolve", "--servers", servers.toString(), "--keys", keys.toString(), "--format", "json");
    assertThat(r.code).as(r.toString()).isZero();
    assertThat(r.err).isEmpty();
    assertThat(r.out).startsWith("[\n  {\"key\": \"my-first-key\", \"server\": \"192.168.0.1:8080\", \"host\": \"192.168.0.1\", \"port\": 8080, \"weight\": 1, \"name\": null},\n")
        .contains("\"key\": \"café \\\"q\\\"\"").endsWith("]\n");
  }

  @Test
  void serverOptionsAndTotalDots() {
    Cli r = Cli.run("resolve", "--server", "a:1", "--server", "b:2", "--server", "c:3", "--total-dots", "7", "x", "y", "z");
    assertThat(r.code).isZero();
    assertThat(r.out).isEqualTo("x -> a:1\ny -> a:1\nz -> a:1\n");
  }

  @Test
  void badServersFileReportsFileAndLineWithExitTwo() throws IOException {
    Path servers = Files.writeString(dir.resolve("bad.txt"), "10.0.0.1:11211\n10.0.0.2:70000\n");
    Cli r = Cli.run("resolve", "--servers", servers.toString(), "k");
    assertThat(r.code).isEqualTo(2);
    assertThat(r.out).isEmpty();
    assertThat(r.err).isEqualTo("continuum: " + servers + ":2: port must be in 1..65535, got 70000\n");
  }

  @Test
  void usageErrorsAreOneLineAndExitTwo() {
    Cli missing = Cli.run("resolve", "--servers", dir.resolve("nope.txt").toString(), "k");
    assertThat(missing.code).isEqualTo(2);
    assertThat(missing.err).startsWith("continuum: no such file: ").doesNotContain("Exception");
    Cli badDots = Cli.run("resolve", "--total-dots", "0", "k");
    assertThat(badDots.code).isEqualTo(2);
    assertThat(badDots.err).contains("totalDots must be at least 1, got 0");
    Cli badOption = Cli.run("resolve", "--bogus");
    assertThat(badOption.code).isEqualTo(2);
    assertThat(badOption.err).isEqualTo("continuum: unknown option --bogus (see 'continuum resolve --help')\n");
    Cli badServer = Cli.run("resolve", "--server", "h:0", "k");
    assertThat(badServer.code).isEqualTo(2);
    assertThat(badServer.err).isEqualTo("continuum: --server h:0: port must be in 1..65535, got 0\n");
  }

  @Test
  void helpExplainsEveryOption() {
    Cli r = Cli.run("resolve", "--help");
    assertThat(r.code).isZero();
    assertThat(r.out).contains("--server", "--servers", "--total-dots", "--keys", "--format", "Examples:");
  }
}
