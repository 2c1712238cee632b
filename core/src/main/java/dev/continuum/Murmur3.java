package dev.continuum;

/**
 * MurmurHash3 x86_32 as pymemcache 3.5.2 computes it: over the key's Unicode code points, each
 * reduced to its low 8 bits, with length = the number of code points (not UTF-8 bytes).
 *
 * <p>Input is staged as "units" (one byte per code point) in caller-owned or per-thread buffers, so
 * hashing allocates nothing. A hash may run over two unit arrays back to back, which is how
 * pymemcache's {@code node + "-" + key} is hashed without building the string.
 */
final class Murmur3 {
  private Murmur3() {}

  private static final int C1 = 0xcc9e2d51;
  private static final int C2 = 0x1b873593;

  /** Per-thread buffer for a key's units; separate from {@link Utf8#scratch} so both can be live. */
  private static final ThreadLocal<byte[][]> UNITS = ThreadLocal.withInitial(() -> new byte[][] {new byte[256]});

  static byte[] unitScratch(int size) {
    byte[][] holder = UNITS.get();
    if (holder[0].length < size) {
      holder[0] = new byte[Math.max(size, holder[0].length * 2)];
    }
    return holder[0];
  }

  /**
   * Writes the units of {@code s} (code points & 0xFF) into {@code out} and returns their count. An
   * unpaired surrogate counts as '?', so a string and its UTF-8 bytes always hash alike.
   */
  static int units(CharSequence s, byte[] out) {
    int n = s.length();
    int count = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        out[count++] = (byte) Character.toCodePoint(c, s.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        out[count++] = '?'; // an unpaired surrogate, as String.getBytes(UTF_8) encodes it
      } else {
        out[count++] = (byte) c;
      }
    }
    return count;
  }

  /**
   * Decodes UTF-8 {@code bytes} and writes the units of its code points into {@code out} (which must
   * hold {@code length} bytes); returns their count. A byte that does not start a well-formed
   * sequence counts as U+FFFD (unit 0xFD), one per byte; Python would have rejected such a key.
   */
  static int units(byte[] bytes, int offset, int length, byte[] out) {
    int count = 0;
    int i = offset;
    int end = offset + length;
    while (i < end) {
      int b = bytes[i] & 0xFF;
      int need;
      int cp;
      if (b < 0x80) {
        out[count++] = (byte) b;
        i++;
        continue;
      } else if (b >= 0xC2 && b <= 0xDF) {
        need = 1;
        cp = b & 0x1F;
      } else if (b >= 0xE0 && b <= 0xEF) {
        need = 2;
        cp = b & 0x0F;
      } else if (b >= 0xF0 && b <= 0xF4) {
        need = 3;
        cp = b & 0x07;
      } else {
        out[count++] = (byte) 0xFD;
        i++;
        continue;
      }
      boolean ok = true;
      for (int k = 1; ok && k <= need; k++) {
        if (i + k >= end || (bytes[i + k] & 0xC0) != 0x80) {
          ok = false;
        } else {
          cp = cp << 6 | (bytes[i + k] & 0x3F);
        }
      }
      if (ok && (need == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) || need == 3 && (cp < 0x10000 || cp > 0x10FFFF))) {
        ok = false;
      }
      if (ok) {
        out[count++] = (byte) cp;
        i += need + 1;
      } else {
        out[count++] = (byte) 0xFD;
        i++;
      }
    }
    return count;
  }

  /** murmur3_32 of units {@code a[0, aLen)} followed by {@code b[0, bLen)}. */
  static int hash(byte[] a, int aLen, byte[] b, int bLen, int seed) {
    int h = seed;
    int total = aLen + bLen;
    int k = 0;
    for (int i = 0; i < total; i++) {
      int unit = (i < aLen ? a[i] : b[i - aLen]) & 0xFF;
      k |= unit << ((i & 3) << 3);
      if ((i & 3) == 3) {
        h ^= mixK(k);
        h = Integer.rotateLeft(h, 13);
        h = h * 5 + 0xe6546b64;
        k = 0;
      }
    }
    if ((total & 3) != 0) {
      h ^= mixK(k);
    }
    h ^= total;
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  private static int mixK(int k) {
    k *= C1;
    k = Integer.rotateLeft(k, 15);
    return k * C2;
  }

  /** pymemcache's {@code murmur3_32(s, seed)} of a string. */
  static int hash(CharSequence s, int seed) {
    byte[] u = unitScratch(s.length());
    return hash(u, units(s, u), u, 0, seed);
  }

  /** The same, of a string given as UTF-8 bytes. */
  static int hash(byte[] utf8, int offset, int length, int seed) {
    byte[] u = unitScratch(length);
    return hash(u, units(utf8, offset, length, u), u, 0, seed);
  }

  /** pymemcache's murmur3 with {@code seed} as a {@link KeyHash} (over code points, see above). */
  static KeyHash keyHash(int seed) {
    return new KeyHash() {
      @Override
      public int hash(byte[] key, int offset, int length) {
        return Murmur3.hash(key, offset, length, seed);
      }

      @Override
      public int hash(CharSequence key) {
        return Murmur3.hash(key, seed);
      }
    };
  }
}
