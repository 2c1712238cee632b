package dev.continuum.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;

/** The {@code continuum} command: plans and checks key placement from the command line. */
@Command(
    name = "continuum",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    usageHelpWidth = Main.WIDTH,
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
      "  continuum plan --servers examples/fleet.txt \\",
      "      --to examples/fleet-after.txt",
      "  continuum plan --twemproxy examples/nutcracker.yml --pool cache \\",
      "      --add 10.0.1.7:11211:2",
      "  continuum compare --fleet-sizes 10,100,1000 --keys 100000",
      "  source <(continuum completion bash)",
      "  continuum help plan"
    },
    subcommands = {ResolveCommand.class, AlgorithmsCommand.class, ConformanceCommand.class, BalanceCommand.class,
      PlanCommand.class, CompareCommand.class, FingerprintCommand.class, CompletionCommand.class,
      CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  /** Exit code for a usage or input error. */
  static final int USAGE = 2;

  /** Help text width: wide enough for a one-line summary of every command, and the same on every terminal. */
  static final int WIDTH = 100;

  /** Standard input and output as bytes, for the commands that stream keys ({@code resolve}). */
  final InputStream stdin;
  final OutputStream stdout;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  Main(InputStream stdin, OutputStream stdout) {
    this.stdin = stdin;
    this.stdout = stdout;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Runs the command line and exits with its code: 0 done, 1 a check found a difference, 2 bad usage
   * or input.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(run(args, System.in, new FileOutputStream(FileDescriptor.out), System.err));
  }

  /** Runs the command line with the given streams and returns the exit code (for tests). */
  static int run(String[] args, InputStream in, OutputStream stdout, OutputStream stderr) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
    CommandLine cl = commandLine(in, stdout);
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler((ex, a) -> {
      err.println("continuum: " + usageProblem(ex) + " (see 'continuum " + commandPath(ex.getCommandLine()) + "--help')");
      return USAGE;
    });
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      if (isBrokenPipe(ex)) {
        return 141; // the reader went away (| head): what a shell reports for SIGPIPE, without a message
      }
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

  /** The command tree, as run and as documented (docs/command-line.md and the completion scripts). */
  static CommandLine commandLine(InputStream in, OutputStream stdout) {
    CommandLine cl = new CommandLine(new Main(in, stdout));
    cl.setUsageHelpWidth(WIDTH);
    cl.setUsageHelpLongOptionsMaxWidth(32);
    return cl;
  }

  private static boolean isBrokenPipe(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof java.io.IOException && "Broken pipe".equals(t.getMessage())) {
        return true;
      }
    }
    return false;
  }

  /** picocli's message, with the nearest name suggested for a misspelled command or option. */
  private static String usageProblem(CommandLine.ParameterException ex) {
    if (ex instanceof CommandLine.UnmatchedArgumentException) {
      List<String> unmatched = ((CommandLine.UnmatchedArgumentException) ex).getUnmatched();
      CommandLine cl = ex.getCommandLine();
      if (!unmatched.isEmpty()) {
        String first = unmatched.get(0);
        boolean option = first.startsWith("-");
        if (!option && cl.getSubcommands().isEmpty()) {
          return ex.getMessage();
        }
        List<String> names = new ArrayList<>();
        if (option) {
          for (OptionSpec o : cl.getCommandSpec().options()) {
            if (!o.hidden()) {
              names.add(o.longestName());
            }
          }
        } else {
          names.addAll(cl.getSubcommands().keySet());
        }
        String name = option && first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
        String near = Suggest.nearest(name, names);
        String what = option ? "unknown option " + name : "unknown command '" + first + "'";
        return what + (near != null ? "; did you mean " + near + "?" : "");
      }
    }
    java.util.regex.Matcher help = java.util.regex.Pattern.compile("Unknown subcommand '(.*)'\\.").matcher(ex.getMessage());
    if (help.matches()) { // 'continuum help resolv'
      String near = Suggest.nearest(help.group(1), ex.getCommandLine().getParent() == null
          ? ex.getCommandLine().getSubcommands().keySet() : ex.getCommandLine().getParent().getSubcommands().keySet());
      return "unknown command '" + help.group(1) + "'" + (near != null ? "; did you mean " + near + "?" : "");
    }
    return ex.getMessage();
  }

  private static String commandPath(CommandLine cl) {
    String name = cl.getCommandName();
    return "continuum".equals(name) ? "" : name + " ";
  }

  static String message(Throwable ex) {
    if (ex instanceof java.nio.file.NoSuchFileException) {
      return "no such file: " + ex.getMessage();
    }
    if (ex instanceof java.nio.file.AccessDeniedException) {
      return "permission denied: " + ex.getMessage();
    }
    if (ex instanceof java.io.UncheckedIOException && ex.getCause() != null) {
      return message(ex.getCause());
    }
    String m = ex.getMessage();
    if ("empty continuum".equals(m)) {
      return "empty continuum: no server can take keys (every server has weight 0, or the algorithm gave none a point)";
    }
    return m == null ? ex.getClass().getSimpleName() : m;
  }
}
