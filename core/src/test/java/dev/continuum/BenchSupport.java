package dev.continuum;

import java.util.function.IntUnaryOperator;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * What the benchmarks (module bench, through core's test-jar) measure that the public API does not
 * show: a key hash alone, a ring searched from a hash already computed, the index slot alone, a
 * continuum that never merges, and the placement object JOL walks. Nothing here is part of the
 * library; it ships only in the test-jar.
 */
public final class BenchSupport {
  private BenchSupport() {}

  /** continuum's MD5 word 0 of the key's UTF-8, as every md5 ring hashes keys. */
  public static int md5(CharSequence key) {
    return KeyHash.MD5.hash(key);
  }

  /** The default 64-bit key hash of {@code algorithm} (seed 0), as its {@code resolve(key)} uses it. */
  public static ToLongFunction<CharSequence> defaultKeyHash(Algorithm algorithm) {
    KeyHash64 hash = algorithm.defaultKeyHash().orElseThrow().seeded(0);
    return hash::hash;
  }

  /** The key hash {@code function} ({@code xxhash64}, {@code rapidhash}) with {@code seed}, over a String. */
  public static ToLongFunction<String> keyHash(String function, long seed) {
    KeyHash64 hash = KeyHashFunction.byName(function).seeded(seed);
    return hash::hash;
  }

  /** continuum's JumpBackHash bucket function alone, without a continuum around it. */
  public static int jumpBackBucket(long hash, int buckets) {
    return JumpBack.bucket(hash, buckets);
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

  private static RingPlacement ring(Continuum c) {
    Placement p = c.snapshot().placement;
    if (!(p instanceof RingPlacement)) {
      throw new IllegalArgumentException(c.algorithm() + " does not search a ring");
    }
    return (RingPlacement) p;
  }

  /** The 32-bit ring position of a key, as the ring algorithm or dialect of {@code c} hashes it. */
  public static ToIntFunction<CharSequence> ringHash(Continuum c) {
    RingPlacement p = ring(c);
    return p::hash;
  }

  /** The server index the ring of {@code c} gives a ring position: the index and the search, no hash. */
  public static IntUnaryOperator ringLookup(Continuum c) {
    PointRing ring = ring(c).ring;
    return ring::ownerOf;
  }

  /** The index slot of a ring position alone (negative: answered by that one read). */
  public static IntUnaryOperator ringSlot(Continuum c) {
    PointRing ring = ring(c).ring;
    return ring::slot;
  }
}
