package dev.continuum.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the command line in-process and keeps what it printed. */
final class Cli {
  /** The repository's examples directory (tests run with the cli module as working directory). */
  static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

  final int code;
  final String out;
  final String err;

  private Cli(int code, String out, String err) {
    this.code = code;
    this.out = out;
    this.err = err;
  }

  static Cli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Cli(code, out.toString(), err.toString());
  }

  static String example(String name) {
    return EXAMPLES.resolve(name).toString();
  }

  /** examples/fleet.txt as the library reads it. */
  static java.util.List<dev.continuum.Server> exampleFleet() {
    try {
      return dev.continuum.ServerList.read(EXAMPLES.resolve("fleet.txt"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
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
