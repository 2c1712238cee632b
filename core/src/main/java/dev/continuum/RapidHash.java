package dev.continuum;

/**
 * rapidhash V3 (Nicolas De Carli, 2025, based on Wang Yi's wyhash; specification and reference code:
 * {@code rapidhash.h} of github.com/Nicoshev/rapidhash, function {@code rapidhash_withSeed} with the
 * default secrets): a selectable key hash of continuum's own algorithms. Written from that
 * specification; {@code RapidHashTest} checks it against hash4j's independent implementation
 * ({@code Hashing.rapidhashV3(seed)}) over every length up to 300 bytes and random inputs. Selectable
 * with {@link KeyHashFunction#RAPIDHASH}, not the default (see {@link KeyHashFunction}).
 *
 * <p>Allocation-free. A {@code String} of ASCII chars (up to 112, the lengths the fast path covers) is
 * hashed straight from its chars, eight to a word; any other key (other text, another
 * {@code CharSequence}) is encoded into the per-thread
 * buffer of {@link Utf8#scratch} and hashed as bytes, so {@code hash(s)} always equals {@code hash} of
 * its UTF-8 bytes. Bytes are read one at a time and assembled (no byte-array views), which keeps the
 * code instrumentable by Lincheck.
 */
final class RapidHash {
  private static final long S0 = 0x2d358dccaa6c78a5L;
  private static final long S1 = 0x8bb84b93962eacc9L;
  private static final long S2 = 0x4b33a62ed433d4a3L;
  private static final long S3 = 0x4d5a2da51de1aa47L;
  private static final long S4 = 0xa0761d6478bd642fL;
  private static final long S5 = 0xe7037ed1a0b428dbL;
  private static final long S6 = 0x90ed1765281c388cL;
  private static final long S7 = 0xaaaaaaaaaaaaaaaaL;

  /** {@link #fastAscii}'s answer when a char is not ASCII or the key is longer than it covers. */
  private static final long NOT_COVERED = 0;
  private static final int ASCII_LIMIT = 112;

  private RapidHash() {}

  /** rapidhash with {@code seed} as the {@link KeyHash64} of continuum's own algorithms. */
  static KeyHash64 seeded(long seed) {
    return new Seeded(seed);
  }

  /** {@code rapidhash_withSeed(b[off, off + len), seed)}. */
  static long hash(byte[] b, int off, int len, long seed) {
    return hashPremixed(b, off, len, premix(seed));
  }

  /** The seed as the hash uses it: depends on the seed alone, so computed once per instance. */
  private static long premix(long seed) {
    return seed ^ mix(seed ^ S2, S1);
  }

  /** The xor of the high and low halves of the unsigned 128-bit product. */
  static long mix(long a, long b) {
    return a * b ^ unsignedMultiplyHigh(a, b);
  }

  private static long unsignedMultiplyHigh(long a, long b) {
    // Math.unsignedMultiplyHigh is Java 18; this is its definition over the signed intrinsic.
    return Math.multiplyHigh(a, b) + (a & (b >> 63)) + (b & (a >> 63));
  }

  /** The last step, shared by every length: mum(a ^ s1, b ^ seed), then mix with the length. */
  private static long finish(long a, long b, long seed, long remaining) {
    a ^= S1;
    b ^= seed;
    long lo = a * b;
    long hi = unsignedMultiplyHigh(a, b);
    return mix(lo ^ S7, hi ^ S1 ^ remaining);
  }

  private static long hashPremixed(byte[] b, int off, int len, long seed) {
    if (len <= 16) {
      long x;
      long y;
      if (len >= 8) {
        seed ^= len;
        x = Utf8.le64(b, off);
        y = Utf8.le64(b, off + len - 8);
      } else if (len >= 4) {
        seed ^= len;
        x = Utf8.le32(b, off);
        y = Utf8.le32(b, off + len - 4);
      } else if (len > 0) {
        x = (b[off] & 0xFFL) << 45 | b[off + len - 1] & 0xFFL;
        y = b[off + (len >> 1)] & 0xFFL;
      } else {
        x = 0;
        y = 0;
      }
      return finish(x, y, seed, len);
    }
    int p = off;
    int i = len;
    if (i > 112) {
      long see1 = seed;
      long see2 = seed;
      long see3 = seed;
      long see4 = seed;
      long see5 = seed;
      long see6 = seed;
      do {
        seed = mix(Utf8.le64(b, p) ^ S0, Utf8.le64(b, p + 8) ^ seed);
        see1 = mix(Utf8.le64(b, p + 16) ^ S1, Utf8.le64(b, p + 24) ^ see1);
        see2 = mix(Utf8.le64(b, p + 32) ^ S2, Utf8.le64(b, p + 40) ^ see2);
        see3 = mix(Utf8.le64(b, p + 48) ^ S3, Utf8.le64(b, p + 56) ^ see3);
        see4 = mix(Utf8.le64(b, p + 64) ^ S4, Utf8.le64(b, p + 72) ^ see4);
        see5 = mix(Utf8.le64(b, p + 80) ^ S5, Utf8.le64(b, p + 88) ^ see5);
        see6 = mix(Utf8.le64(b, p + 96) ^ S6, Utf8.le64(b, p + 104) ^ see6);
        p += 112;
        i -= 112;
      } while (i > 112);
      seed ^= see1 ^ see2 ^ see3 ^ see4 ^ see5 ^ see6;
    }
    // The blocks of 16 after the first: which secret each takes, as the reference unrolls them.
    if (i > 16) {
      seed = mix(Utf8.le64(b, p) ^ S2, Utf8.le64(b, p + 8) ^ seed);
      for (int k = 16; k < i - 16 && k <= 80; k += 16) {
        seed = mix(Utf8.le64(b, p + k) ^ blockSecret(k), Utf8.le64(b, p + k + 8) ^ seed);
      }
    }
    return finish(Utf8.le64(b, p + i - 16) ^ i, Utf8.le64(b, p + i - 8), seed, i);
  }

