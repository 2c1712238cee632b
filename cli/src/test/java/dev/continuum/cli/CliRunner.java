package dev.continuum.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Runs the command line in-process and captures what it prints. */
final class CliRunner {
  final int code;
  final String out;
  final String err;

  private CliRunner(int code, String out, String err) {
    this.code = code;
    this.out = out;
    this.err = err;
  }

  static CliRunner run(String... args) {
    return runWithInput("", args);
  }

  static synchronized CliRunner runWithInput(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    InputStream saved = System.in;
    System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    try {
      int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
      return new CliRunner(code, out.toString(), err.toString());
    } finally {
      System.setIn(saved);
    }
  }

  @Override
  public String toString() {
    return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
  }
}
