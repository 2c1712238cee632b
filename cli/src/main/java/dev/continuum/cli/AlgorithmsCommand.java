package dev.continuum.cli;

import dev.continuum.Algorithm;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code continuum algorithms}: every algorithm and dialect, with what it can do. */
@Command(
    name = "algorithms",
    header = "Lists every algorithm and dialect with its capabilities.",
    abbreviateSynopsis = true,
    mixinStandardHelpOptions = true,
    optionListHeading = "%nOptions:%n",
    description = {
      "Lists every placement algorithm and compatibility dialect: its name (for --algorithm),",
      "its capabilities, the builder options it accepts and what it matches.",
      "",
      "Examples:",
      "  continuum algorithms",
      "  continuum algorithms --format tsv | cut -f1,2"
    })
final class AlgorithmsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text, tsv, csv or json (default: ${DEFAULT-VALUE}).%n  e.g. --format json.")
  ResolveCommand.Format format;

  private static List<String> capabilities(Algorithm a) {
    List<String> c = new ArrayList<>();
    if (a.supportsWeights()) {
      c.add("weights");
    }
    if (a.supportsArbitraryRemoval()) {
      c.add("arbitrary-removal");
    }
    if (a.isCompatibilityDialect()) {
      c.add("compatibility");
    }
    return c;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Algorithm[] all = Algorithm.values();
    switch (format) {
      case tsv:
      case csv:
        char sep = format == ResolveCommand.Format.tsv ? '\t' : ',';
        out.println(Report.join(new String[] {"name", "weights", "arbitrary_removal", "compatibility", "options",
            "description"}, sep));
        for (Algorithm a : all) {
          out.println(Report.join(new String[] {a.cliName(), String.valueOf(a.supportsWeights()),
              String.valueOf(a.supportsArbitraryRemoval()), String.valueOf(a.isCompatibilityDialect()),
              String.join(",", a.options()), a.description()}, sep));
        }
        break;
      case json:
        out.println("[");
        for (int i = 0; i < all.length; i++) {
          Algorithm a = all[i];
          List<String> options = new ArrayList<>();
          for (String o : a.options()) {
            options.add(Json.string(o));
          }
          out.println("  {\"name\": " + Json.string(a.cliName()) + ", \"weights\": " + a.supportsWeights()
              + ", \"arbitrary_removal\": " + a.supportsArbitraryRemoval() + ", \"compatibility\": "
              + a.isCompatibilityDialect() + ", \"options\": [" + String.join(", ", options) + "], \"description\": "
              + Json.string(a.description()) + "}" + (i + 1 < all.length ? "," : ""));
        }
        out.println("]");
        break;
      default:
        int width = 0;
        for (Algorithm a : all) {
          width = Math.max(width, a.cliName().length());
        }
        for (Algorithm a : all) {
          List<String> tags = capabilities(a);
          for (String o : a.options()) {
            tags.add("option " + o);
          }
          out.println(String.format("%-" + width + "s  %s", a.cliName(), a.description()));
          out.println(String.format("%-" + width + "s  [%s]", "", String.join(", ", tags)));
        }
    }
    return 0;
  }
}
