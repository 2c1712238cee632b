package dev.continuum;

/**
 * rapidhash V3 (Nicolas De Carli, 2025, based on Wang Yi's wyhash; specification and reference code:
 * {@code rapidhash.h} of github.com/Nicoshev/rapidhash, function {@code rapidhash_withSeed} with the
 * default secrets): a selectable key hash of continuum's own algorithms. Written from that
 * specification; {@code RapidHashTest} checks it against hash4j's independent implementation
 * ({@code Hashing.rapidhashV3(seed)}) over every length up to 300 bytes and random inputs. Two key
 * hashes: {@link KeyHashFunction#RAPIDHASH} over the key's UTF-8 bytes, and
 * {@link KeyHashFunction#RAPIDHASH_WIDE} over those bytes widened to 16-bit units ({@link #seededWide},
 * the default of jumpback and memento).
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

  /**
   * rapidhash of the key's UTF-8 bytes each widened to a 16-bit little-endian unit, with {@code seed}:
   * the {@link KeyHash64} of {@link KeyHashFunction#RAPIDHASH_WIDE}. For an ASCII key the widened
   * bytes are its UTF-16LE chars, so the hash is hash4j's {@code rapidhashV3(seed).hashCharsToLong(key)}
   * and is read from the chars as hash4j reads them, four to a word, with no packing into bytes.
   */
  static KeyHash64 seededWide(long seed) {
    return seed == 0 ? WIDE_UNSEEDED : new Wide(seed);
  }

  /** rapidhash of {@code b[off, off + len)} widened (see {@link #seededWide}) with {@code seed}. */
  static long hashWide(byte[] b, int off, int len, long seed) {
    return hashPremixed(b, off, len, premix(seed), true);
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
    return hashPremixed(b, off, len, seed, false);
  }

  /**
   * The specification over {@code b[off, off + len)}, or, when {@code wide}, over those bytes each
   * widened to the 16-bit little-endian unit {@code (byte, 0)}: {@code 2 * len} bytes, never built,
   * read four source bytes to a word. Widened offsets are even everywhere the specification reads
   * (its reads start at 0 or end at the end, in steps of 4, 8 and 16), so a widened word is always
   * whole source bytes spread out. Lengths are long because a widened key can pass 2^31 bytes.
   */
  private static long hashPremixed(byte[] b, int off, int len, long seed, boolean wide) {
    long n = wide ? 2L * len : len;
    if (n <= 16) {
      long x;
      long y;
      if (n >= 8) {
        seed ^= n;
        x = word(b, off, 0, wide);
        y = word(b, off, n - 8, wide);
      } else if (n >= 4) {
        seed ^= n;
        x = half(b, off, 0, wide);
        y = half(b, off, n - 4, wide);
      } else if (n > 0) {
        x = unit(b, off, 0, wide) << 45 | unit(b, off, n - 1, wide);
        y = unit(b, off, n >> 1, wide);
      } else {
        x = 0;
        y = 0;
      }
      return finish(x, y, seed, n);
    }
    long p = 0;
    long i = n;
    if (i > 112) {
      long see1 = seed;
      long see2 = seed;
      long see3 = seed;
      long see4 = seed;
      long see5 = seed;
      long see6 = seed;
      do {
        seed = mix(word(b, off, p, wide) ^ S0, word(b, off, p + 8, wide) ^ seed);
        see1 = mix(word(b, off, p + 16, wide) ^ S1, word(b, off, p + 24, wide) ^ see1);
        see2 = mix(word(b, off, p + 32, wide) ^ S2, word(b, off, p + 40, wide) ^ see2);
        see3 = mix(word(b, off, p + 48, wide) ^ S3, word(b, off, p + 56, wide) ^ see3);
        see4 = mix(word(b, off, p + 64, wide) ^ S4, word(b, off, p + 72, wide) ^ see4);
        see5 = mix(word(b, off, p + 80, wide) ^ S5, word(b, off, p + 88, wide) ^ see5);
        see6 = mix(word(b, off, p + 96, wide) ^ S6, word(b, off, p + 104, wide) ^ see6);
        p += 112;
        i -= 112;
      } while (i > 112);
      seed ^= see1 ^ see2 ^ see3 ^ see4 ^ see5 ^ see6;
    }
    // The blocks of 16 after the first: which secret each takes, as the reference unrolls them.
    if (i > 16) {
      seed = mix(word(b, off, p, wide) ^ S2, word(b, off, p + 8, wide) ^ seed);
      for (int k = 16; k < i - 16 && k <= 80; k += 16) {
        seed = mix(word(b, off, p + k, wide) ^ blockSecret(k), word(b, off, p + k + 8, wide) ^ seed);
      }
    }
    return finish(word(b, off, p + i - 16, wide) ^ i, word(b, off, p + i - 8, wide), seed, i);
  }

  /** The little-endian 64-bit word at (widened) offset {@code q} of the input. */
  private static long word(byte[] b, int off, long q, boolean wide) {
    return wide ? spread(Utf8.le32(b, off + (int) (q >>> 1))) : Utf8.le64(b, off + (int) q);
  }

  /** The little-endian 32-bit word at (widened) offset {@code q}, unsigned. */
  private static long half(byte[] b, int off, long q, boolean wide) {
    int at = off + (int) (wide ? q >>> 1 : q);
    return wide ? spread(b[at] & 0xFFL | (b[at + 1] & 0xFFL) << 8) : Utf8.le32(b, at);
  }

  /** The byte at (widened) offset {@code q}: a widened odd offset is a high byte, 0. */
  private static long unit(byte[] b, int off, long q, boolean wide) {
    if (!wide) {
      return b[off + (int) q] & 0xFFL;
    }
    return (q & 1) == 0 ? b[off + (int) (q >>> 1)] & 0xFFL : 0;
  }

  /** Bytes 0..3 of {@code x} moved to bytes 0, 2, 4 and 6: four bytes widened to 16-bit units. */
  private static long spread(long x) {
    x = (x | x << 16) & 0x0000_FFFF_0000_FFFFL;
    return (x | x << 8) & 0x00FF_00FF_00FF_00FFL;
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

  /** {@link #fastAsciiWide} covers ASCII keys up to this many chars (112 widened bytes, one block run). */
  private static final int WIDE_ASCII_LIMIT = 56;

  /**
   * The widened hash of an ASCII key of at most {@link #WIDE_ASCII_LIMIT} chars, read from its chars
   * (which are its widened UTF-8 bytes), or {@link #NOT_COVERED}. Every char is read, so one
   * non-ASCII char is always seen.
   */
  private static long fastAsciiWide(String s, long seed) {
    int len = s.length();
    long n = 2L * len;
    long seen;
    long x = 0;
    long y = 0;
    if (len <= 8) {
      if (len >= 4) {
        seed ^= n;
        x = chars4(s, 0);
        y = chars4(s, len - 4);
        seen = x | y;
      } else if (len >= 2) {
        seed ^= n;
        x = s.charAt(0) | (long) s.charAt(1) << 16;
        y = s.charAt(len - 2) | (long) s.charAt(len - 1) << 16;
        seen = x | y;
      } else if (len == 1) {
        seen = s.charAt(0);
        x = seen << 45; // the widened key's bytes 0 and 1: the char, then its high byte 0
      } else {
        seen = 0;
      }
    } else if (len <= WIDE_ASCII_LIMIT) {
      // The specification's blocks of 16 widened bytes (8 chars) written out as a chain of tests, not
      // as fastAscii's loop over blockSecret: measured, the loop put jumpback at 1.02x hash4j in a
      // paired --quick run (3 of 3 rounds over) where this form gives 0.99x-1.00x.
      long a = chars4(s, 0);
      long b = chars4(s, 4);
      seen = a | b;
      seed = mix(a ^ S2, b ^ seed);
      if (len > 16) {
        a = chars4(s, 8);
        b = chars4(s, 12);
        seen |= a | b;
        seed = mix(a ^ S2, b ^ seed);
        if (len > 24) {
          a = chars4(s, 16);
          b = chars4(s, 20);
          seen |= a | b;
          seed = mix(a ^ S1, b ^ seed);
          if (len > 32) {
            a = chars4(s, 24);
            b = chars4(s, 28);
            seen |= a | b;
            seed = mix(a ^ S1, b ^ seed);
            if (len > 40) {
              a = chars4(s, 32);
              b = chars4(s, 36);
              seen |= a | b;
              seed = mix(a ^ S2, b ^ seed);
              if (len > 48) {
                a = chars4(s, 40);
                b = chars4(s, 44);
                seen |= a | b;
                seed = mix(a ^ S1, b ^ seed);
              }
            }
          }
        }
      }
      x = chars4(s, len - 8);
      y = chars4(s, len - 4);
      seen |= x | y;
      x ^= n;
    } else {
      return NOT_COVERED;
    }
    if ((seen & 0xFF80_FF80_FF80_FF80L) != 0) {
      return NOT_COVERED;
    }
    return finish(x, y, seed, n);
  }

  /** Chars {@code [j, j + 4)} of {@code s} as 16-bit units, first lowest (hash4j's reading of chars). */
  private static long chars4(String s, int j) {
    return s.charAt(j) | (long) s.charAt(j + 1) << 16 | (long) s.charAt(j + 2) << 32 | (long) s.charAt(j + 3) << 48;
  }

  /** The widened hash of any text: ASCII Strings from their chars, the rest encoded first. */
  private static long hashWide(CharSequence key, long premixed) {
    if (key instanceof String) {
      long h = fastAsciiWide((String) key, premixed);
      if (h != NOT_COVERED) {
        return h;
      }
    }
    byte[] buf = Utf8.scratch(key.length() * 3);
    return hashPremixed(buf, 0, Utf8.encode(key, buf), premixed, true);
  }

  private static final long PREMIXED_0 = premix(0);

  /** Seed 0, the default, as constants the JIT folds (as {@code XxHash64}'s seed-0 instance). */
  private static final KeyHash64 WIDE_UNSEEDED = new KeyHash64() {
    @Override
    public long hash(byte[] key, int offset, int length) {
      return hashPremixed(key, offset, length, PREMIXED_0, true);
    }

    @Override
    public long hash(CharSequence key) {
      return hashWide(key, PREMIXED_0);
    }

    @Override
    public String toString() {
      return "rapidhash-wide(seed 0)";
    }
  };

  private static final class Wide implements KeyHash64 {
    private final long seed;
    private final long premixed;

    Wide(long seed) {
      this.seed = seed;
      this.premixed = premix(seed);
    }

    @Override
    public long hash(byte[] key, int offset, int length) {
      return hashPremixed(key, offset, length, premixed, true);
    }

    @Override
    public long hash(CharSequence key) {
      return hashWide(key, premixed);
    }

    @Override
    public String toString() {
      return "rapidhash-wide(seed " + seed + ")";
    }
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
