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
      h = block(h, k);
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
    return finish(h);
  }

  /** Mixes the 8-byte block {@code k} into {@code h}. */
  private static long block(long h, long k) {
    k *= M;
    k ^= k >>> R;
    k *= M;
    h ^= k;
    return h * M;
  }

  private static long finish(long h) {
    h ^= h >>> R;
    h *= M;
    return h ^ h >>> R;
  }

  /** Jedis's key hash of {@code key[offset, offset + length)}. */
  static long jedis(byte[] key, int offset, int length) {
    return hash(key, offset, length, JEDIS_SEED);
  }

  /** Jedis's key hash of the UTF-8 encoding of {@code key} (what Jedis's {@code SafeEncoder} gives). */
  static long jedis(CharSequence key) {
    if (key instanceof String) {
      long h = jedisAscii((String) key);
      if (h != NOT_ASCII) {
        return h;
      }
    }
    byte[] buf = Utf8.scratch(key.length() * 3);
    return hash(buf, 0, Utf8.encode(key, buf), JEDIS_SEED);
  }

  /** {@link #jedisAscii}'s answer for a key with a char of 0x80 or above (never a hash it returns). */
  private static final long NOT_ASCII = 0;

  /**
   * {@link #jedis} of an ASCII String, whose UTF-8 bytes are its chars, read eight to a block
   * ({@link Utf8#asciiLane}; typed {@code String} so that {@code charAt} is a direct call), with no
   * buffer; {@link #NOT_ASCII} when a char is not ASCII. (A key whose real hash is 0 is hashed again
   * from its bytes, with the same 0.)
   */
  private static long jedisAscii(String s) {
    int length = s.length();
    long h = JEDIS_SEED ^ (length * M);
    long lanes = 0; // OR of every lane read: ASCII lanes have no byte's high bit set
    int end = length & ~7;
    for (int p = 0; p < end; p += 8) {
      long k = Utf8.asciiLane(s, p);
      lanes |= k;
      h = block(h, k);
    }
    int rest = length & 7;
    if (rest > 0) {
      long tail = Utf8.asciiTail(s, rest);
      lanes |= tail;
      h ^= tail;
      h *= M;
    }
    if ((lanes & 0x8080_8080_8080_8080L) != 0) {
      return NOT_ASCII;
    }
    return finish(h);
  }
}
