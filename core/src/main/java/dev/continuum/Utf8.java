package dev.continuum;

/**
 * UTF-8 encoding of a {@link CharSequence} into a caller's buffer, without allocating.
 *
 * <p>The result is byte for byte what {@code String.getBytes(StandardCharsets.UTF_8)} gives, including
 * its rule for broken text: an unpaired surrogate becomes {@code '?'}. That keeps {@code resolve(String)}
 * and {@code resolve(byte[])} in agreement for every string.
 */
final class Utf8 {
  private Utf8() {}

  /** The number of bytes {@code s} takes in UTF-8. */
  static int length(CharSequence s) {
    int n = s.length();
    int bytes = n;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        if (c < 0x800) {
          bytes += 1;
        } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          bytes += 2; // 4 bytes for 2 chars
          i++;
        } else if (Character.isSurrogate(c)) {
          // unpaired surrogate: encoded as '?', one byte
        } else {
          bytes += 2;
        }
      }
    }
    return bytes;
  }

  /**
   * Encodes {@code s} into {@code out} starting at 0 and returns the number of bytes written.
   * {@code out} must hold at least {@link #length(CharSequence)} bytes.
   */
  static int encode(CharSequence s, byte[] out) {
    int n = s.length();
    int p = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        out[p++] = (byte) c;
      } else if (c < 0x800) {
        out[p++] = (byte) (0xC0 | (c >> 6));
        out[p++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          int cp = Character.toCodePoint(c, s.charAt(++i));
          out[p++] = (byte) (0xF0 | (cp >> 18));
          out[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
          out[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
          out[p++] = (byte) (0x80 | (cp & 0x3F));
        } else {
          out[p++] = '?';
        }
      } else {
        out[p++] = (byte) (0xE0 | (c >> 12));
        out[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        out[p++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return p;
  }

  /** A per-thread buffer for encoding keys; grows to the longest key seen and is then reused. */
  private static final ThreadLocal<byte[][]> SCRATCH = ThreadLocal.withInitial(() -> new byte[][] {new byte[256]});

  /** The largest scratch buffer a thread keeps between keys (1 MiB). */
  static final int RETAINED_LIMIT = 1 << 20;

  /** A buffer of at least {@code size} bytes owned by the calling thread. Do not keep it. */
  static byte[] scratch(int size) {
    if (size > RETAINED_LIMIT) {
      return new byte[size]; // a rare huge key: not kept, so one such key does not pin memory
    }
    byte[][] holder = SCRATCH.get();
    byte[] b = holder[0];
    if (b.length < size) {
      b = new byte[Math.max(size, Math.min(b.length * 2, RETAINED_LIMIT))];
      holder[0] = b;
    }
    return b;
  }

  /** The little-endian 64-bit word at {@code b[p, p + 8)}, read byte by byte (see {@link Md5}: Lincheck). */
  static long le64(byte[] b, int p) {
    return b[p] & 0xFFL | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24
        | (b[p + 4] & 0xFFL) << 32 | (b[p + 5] & 0xFFL) << 40 | (b[p + 6] & 0xFFL) << 48
        | (long) b[p + 7] << 56;
  }

  /** The little-endian 32-bit word at {@code b[p, p + 4)}, unsigned. */
  static long le32(byte[] b, int p) {
    return b[p] & 0xFFL | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24;
  }

  /**
   * Chars {@code [p, p + 8)} of {@code s}, one a byte, first lowest (the little-endian word of their
   * UTF-8 bytes) when all are ASCII; otherwise -1 (every byte's high bit set, which no ASCII word has),
   * so that a caller ORs the words it reads and checks the high bits once.
   *
   * <p>The even chars and the odd chars are gathered into two words of four 16-bit slots each: no char
   * can spill into a neighbour's slot, so one mask sees any char of 0x80 or above, and one shift merges
   * the two words into the byte lane: about half the operations of packing each char into its byte and
   * testing each char. A {@code String} parameter, not a {@code CharSequence}, so that {@code charAt}
   * is a direct call with no receiver type check per char.
   */
  static long asciiLane(String s, int p) {
    long even = s.charAt(p) | (long) s.charAt(p + 2) << 16 | (long) s.charAt(p + 4) << 32
        | (long) s.charAt(p + 6) << 48;
    long odd = s.charAt(p + 1) | (long) s.charAt(p + 3) << 16 | (long) s.charAt(p + 5) << 32
        | (long) s.charAt(p + 7) << 48;
    return ((even | odd) & 0xFF80FF80FF80FF80L) == 0 ? even | odd << 8 : -1L;
  }

  /** As {@link #asciiLane} for chars {@code [p, p + 4)}: their 32-bit word, or -1. */
  static long asciiWord(String s, int p) {
    int even = s.charAt(p) | s.charAt(p + 2) << 16;
    int odd = s.charAt(p + 1) | s.charAt(p + 3) << 16;
    return ((even | odd) & 0xFF80FF80) == 0 ? even | odd << 8 : -1L;
  }

  /**
   * As {@link #asciiLane} for the last {@code rest} (0 to 7) chars of {@code s}: their word, zero above
   * the last; when one is not ASCII, a word with the high bit of each of its low {@code rest} bytes set. From eight chars on, the last eight are read as one lane
   * (overlapping the chars before, which the caller reads anyway) and shifted: no loop, no branch per
   * char; a shorter {@code s} is read char by char.
   */
  static long asciiTail(String s, int rest) {
    if (rest == 0) {
      return 0;
    }
    int n = s.length();
    if (n >= 8) {
      // -1 (a char not ASCII) shifted keeps every byte's high bit
      return asciiLane(s, n - 8) >>> (64 - (rest << 3));
    }
    long word = 0;
    int chars = 0;
    for (int i = n - 1; i >= n - rest; i--) {
      int c = s.charAt(i);
      chars |= c;
      word = word << 8 | c;
    }
    return chars < 0x80 ? word : -1L;
  }
}
