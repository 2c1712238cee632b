package dev.continuum.cli;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --format} and {@code --svg}: how a report is printed and where its chart goes. */
final class OutputOptions {
  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text, tsv, csv or json (default: ${DEFAULT-VALUE}); in tsv and csv the summary comes as leading '#' lines."
          + "%n  e.g. --format json.")
  Report.Format format;

  @Option(names = "--svg", paramLabel = "FILE",
      description = "Also write a self-contained SVG chart to FILE.%n  e.g. --svg chart.svg.")
  Path svg;

  void writeSvg(Svg chart) throws IOException {
    if (svg != null) {
      chart.write(svg);
    }
  }
}
