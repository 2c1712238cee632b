package dev.continuum;

/**
 * The benchmarks' door into package-private core: the key hash, a continuum that never merges (the
 * baseline for incremental updates) and the placement to measure with JOL.
 */
public final class BenchAccess {
  private BenchAccess() {}

  /** continuum's MD5 word 0 of the key's UTF-8, as every md5 ring hashes keys. */
  public static int md5(CharSequence key) {
    return KeyHash.MD5.hash(key);
  }

  /** continuum's xxHash64 (seed 0) of the key's UTF-8, the default 64-bit hash of its own algorithms. */
  public static long xxHash64(CharSequence key) {
    return XxHash64.hash(key, 0);
  }

  /** A continuum of {@code algorithm} that rebuilds its placement on every change, never merging. */
  public static Continuum fullBuilds(Algorithm algorithm) {
    PlacementFactory factory = algorithm.factory(Options.defaults());
    return new Continuum(algorithm, (PlacementFactory) factory::build, true);
  }

  /** The placement object of {@code c}, the root JOL walks to measure its memory. */
  public static Object placementOf(Continuum c) {
    return c.snapshot().placement;
  }
}
