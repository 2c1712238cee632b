package dev.continuum;

/**
 * The tuning knobs an algorithm may read, collected by {@link Continuum.Builder}. Each algorithm
 * declares the {@link Knob}s it understands; the builder rejects any other.
 */
final class Options {
  /** The names of the knobs, as the builder reports them. */
  enum Knob {
    TOTAL_DOTS("totalDots"),
    SEED("seed"),
    DUPLICATE_SERVERS("allowDuplicateServers");

    final String label;

    Knob(String label) {
      this.label = label;
    }
  }

  /** python-continuum's {@code totaldots}. */
  int totalDots = 1000;
  /** The hash seed (pymemcache's murmur3 seed; the secret seed of continuum's own algorithms). */
  long seed;
  /** Accept equal servers (same host and port) in the list, as libmemcached and spymemcached do. */
  boolean duplicateServers;

  static Options defaults() {
    return new Options();
  }

  Options copy() {
    Options o = new Options();
    o.totalDots = totalDots;
    o.seed = seed;
    o.duplicateServers = duplicateServers;
    return o;
  }
}
