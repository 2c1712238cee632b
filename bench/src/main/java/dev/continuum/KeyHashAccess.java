package dev.continuum;

import java.util.function.ToLongFunction;

/** continuum's key hashes for {@code KeyHashBench}, which lives outside the package. */
public final class KeyHashAccess {
  private KeyHashAccess() {}

  /**
   * The key hash of continuum's own algorithms over a String, as placements call it.
   *
   * @param function {@code xxhash64} or {@code rapidhash}
   * @param seed the seed
   * @return the function over a String's UTF-8 bytes
   */
  public static ToLongFunction<String> of(String function, long seed) {
    KeyHash64 h = KeyHashFunction.byName(function).seeded(seed);
    return h::hash;
  }
}
