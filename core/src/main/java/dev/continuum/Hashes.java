package dev.continuum;

/**
 * The one hash function of a compatibility dialect that cannot be observed through placement:
 * pymemcache's murmur3_32. A rendezvous placement reveals only which node scored highest, never a
 * score, so checking an implementation of pymemcache against its published murmur3 values (as
 * {@code continuum conformance} does with {@code pymemcache.murmur3.tsv}) needs the function itself.
 *
 * <p>The ketama key hashes (md5, one-at-a-time, twemproxy's fnv1a_64) stay internal: every one of
 * them is pinned by placement vectors whose keys land exactly on ring points.
 *
 * <p>Stateless and thread-safe.
 */
public final class Hashes {
  private Hashes() {}

  /**
   * {@code murmur3_32(input, seed)} exactly as pymemcache 3.5.2 computes it: MurmurHash3 x86_32 over
   * the input's Unicode code points, each reduced to its low 8 bits, not over UTF-8 bytes (so U+0100
   * and U+1F600 hash alike); an unpaired surrogate counts as {@code '?'}. For example
   * {@code pymemcacheMurmur3("a", 0)} is {@code 0x3c2569b2}.
   *
   * @param input the text to hash
   * @param seed pymemcache's seed, 0..4294967295
   * @return the hash as an unsigned value
   * @throws NullPointerException if {@code input} is null
   * @throws IllegalArgumentException if the seed is outside 0..4294967295, or the input is longer than
   *     715,827,877 chars
   */
  public static long pymemcacheMurmur3(CharSequence input, long seed) {
    Checks.key(input);
    int s = (int) Checks.unsignedSeed32("pymemcache", seed);
    return Integer.toUnsignedLong(Murmur3.hash(input, s));
  }
}
