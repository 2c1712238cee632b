package dev.continuum;

/**
 * xxHash64 (Yann Collet, XXH64 of the xxHash specification, {@code doc/xxhash_spec.md}): the fast
 * 64-bit key hash of continuum's own algorithms, and the 64-bit mixing step they derive further hashes
 * with. Written from the specification; checked against the published test values.
 *
 * <p>Allocation-free: bytes are read in place; a {@link CharSequence} is hashed as its UTF-8 encoding,
 * encoded on the fly into the hash's lanes.
 */
final class XxHash64 {
  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;
  private static final long P3 = 0x165667B19E3779F9L;
  private static final long P4 = 0x85EBCA77C2B2AE63L;
  private static final long P5 = 0x27D4EB2F165667C5L;

  private XxHash64() {}

  /** XXH64 with a fixed seed, as the {@link KeyHash64} of continuum's own algorithms. */
  static KeyHash64 seeded(long seed) {
    return seed == 0 ? UNSEEDED : new Seeded(seed);
  }

  /**
   * Seed 0, the default seed, as a constant: the JIT folds it into the hash's starting
   * values instead of loading a field and adding it on every key (measured about 0.5 ns of a 22-ns
   * String lookup). The same function as {@code new Seeded(0)}.
   */
  private static final KeyHash64 UNSEEDED = new KeyHash64() {
    @Override
    public long hash(byte[] key, int offset, int length) {
      return XxHash64.hash(key, offset, length, 0L);
    }

    @Override
    public long hash(CharSequence key) {
      return XxHash64.hash(key, 0L);
    }

    @Override
    public String toString() {
      return "xxhash64(seed 0)";
    }
  };

  private static final class Seeded implements KeyHash64 {
    private final long seed;

    Seeded(long seed) {
      this.seed = seed;
    }

    @Override
    public long hash(byte[] key, int offset, int length) {
      return XxHash64.hash(key, offset, length, seed);
    }

    @Override
    public long hash(CharSequence key) {
      return XxHash64.hash(key, seed);
    }

    @Override
    public String toString() {
      return "xxhash64(seed " + seed + ")";
    }
  }

  /** XXH64 of {@code b[off, off + len)} with {@code seed}. */
  static long hash(byte[] b, int off, int len, long seed) {
    int end = off + len;
    int p = off;
    long h;
    if (len >= 32) {
      long v1 = seed + P1 + P2;
      long v2 = seed + P2;
      long v3 = seed;
      long v4 = seed - P1;
      int limit = end - 32;
      do {
        v1 = round(v1, Utf8.le64(b, p));
        v2 = round(v2, Utf8.le64(b, p + 8));
        v3 = round(v3, Utf8.le64(b, p + 16));
        v4 = round(v4, Utf8.le64(b, p + 24));
        p += 32;
      } while (p <= limit);
      h = converge(v1, v2, v3, v4);
    } else {
      h = seed + P5;
    }
    h += len;
    while (p + 8 <= end) {
      h = tail8(h, Utf8.le64(b, p));
      p += 8;
    }
    if (p + 4 <= end) {
      h = tail4(h, b[p] & 0xFFL | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24);
      p += 4;
    }
    while (p < end) {
      h = tail1(h, b[p] & 0xFFL);
      p++;
    }
    return avalanche(h);
  }

  static long hash(byte[] b, long seed) {
    return hash(b, 0, b.length, seed);
  }

  /**
   * XXH64 of the UTF-8 encoding of {@code s} with {@code seed}, encoding on the fly: the characters
   * are turned into bytes and gathered into 8-byte lanes as they are read, nothing is buffered. Equal
   * to hashing {@code s.toString().getBytes(UTF_8)} (an unpaired surrogate is {@code '?'}).
   */
  static long hash(CharSequence s, long seed) {
    if (s instanceof String) {
      long h = hashAscii((String) s, seed);
      if (h != NOT_ASCII) {
        return h;
      }
    }
    return hashEncoding(s, seed);
  }

  /** {@link #hashAscii}'s answer for a key with a char of 0x80 or above (never a hash it returns). */
  private static final long NOT_ASCII = 0;

  /**
   * The fast path for ASCII Strings, whose UTF-8 bytes are their chars: eight chars make a lane, with
   * no per-byte branch. (Other {@code CharSequence}s take the general path: typed as {@code String},
   * every {@code charAt} here is a direct call, measured about 1 ns a key faster.) Whether every char is below 0x80 is checked on the way; when one is not, the
   * result is discarded and {@link #NOT_ASCII} returned, so an ASCII key is read once. (A key whose
   * real hash is 0 is reported as NOT_ASCII too and recomputed by the general path, which gives the
   * same 0.)
   */
  private static long hashAscii(String s, long seed) {
    int len = s.length();
    int p = 0;
    long lanes = 0; // OR of every lane read: ASCII lanes have no byte's high bit set
    int tail = 0; // OR of the chars read one by one
    long h;
    if (len >= 32) {
      long v1 = seed + P1 + P2;
      long v2 = seed + P2;
      long v3 = seed;
      long v4 = seed - P1;
      int limit = len - 32;
      do {
        long l1 = Utf8.asciiLane(s, p);
        long l2 = Utf8.asciiLane(s, p + 8);
        long l3 = Utf8.asciiLane(s, p + 16);
        long l4 = Utf8.asciiLane(s, p + 24);
        lanes |= l1 | l2 | l3 | l4;
        v1 = round(v1, l1);
        v2 = round(v2, l2);
        v3 = round(v3, l3);
        v4 = round(v4, l4);
        p += 32;
      } while (p <= limit);
      h = converge(v1, v2, v3, v4);
    } else {
      h = seed + P5;
    }
    h += len;
    while (p + 8 <= len) {
      long l = Utf8.asciiLane(s, p);
      lanes |= l;
      h = tail8(h, l);
      p += 8;
    }
    if (p + 4 <= len) {
      long word = Utf8.asciiWord(s, p);
      lanes |= word;
      h = tail4(h, word);
      p += 4;
    }
    while (p < len) {
      int c = s.charAt(p);
      tail |= c;
      h = tail1(h, c);
      p++;
    }
    if ((lanes & 0x8080808080808080L) != 0 || tail >= 0x80) {
      return NOT_ASCII;
    }
    return avalanche(h);
  }

