package dev.continuum.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code continuum} command: plans and checks key placement from the command line. */
@Command(
    name = "continuum",
    mixinStandardHelpOptions = true,
    version = "continuum 0.1.0",
    description = "Consistent hashing: resolve keys, check compatibility, plan changes.",
    subcommands = {ResolveCommand.class, AlgorithmsCommand.class, ConformanceCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  /** Exit code for a usage or input error. */
  static final int USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given streams and returns the exit code (for tests). */
  static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler((ex, a) -> {
      err.println("continuum: " + ex.getMessage());
      err.println("Try 'continuum " + commandPath(ex.getCommandLine()) + "--help' for more information.");
      return USAGE;
    });
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      if (ex instanceof UserException || ex instanceof IllegalArgumentException
          || ex instanceof IllegalStateException || ex instanceof java.io.IOException
          || ex instanceof java.io.UncheckedIOException) {
        err.println("continuum: " + message(ex));
        return USAGE;
      }
      throw ex;
    });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  private static String commandPath(CommandLine cl) {
    String name = cl.getCommandName();
    return "continuum".equals(name) ? "" : name + " ";
  }

  static String message(Throwable ex) {
    if (ex instanceof java.nio.file.NoSuchFileException) {
      return "no such file: " + ex.getMessage();
    }
    if (ex instanceof java.io.UncheckedIOException && ex.getCause() != null) {
      return message(ex.getCause());
    }
    String m = ex.getMessage();
    return m == null ? ex.getClass().getSimpleName() : m;
  }
}
