package dev.continuum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConformanceCommandTest {
  @TempDir Path dir;

  @Test
  void everyShippedVectorFilePasses() throws IOException {
    Cli.copyVectors(dir);
    Cli r = Cli.run("conformance", dir.toString());
    assertThat(r.code).as(r.err).isZero();
    assertThat(r.out.lines()).containsExactly(
        "continuum.tsv: checked 7240, mismatched 0, skipped 0",
        "libmemcached.tsv: checked 10250, mismatched 0, skipped 0",
        "twemproxy.tsv: checked 9490, mismatched 0, skipped 0",
        "spymemcached.tsv: checked 8470, mismatched 0, skipped 0",
        "jedis.tsv: checked 4560, mismatched 0, skipped 0",
        "xmemcached.tsv: checked 4780, mismatched 0, skipped 0",
        "dubbo.tsv: checked 3120, mismatched 0, skipped 0",
        "pymemcache.tsv: checked 5018, mismatched 0, skipped 0",
        "nginx.tsv: checked 5792, mismatched 0, skipped 0",
        "haproxy.tsv: checked 6920, mismatched 0, skipped 0",
        "pymemcache.murmur3.tsv: checked 520, mismatched 0, skipped 0",
        "11 passed, 0 failed");
  }

  @Test
  void everyUnrecognisedVectorFileIsReportedAndFails() throws IOException {
    Cli.copyVectors(dir);
    Files.move(dir.resolve("haproxy.tsv"), dir.resolve("haproxy-2.8.tsv"));
    Files.writeString(dir.resolve("README.md"), "not a vector file\n");
    Cli r = Cli.run("conformance", dir.toString());
    assertThat(r.code).isEqualTo(1);
    assertThat(r.out.lines()).contains(
        "haproxy-2.8.tsv: not recognised (known: continuum.tsv, libmemcached.tsv, twemproxy.tsv, spymemcached.tsv, "
            + "jedis.tsv, xmemcached.tsv, dubbo.tsv, pymemcache.tsv, nginx.tsv, haproxy.tsv, pymemcache.murmur3.tsv)",
        "haproxy.configs.tsv: not recognised (known: continuum.tsv, libmemcached.tsv, twemproxy.tsv, spymemcached.tsv, "
            + "jedis.tsv, xmemcached.tsv, dubbo.tsv, pymemcache.tsv, nginx.tsv, haproxy.tsv, pymemcache.murmur3.tsv)",
        "10 passed, 2 failed");
    assertThat(r.out).doesNotContain("README");
  }

  @Test
  void onlyUnrecognisedFilesExitOne() throws IOException {
    Files.writeString(dir.resolve("redisson.tsv"), "config_id\tkey_hex\n");
    Cli r = Cli.run("conformance", dir.toString());
    assertThat(r.code).isEqualTo(1);
    assertThat(r.out.lines()).first().asString().startsWith("redisson.tsv: not recognised");
  }

  /** Replaces the expected index of the first data row of {@code file} by another valid one. */
  private void corruptFirstRow(String file, String column) throws IOException {
    Path p = dir.resolve(file);
    List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
    String[] header = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("#")) {
        continue;
      }
      if (header == null) {
        header = line.split("\t", -1);
        continue;
      }
      String[] cells = line.split("\t", -1);
      int c = List.of(header).indexOf(column);
      cells[c] = cells[c].equals("0") ? "1" : "0";
      lines.set(i, String.join("\t", cells));
      break;
    }
    Files.write(p, lines, StandardCharsets.UTF_8);
  }

  @Test
  void aCorruptedRowIsAMismatchAndExitsOne() throws IOException {
    Cli.copyVectors(dir);
    corruptFirstRow("twemproxy.tsv", "server_idx");
    corruptFirstRow("pymemcache.murmur3.tsv", "murmur3_32");
    Cli r = Cli.run("conformance", dir.toString());
    assertThat(r.code).isEqualTo(1);
    assertThat(r.out).contains("twemproxy.tsv: checked 9490, mismatched 1, skipped 0")
        .contains("pymemcache.murmur3.tsv: checked 520, mismatched 1, skipped 0")
        .contains("9 passed, 2 failed");
    assertThat(r.err).contains("twemproxy.tsv:").contains("expected").contains("murmur3_32(");
  }

  @Test
  void anyVectorsInTheFormatAreChecked() throws IOException {
    // A configuration and keys continuum never shipped: derived from the rows, not from the files.
    Files.writeString(dir.resolve("libmemcached.configs.tsv"), String.join("\n",
        "# hand-made", "config_id\tmode\tserver_idx\thost\tport\tweight",
        "X1\tketama_weighted\t0\t10.0.74.94\t11211\t1",
        "X1\tketama_weighted\t1\t192.168.0.37\t11211\t1",
        "X1\tketama_weighted\t2\t192.168.0.8\t11211\t1", ""));
    Files.writeString(dir.resolve("libmemcached.tsv"), String.join("\n",
        "config_id\tkey_hex\tkey\tkey_hash\tserver_idx\tserver",
        "X1\t666f6f\tfoo\t3675831724\t1\t192.168.0.37:11211",
        "X2\t666f6f\tfoo\t3675831724\t1\t192.168.0.37:11211", ""));
    Cli r = Cli.run("conformance", dir.toString());
    assertThat(r.out.lines()).containsExactly("libmemcached.tsv: checked 1, mismatched 0, skipped 1", "0 passed, 1 failed");
    assertThat(r.code).isEqualTo(1);
    assertThat(r.err).contains("libmemcached.tsv:3: no configuration X2");
  }

  @Test
  void aBadConfigLineExitsTwoNamingFileAndLine() throws IOException {
    Cli.copyVectors(dir);
    Path p = dir.resolve("libmemcached.configs.tsv");
    List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
    int n = 0;
    while (lines.get(n).startsWith("#")) {
      n++;
    }
    lines.set(n + 1, lines.get(n + 1).replace("ketama_weighted", "no_such_mode"));
    Files.write(p, lines, StandardCharsets.UTF_8);
    Cli r = Cli.run("conformance", dir.toString());
    assertThat(r.code).isEqualTo(2);
    assertThat(r.err.strip()).isEqualTo("continuum: libmemcached.configs.tsv:" + (n + 2)
        + ": unknown libmemcached mode \"no_such_mode\"");
  }

  @Test
  void aShortRowExitsTwo() throws IOException {
    Files.writeString(dir.resolve("pymemcache.murmur3.tsv"), "input_hex\tinput\tseed\tmurmur3_32\n61\ta\t0\n");
    Cli r = Cli.run("conformance", dir.toString());
    assertThat(r.code).isEqualTo(2);
    assertThat(r.err).contains("pymemcache.murmur3.tsv:2: expected 4 tab-separated columns, got 3");
  }

  @Test
  void anEmptyDirectoryExitsTwo() {
    Cli r = Cli.run("conformance", dir.toString());
    assertThat(r.code).isEqualTo(2);
    assertThat(r.err).contains("no vector files");
  }
}