  /** The general path: any text, encoded to UTF-8 on the fly. */
  private static long hashEncoding(CharSequence s, long seed) {
    int chars = s.length();
    int len = Utf8.length(s);
    // Bytes [0, stripes) go through the four accumulators, the rest through the tail steps.
    int stripes = len >= 32 ? len & ~31 : 0;
    long v1 = seed + P1 + P2;
    long v2 = seed + P2;
    long v3 = seed;
    long v4 = seed - P1;
    long h = len >= 32 ? 0 : seed + P5 + len;
    long lane = 0;
    int laneBytes = 0;
    int p = 0; // bytes consumed so far
    for (int i = 0; i < chars; i++) {
      char c = s.charAt(i);
      int units; // the character's UTF-8 bytes, first byte lowest
      int count;
      if (c < 0x80) {
        units = c;
        count = 1;
      } else if (c < 0x800) {
        units = (0xC0 | c >> 6) | (0x80 | c & 0x3F) << 8;
        count = 2;
      } else if (!Character.isSurrogate(c)) {
        units = (0xE0 | c >> 12) | (0x80 | c >> 6 & 0x3F) << 8 | (0x80 | c & 0x3F) << 16;
        count = 3;
      } else if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        units = (0xF0 | cp >> 18) | (0x80 | cp >> 12 & 0x3F) << 8 | (0x80 | cp >> 6 & 0x3F) << 16
            | (0x80 | cp & 0x3F) << 24;
        count = 4;
      } else {
        units = '?';
        count = 1;
      }
      for (int k = 0; k < count; k++, units >>>= 8) {
        lane |= (long) (units & 0xFF) << (8 * laneBytes);
        p++;
        if (++laneBytes < 8) {
          continue;
        }
        if (p <= stripes) {
          switch ((p >> 3) & 3) {
            case 1 -> v1 = round(v1, lane);
            case 2 -> v2 = round(v2, lane);
            case 3 -> v3 = round(v3, lane);
            default -> {
              v4 = round(v4, lane);
              if (p == stripes) {
                h = converge(v1, v2, v3, v4) + len;
              }
            }
          }
        } else {
          h = tail8(h, lane);
        }
        lane = 0;
        laneBytes = 0;
      }
    }
    // Fewer than 8 bytes remain in the lane: a 4-byte step, then single bytes.
    if (laneBytes >= 4) {
      h = tail4(h, lane & 0xFFFFFFFFL);
      lane >>>= 32;
      laneBytes -= 4;
    }
    for (; laneBytes > 0; laneBytes--, lane >>>= 8) {
      h = tail1(h, lane & 0xFF);
    }
    return avalanche(h);
  }

  /**
   * XXH64's final avalanche, a bijection on 64-bit values: derives well-mixed hashes from combined
   * ones (a key hash with a server id, a probe number, a replica number).
   */
  static long mix(long h) {
    return avalanche(h);
  }

  /** A uniform double in the open interval (0, 1) from the high 53 bits of a hash. */
  static double unitOpen(long h) {
    return ((h >>> 11) + 0.5) * 0x1.0p-53;
  }

  private static long round(long acc, long lane) {
    return Long.rotateLeft(acc + lane * P2, 31) * P1;
  }

  /** The tail steps after the stripes: an 8-byte lane, a 4-byte word, a single byte. */
  private static long tail8(long h, long lane) {
    return Long.rotateLeft(h ^ round(0, lane), 27) * P1 + P4;
  }

  private static long tail4(long h, long word) {
    return Long.rotateLeft(h ^ (word * P1), 23) * P2 + P3;
  }

  private static long tail1(long h, long b) {
    return Long.rotateLeft(h ^ (b * P5), 11) * P1;
  }

  private static long converge(long v1, long v2, long v3, long v4) {
    long h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
    h = (h ^ round(0, v1)) * P1 + P4;
    h = (h ^ round(0, v2)) * P1 + P4;
    h = (h ^ round(0, v3)) * P1 + P4;
    h = (h ^ round(0, v4)) * P1 + P4;
    return h;
  }

  private static long avalanche(long h) {
    h ^= h >>> 33;
    h *= P2;
    h ^= h >>> 29;
    h *= P3;
    h ^= h >>> 32;
    return h;
  }

}
