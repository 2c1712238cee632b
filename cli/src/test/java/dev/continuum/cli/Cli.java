package dev.continuum.cli;

import dev.continuum.Server;
import dev.continuum.ServerList;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the command line in-process and keeps its exit code and what it printed; also the test
 * inputs the commands read (the repository's examples, the vector files of the core test-jar).
 */
final class Cli {
  /** The repository's examples directory (tests run with the cli module as working directory). */
  static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

  static final String[] VECTOR_FILES = {
    "continuum.tsv", "continuum.configs.tsv", "libmemcached.tsv", "libmemcached.configs.tsv",
    "twemproxy.tsv", "twemproxy.configs.tsv", "spymemcached.tsv", "spymemcached.configs.tsv",
    "jedis.tsv", "jedis.configs.tsv", "xmemcached.tsv", "xmemcached.configs.tsv", "dubbo.tsv", "dubbo.configs.tsv",
    "pymemcache.tsv", "pymemcache.configs.tsv", "pymemcache.murmur3.tsv", "nginx.tsv", "nginx.configs.tsv",
    "haproxy.tsv", "haproxy.configs.tsv"
  };

  final int code;
  final String out;
  final String err;

  private Cli(int code, String out, String err) {
    this.code = code;
    this.out = out;
    this.err = err;
  }

  /** One run with empty standard input. */
  static Cli run(String... args) {
    return runWithInput("", args);
  }

  /** One run reading {@code stdin} (UTF-8). */
  static Cli runWithInput(String stdin, String... args) {
    return runWithBytes(stdin.getBytes(StandardCharsets.UTF_8), args).decoded();
  }

  /** One run reading {@code stdin}; its standard output as bytes. */
  static Bytes runWithBytes(byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new ByteArrayInputStream(stdin), out, err);
    return new Bytes(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  /** A run whose standard output is kept as bytes (keys are bytes and are written back unchanged). */
  static final class Bytes {
    final int code;
    final byte[] out;
    final String err;

    Bytes(int code, byte[] out, String err) {
      this.code = code;
      this.out = out;
      this.err = err;
    }

    Cli decoded() {
      return new Cli(code, new String(out, StandardCharsets.UTF_8), err);
    }

    @Override
    public String toString() {
      return decoded().toString();
    }
  }

  static String example(String name) {
    return EXAMPLES.resolve(name).toString();
  }

  /** examples/fleet.txt as the library reads it. */
  static List<Server> exampleFleet() {
    try {
      return ServerList.read(EXAMPLES.resolve("fleet.txt"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies the shared vector files (test resources of the core test-jar) into {@code dir}. */
  static void copyVectors(Path dir) throws IOException {
    for (String name : VECTOR_FILES) {
      try (InputStream in = Cli.class.getResourceAsStream("/vectors/" + name)) {
        if (in == null) {
          throw new IllegalStateException("missing test resource /vectors/" + name + " (core test-jar)");
        }
        Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** The number after {@code "key": } in JSON output. */
  double jsonNumber(String key) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\": ([-0-9.Ee]+)").matcher(out);
    if (!m.find()) {
      throw new AssertionError("no " + key + " in " + out);
    }
    return Double.parseDouble(m.group(1));
  }

  @Override
  public String toString() {
    return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
  }
}