  /** The secret of the 16-byte block at offset {@code k} (16 to 80) of the reference's chain. */
  private static long blockSecret(int k) {
    return k == 16 || k == 64 ? S2 : S1;
  }

  /**
   * The hash of an ASCII key of at most {@link #ASCII_LIMIT} chars, read from its chars (which are its
   * UTF-8 bytes), or {@link #NOT_COVERED}. Every char is read, so one non-ASCII char is always seen.
   * (A key whose true hash is {@code NOT_COVERED} is hashed again from its bytes, with the same result.)
   */
  private static long fastAscii(String s, long seed) {
    int len = s.length();
    long seen;
    long x = 0;
    long y = 0;
    if (len <= 16) {
      if (len >= 8) {
        seed ^= len;
        x = Utf8.asciiLane(s, 0);
        y = Utf8.asciiLane(s, len - 8);
        seen = x | y;
      } else if (len >= 4) {
        seed ^= len;
        x = Utf8.asciiWord(s, 0);
        y = Utf8.asciiWord(s, len - 4);
        seen = x | y;
      } else if (len > 0) {
        int c0 = s.charAt(0);
        int cl = s.charAt(len - 1);
        int cm = s.charAt(len >> 1);
        x = (long) c0 << 45 | cl;
        y = cm;
        seen = (c0 | cl | cm) >= 0x80 ? -1 : 0;
      } else {
        seen = 0;
      }
    } else if (len <= ASCII_LIMIT) {
      // The specification's reads, the overlapping last two included, each pair in a loop over its
      // lanes: in a loop the compiler checks the char indices once per loop rather than once per char
      // (measured: the same reads as straight-line code were much slower, and cutting the last two
      // lanes out of the first ones to read each char once cost more than the reads it saved).
      long a = 0;
      long b = 0;
      for (int p = 0; p < 16; p += 8) {
        a = b;
        b = Utf8.asciiLane(s, p);
      }
      seen = a | b;
      seed = mix(a ^ S2, b ^ seed);
      for (int k = 16; k < len - 16 && k <= 80; k += 16) {
        long c = Utf8.asciiLane(s, k);
        long d = Utf8.asciiLane(s, k + 8);
        seen |= c | d;
        seed = mix(c ^ blockSecret(k), d ^ seed);
      }
      for (int p = len - 16; p < len; p += 8) {
        x = y;
        y = Utf8.asciiLane(s, p);
      }
      seen |= x | y;
      x ^= len;
    } else {
      return NOT_COVERED;
    }
    if ((seen & 0x8080808080808080L) != 0) {
      return NOT_COVERED;
    }
    return finish(x, y, seed, len);
  }

  private static final class Seeded implements KeyHash64 {
    private final long seed;
    /** {@code seed} as the hash consumes it, computed once. */
    private final long premixed;

    Seeded(long seed) {
      this.seed = seed;
      this.premixed = premix(seed);
    }

    @Override
    public long hash(byte[] key, int offset, int length) {
      return hashPremixed(key, offset, length, premixed);
    }

    @Override
    public long hash(CharSequence key) {
      if (key instanceof String) {
        long h = fastAscii((String) key, premixed);
        if (h != NOT_COVERED) {
          return h;
        }
      }
      byte[] buf = Utf8.scratch(key.length() * 3);
      return hashPremixed(buf, 0, Utf8.encode(key, buf), premixed);
    }

    @Override
    public String toString() {
      return "rapidhash(seed " + seed + ")";
    }
  }
}
