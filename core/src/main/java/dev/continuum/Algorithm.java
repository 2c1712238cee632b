package dev.continuum;

import java.util.Locale;

/**
 * Every placement algorithm and compatibility dialect continuum offers, by the name used on the
 * command line.
 *
 * <p>Compatibility dialects reproduce another program's placement exactly; see each constant for
 * what it matches. The others are continuum's own general-purpose algorithms.
 */
public enum Algorithm {
  /**
   * python-continuum 0.1.1, bit for bit, quirks included: md5 ring of {@code totalDots} entries,
   * remainder entries at positions 0..m-1, strict "first entry above" lookup. The default.
   */
  PYTHON_CONTINUUM("python-continuum", true, false, true) {
    @Override
    PlacementFactory factory(Options options) {
      return servers -> PythonContinuumRing.build(servers, options.totalDots);
    }
  };

  private final String cliName;
  private final boolean weighted;
  private final boolean arbitraryRemoval;
  private final boolean compatibility;

  Algorithm(String cliName, boolean weighted, boolean arbitraryRemoval, boolean compatibility) {
    this.cliName = cliName;
    this.weighted = weighted;
    this.arbitraryRemoval = arbitraryRemoval;
    this.compatibility = compatibility;
  }

  /** The name used on the command line, e.g. {@code python-continuum}. */
  public String cliName() {
    return cliName;
  }

  /** True when a server's capacity changes its share of keys. */
  public boolean supportsWeights() {
    return weighted;
  }

  /** True when any server, not only the last added, can be removed with minimal disruption. */
  public boolean supportsArbitraryRemoval() {
    return arbitraryRemoval;
  }

  /** True when this reproduces another program's placement exactly (and so cannot be seeded). */
  public boolean isCompatibilityDialect() {
    return compatibility;
  }

  /**
   * The algorithm with this command-line name (case-insensitive; the enum constant's name is accepted
   * too).
   *
   * @throws IllegalArgumentException naming the known algorithms when there is no such algorithm
   */
  public static Algorithm byName(String name) {
    if (name != null) {
      for (Algorithm a : values()) {
        if (a.cliName.equalsIgnoreCase(name) || a.name().equalsIgnoreCase(name)) {
          return a;
        }
      }
    }
    StringBuilder known = new StringBuilder();
    for (Algorithm a : values()) {
      known.append(known.length() == 0 ? "" : ", ").append(a.cliName);
    }
    throw new IllegalArgumentException("unknown algorithm \"" + name + "\"; known: " + known);
  }

  abstract PlacementFactory factory(Options options);

  @Override
  public String toString() {
    return cliName.toLowerCase(Locale.ROOT);
  }
}
