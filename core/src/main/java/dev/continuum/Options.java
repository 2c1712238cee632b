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
    DUPLICATE_SERVERS("allowDuplicateServers"),
    POINTS_PER_WEIGHT("pointsPerWeight"),
    PROBES("probes"),
    TABLE_SIZE("tableSize"),
    LOAD_FACTOR("loadFactor"),
    KEY_HASH("keyHash"),
    AVALANCHE("avalanche");

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

  /** Ring points per unit of capacity (ring, bounded-load). */
  int pointsPerWeight = 160;
  /** Probes per key (multi-probe). */
  int probes = 21;
  /** Prime lookup-table size (maglev). */
  int tableSize = 65537;
  /** Bounded-load factor c: no server above ceil(c * average load). */
  double loadFactor = 1.25;
  /** HAProxy's {@code avalanche} hash modifier (the HAProxy dialects). */
  boolean avalanche;

  /**
   * The key hash function of continuum's own algorithms, or null for the algorithm's default
   * ({@link Algorithm#defaultKeyHash()}), which {@link Algorithm#factory} fills in.
   */
  KeyHashFunction keyHash;

  /**
   * The 64-bit key hash continuum's own algorithms place by: {@link #keyHash} seeded with
   * {@link #seed}. Their factories take it from here and from nowhere else, so that choosing another
   * function is one change in one place.
   */
  KeyHash64 keyHash64() {
    return keyHash.seeded(seed);
  }

  static Options defaults() {
    return new Options();
  }

  Options copy() {
    Options o = new Options();
    o.totalDots = totalDots;
    o.seed = seed;
    o.duplicateServers = duplicateServers;
    o.pointsPerWeight = pointsPerWeight;
    o.probes = probes;
    o.tableSize = tableSize;
    o.loadFactor = loadFactor;
    o.keyHash = keyHash;
    o.avalanche = avalanche;
    return o;
  }
}
