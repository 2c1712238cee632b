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
    footer = {
      "",
      "Servers come from --server HOST:PORT[:WEIGHT], a plain list (--servers FILE: 'host:port [weight] [name]'), "
          + "libketama's file (--libketama FILE) or a twemproxy configuration (--twemproxy FILE --pool NAME).",
      "Every planning command prints text, tsv, csv or json (--format) and can draw an SVG chart (--svg FILE).",
      "",
      "Examples:",
      "  continuum resolve --servers examples/servers.txt my-first-key",
      "  continuum algorithms",
      "  continuum conformance core/src/test/resources/vectors",
      "  continuum balance --servers examples/fleet.txt --svg balance.svg",
      "  continuum plan --servers examples/fleet.txt --to examples/fleet-after.txt",
      "  continuum plan --twemproxy examples/nutcracker.yml --pool cache \\",
      "      --add 10.0.1.7:11211:2",
      "  continuum compare --servers 10,100,1000 --keys 100000",
      "  continuum help plan"
    },
    subcommands = {ResolveCommand.class, AlgorithmsCommand.class, ConformanceCommand.class, BalanceCommand.class,
      PlanCommand.class, CompareCommand.class, FingerprintCommand.class, CommandLine.HelpCommand.class})
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
      err.println("continuum: " + ex.getMessage() + " (see 'continuum " + commandPath(ex.getCommandLine()) + "--help')");
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
