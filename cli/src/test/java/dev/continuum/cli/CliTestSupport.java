package dev.continuum.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Runs the command line in-process and copies the shared vectors (core test-jar) into a directory. */
final class CliTestSupport {
  private CliTestSupport() {}

  static final String[] VECTOR_FILES = {
    "continuum.tsv", "continuum.configs.tsv", "libmemcached.tsv", "libmemcached.configs.tsv",
    "twemproxy.tsv", "twemproxy.configs.tsv", "spymemcached.tsv", "spymemcached.configs.tsv",
    "pymemcache.tsv", "pymemcache.configs.tsv", "pymemcache.murmur3.tsv"
  };

  /** Exit code, standard output and standard error of one run. */
  static final class Result {
    final int code;
    final String out;
    final String err;

    Result(int code, String out, String err) {
      this.code = code;
      this.out = out;
      this.err = err;
    }
  }

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Result(code, out.toString(), err.toString());
  }

  static void copyVectors(Path dir) throws IOException {
    for (String name : VECTOR_FILES) {
      try (InputStream in = CliTestSupport.class.getResourceAsStream("/vectors/" + name)) {
        if (in == null) {
          throw new IllegalStateException("missing test resource /vectors/" + name + " (core test-jar)");
        }
        Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
