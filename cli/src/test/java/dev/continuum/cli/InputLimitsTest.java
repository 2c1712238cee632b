package dev.continuum.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Endless, huge, misplaced and mis-encoded inputs: each ends in one line naming the input and the
 * limit, exit 2, quickly (the timeout only guards against a hang: an unbounded read of /dev/zero
 * never ends, or ends in an OutOfMemoryError).
 */
class InputLimitsTest {
  private static final Duration HANG = Duration.ofSeconds(60);
  @TempDir Path dir;

  private static Cli run(InputStream stdin, String... args) {
    return assertTimeoutPreemptively(HANG, () -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = Main.run(args, stdin, out, err);
      return new Cli.Bytes(code, out.toByteArray(), err.toString(UTF_8)).decoded();
    });
  }

  private static void assertOneLine(Cli r, String expected) {
    assertThat(r.code).as(r.toString()).isEqualTo(2);
    List<String> lines = new ArrayList<>(r.err.lines().filter(l -> !l.contains("using the example servers")).toList());
    assertThat(lines).as(r.toString()).containsExactly(expected);
  }

  /** SECURITY.md's rows for the command line's input limits state the limits {@link Input} enforces. */
  @Test
  void securityMdStatesTheInputLimits() throws java.io.IOException {
    String doc = java.nio.file.Files.readString(Cli.EXAMPLES.resolveSibling("SECURITY.md"), UTF_8);
    assertThat(doc).contains("| command line: a line of a server list or libketama file | "
        + binary(Input.MAX_SERVER_LINE_BYTES) + " |");
    assertThat(doc).contains("| command line: a configuration file (server list, libketama, twemproxy YAML) | "
        + binary(Input.MAX_CONFIG_BYTES) + " |");
    assertThat(doc).contains("| command line: one key (a line of `--keys-file` or standard input) | "
        + binary(Input.MAX_KEY_BYTES) + "; ");
  }

  /** A whole number of KiB or MiB, as SECURITY.md writes it. */
  private static String binary(int bytes) {
    return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
  }

  @Test
  void endlessServerFilesStopAtTheLineLimit() {
    String line = "continuum: /dev/zero:1: line longer than 65,536 bytes (the limit for a line of this file)";
    assertOneLine(run(InputStream.nullInputStream(), "resolve", "--servers", "/dev/zero", "k"), line);
    assertOneLine(run(InputStream.nullInputStream(), "resolve", "--libketama", "/dev/zero", "k"), line);
    assertOneLine(run(InputStream.nullInputStream(), "plan", "--servers", Cli.example("fleet.txt"), "--to", "/dev/zero"),
        line);
  }

  @Test
  void endlessVectorFilesStopAtTheLineLimit() throws Exception {
    Path vectors = Files.createDirectory(dir.resolve("vectors"));
    Files.createSymbolicLink(vectors.resolve("continuum.tsv"), Path.of("/dev/zero"));
    Files.createSymbolicLink(vectors.resolve("continuum.configs.tsv"), Path.of("/dev/zero"));
    Cli r = run(InputStream.nullInputStream(), "conformance", vectors.toString());
    assertThat(r.code).as(r.toString()).isEqualTo(2);
    assertThat(r.err).as(r.toString()).matches("continuum: continuum(\\.configs)?\\.tsv:1: line longer than 65,536 bytes "
        + "\\(the limit for a line of this file\\)\n");
  }

  @Test
  void endlessYamlStopsAtTheFileSizeLimit() {
    assertOneLine(run(InputStream.nullInputStream(), "resolve", "--twemproxy", "/dev/zero", "k"),
        "continuum: /dev/zero: file larger than 67,108,864 bytes (the limit for a configuration file)");
  }

  @Test
  void endlessKeysStopAtTheKeyLimit() throws Exception {
    String limit = ":1: line longer than 1,048,576 bytes (the limit for a key)";
    assertOneLine(run(InputStream.nullInputStream(), "resolve", "--keys-file", "/dev/zero"), "continuum: /dev/zero" + limit);
    try (InputStream zeros = new FileInputStream("/dev/zero")) {
      assertOneLine(run(zeros, "resolve", "--format", "tsv"), "continuum: standard input" + limit);
    }
    assertOneLine(run(InputStream.nullInputStream(), "balance", "--servers", Cli.example("fleet.txt"),
        "--keys-file", "/dev/zero"), "continuum: /dev/zero" + limit);
  }

  @Test
  void aHugeRegularFileIsRejectedBeforeItIsRead() throws Exception {
    Path huge = dir.resolve("huge.txt");
    try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
      f.setLength((64L << 20) + 1); // sparse: costs no disk
    }
    for (String option : new String[] {"--servers", "--libketama", "--twemproxy"}) {
      assertOneLine(run(InputStream.nullInputStream(), "resolve", option, huge.toString(), "k"), "continuum: " + huge
          + ": file larger than 67,108,864 bytes (the limit for a configuration file), got 67108865 bytes");
    }
  }

  @Test
  void aDirectoryIsNamed() {
    String d = dir.toString();
    String expected = "continuum: " + d + ": is a directory, not a file";
    for (String option : new String[] {"--servers", "--libketama", "--twemproxy"}) {
      assertOneLine(run(InputStream.nullInputStream(), "resolve", option, d, "k"), expected);
    }
    assertOneLine(run(InputStream.nullInputStream(), "resolve", "--keys-file", d), expected);
    assertOneLine(run(InputStream.nullInputStream(), "balance", "--servers", Cli.example("fleet.txt"), "--keys-file", d),
        expected);
    assertOneLine(run(InputStream.nullInputStream(), "plan", "--servers", Cli.example("fleet.txt"), "--to", d), expected);
  }

  @Test
  void bytesThatAreNotUtf8AreNamedWithFileAndLine() throws Exception {
    byte[] bad = {'1', '0', '.', '0', '.', '0', '.', '3', ':', '1', '1', '2', '1', '1', ' ', '1', ' ', 'n', (byte) 0xe9, '\n'};
    Path servers = write("s.txt", "10.0.0.1:11211\n# comment\n".getBytes(UTF_8), bad);
    assertOneLine(run(InputStream.nullInputStream(), "resolve", "--servers", servers.toString(), "k"),
        "continuum: " + servers + ":3: not UTF-8 (byte 0xe9 at column 19); save the file as UTF-8");
    Path ketama = write("k.servers", "10.0.0.1:11211\t100\n".getBytes(UTF_8), "10.0.0.2:11211\t100 \u00e9\n".getBytes(UTF_8),
        new byte[] {(byte) 0xc3, '\n'});
    assertOneLine(run(InputStream.nullInputStream(), "resolve", "--libketama", ketama.toString(), "k"),
        "continuum: " + ketama + ":3: not UTF-8 (byte 0xc3 at column 1); save the file as UTF-8");
    Path yaml = write("n.yml", "cache:\n  hash: md5\n  servers:\n".getBytes(UTF_8),
        new byte[] {' ', '-', ' ', '1', '0', '.', '0', '.', '0', '.', '1', ':', '1', ':', '1', ' ', (byte) 0xff, '\n'});
    assertOneLine(run(InputStream.nullInputStream(), "resolve", "--twemproxy", yaml.toString(), "k"),
        "continuum: " + yaml + ":4: not UTF-8 (byte 0xff at column 17); save the file as UTF-8");
  }

  private Path write(String name, byte[]... parts) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      b.writeBytes(p);
    }
    return Files.write(dir.resolve(name), b.toByteArray());
  }

  @Test
  void poolWithoutTwemproxyIsAnError() {
    assertOneLine(run(InputStream.nullInputStream(), "resolve", "--pool", "cache", "k"),
        "continuum: --pool needs --twemproxy FILE");
  }

  @Test
  void theOldSpellingsStillWork() throws Exception {
    Path keys = Files.writeString(dir.resolve("keys.txt"), "my-first-key\n");
    Cli r = Cli.run("resolve", "--keys", keys.toString());
    assertThat(r.out).isEqualTo("my-first-key -> 192.168.0.1:8080\n");
    Cli compare = Cli.run("compare", "--servers", "1");
    assertThat(compare.err).isEqualTo("continuum: --fleet-sizes must be at least 2 each, got 1\n");
  }
}
