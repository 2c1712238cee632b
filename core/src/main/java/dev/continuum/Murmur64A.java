package dev.continuum;

/**
 * MurmurHash64A (Austin Appleby's 64-bit MurmurHash2) as Jedis computes it for its sharding:
 * little-endian 8-byte blocks, the trailing 1..7 bytes read as one little-endian word, seed
 * {@link #JEDIS_SEED}. Jedis's {@code Hashing.MURMUR_HASH} is this function over a key's UTF-8 bytes
 * (Jedis 3.10.0 through 6.2.0 compute the same).
 *
 * <p>The value is signed: Jedis keeps its ring in a {@code TreeMap<Long, ...>}, so points and keys are
 * ordered as signed 64-bit numbers.
 */
final class Murmur64A {
  private Murmur64A() {}

  /** The seed Jedis passes for every key and ring point. */
  static final int JEDIS_SEED = 0x1234ABCD;

  private static final long M = 0xc6a4a7935bd1e995L;
  private static final int R = 47;

  static long hash(byte[] data, int offset, int length, int seed) {
    // The int seed widens with its sign, as Java does in Jedis's `seed ^ (length * m)`.
    long h = seed ^ (length * M);
    int end = offset + (length & ~7);
    int i = offset;
    for (; i < end; i += 8) {
      long k = (data[i] & 0xFFL)
          | (data[i + 1] & 0xFFL) << 8
          | (data[i + 2] & 0xFFL) << 16
          | (data[i + 3] & 0xFFL) << 24
          | (data[i + 4] & 0xFFL) << 32
          | (data[i + 5] & 0xFFL) << 40
          | (data[i + 6] & 0xFFL) << 48
          | (data[i + 7] & 0xFFL) << 56;
      k *= M;
      k ^= k >>> R;
      k *= M;
      h ^= k;
      h *= M;
    }
    int rest = length & 7;
    if (rest > 0) {
      long tail = 0;
      for (int j = rest - 1; j >= 0; j--) {
        tail = tail << 8 | (data[i + j] & 0xFFL);
      }
      h ^= tail;
      h *= M;
    }
    h ^= h >>> R;
    h *= M;
    h ^= h >>> R;
    return h;
  }

  /** Jedis's key hash of {@code key[offset, offset + length)}. */
  static long jedis(byte[] key, int offset, int length) {
    return hash(key, offset, length, JEDIS_SEED);
  }

  /** Jedis's key hash of the UTF-8 encoding of {@code key} (what Jedis's {@code SafeEncoder} gives). */
  static long jedis(CharSequence key) {
    byte[] buf = Utf8.scratch(key.length() * 3);
    return hash(buf, 0, Utf8.encode(key, buf), JEDIS_SEED);
  }
}
