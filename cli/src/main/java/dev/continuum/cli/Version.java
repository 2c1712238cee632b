package dev.continuum.cli;

import dev.continuum.Algorithm;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code continuum --version}: the release, and the placement each algorithm implements, so that a
 * user comparing two installations sees at once whether their placements can differ.
 */
final class Version implements IVersionProvider {
  /** The project version the build wrote into the jar. */
  static String release() {
    Properties p = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("/dev/continuum/cli/version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // an unreadable resource leaves the version unknown, which the line says
    }
    return p.getProperty("version", "unknown");
  }

  @Override
  public String[] getVersion() {
    List<String> lines = new ArrayList<>();
    lines.add("continuum " + release() + " (Java " + System.getProperty("java.version") + ")");
    lines.add("placements (algorithm: version; a placement never changes within a version):");
    int width = 0;
    for (Algorithm a : Algorithm.values()) {
      width = Math.max(width, a.cliName().length());
    }
    for (Algorithm a : Algorithm.values()) {
      lines.add(String.format("  %-" + (width + 1) + "s %s", a.cliName() + ":", placementVersion(a)));
    }
    return lines.toArray(new String[0]);
  }

  /** The algorithm's {@link Algorithm#placementVersion()}, as fingerprints print it ({@code v1}). */
  static String placementVersion(Algorithm a) {
    return "v" + a.placementVersion();
  }
}
