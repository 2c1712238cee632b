package dev.continuum;

/**
 * MD5 as the ketama rings use it: the 16-byte digest read as four little-endian 32-bit words.
 *
 * <p>Our own implementation (RFC 1321), because the lookup path must not allocate and
 * {@link java.security.MessageDigest} costs a {@code getBytes} copy, a digest array and its
 * update/digest bookkeeping on every key. Here:
 * <ul>
 *   <li>A key that fits one block (at most 55 bytes) is read straight into sixteen local words and
 *       compressed once: no buffer, no copy. For text this holds when it is an ASCII {@code String};
 *       the words are read from its chars, eight at a time. (Another {@link CharSequence} is encoded
 *       as below.)
 *   <li>Longer keys are compressed block by block from the array; other text is UTF-8 encoded on the
 *       fly into a per-thread 64-byte block (never the whole key), exactly as
 *       {@code String.getBytes(UTF_8)} would encode it, unpaired surrogates becoming {@code '?'}.
 * </ul>
 * Words are little-endian, as MD5 itself reads and writes them, so word {@code j} of the digest is
 * simply the j-th state word.
 */
final class Md5 {
  private Md5() {}

  private static final int A0 = 0x67452301;
  private static final int B0 = 0xefcdab89;
  private static final int C0 = 0x98badcfe;
  private static final int D0 = 0x10325476;
  /** The most bytes whose padding (0x80 and the 8-byte length) still fits one 64-byte block. */
  private static final int ONE_BLOCK = 55;

  /** Word 0 of MD5(bytes): libketama's key hash. */
  static int word0(byte[] b, int off, int len) {
    if (len <= ONE_BLOCK) {
      return oneBlock(b, off, len, null);
    }
    Stream s = Stream.get();
    s.digest(b, off, len);
    return s.h[0];
  }

  /** Word 0 of MD5(UTF-8 of {@code s}). */
  static int word0(CharSequence s) {
    if (s instanceof String) {
      long w = asciiBlock((String) s, null);
      if (w != NOT_COVERED) {
        return (int) w;
      }
    }
    Stream st = Stream.get();
    st.digest(s);
    return st.h[0];
  }

  /** Writes the four words of MD5(bytes) into {@code out[0..3]}. */
  static void words(byte[] b, int off, int len, int[] out) {
    if (len <= ONE_BLOCK) {
      oneBlock(b, off, len, out); // ring points hash short names ("host:port-i")
      return;
    }
    Stream s = Stream.get();
    s.digest(b, off, len);
    System.arraycopy(s.h, 0, out, 0, 4);
  }

  /** Writes the four words of MD5(UTF-8 of s) into {@code out[0..3]}. */
  static void words(CharSequence s, int[] out) {
    if (s instanceof String && asciiBlock((String) s, out) != NOT_COVERED) {
      return;
    }
    Stream st = Stream.get();
    st.digest(s);
    System.arraycopy(st.h, 0, out, 0, 4);
  }

  /** {@link #asciiBlock}'s answer for a key it does not cover: outside the range of an int. */
  private static final long NOT_COVERED = 1L << 32;

  /**
   * MD5 of an ASCII String of at most 55 chars, whose UTF-8 bytes are its chars, read straight into
   * one block: word 0 (and all four words into {@code out} unless null), or {@link #NOT_COVERED} for a
   * longer or non-ASCII key.
   *
   * <p>Typed {@code String}, not {@code CharSequence}, so that every {@code charAt} is a direct call
   * with no receiver type check. The chars are read eight at a time ({@link Utf8#asciiLane}, then
   * {@link Utf8#asciiTail} for the partial lane), each lane chosen by the length rather than assembled
   * word by word with a branch per word. Every char is read, so one of 0x80 or above is always seen: a
   * lane holding one is -1, which sets every byte's high bit, where an ASCII message has only the
   * padding's.
   */
  private static long asciiBlock(String s, int[] out) {
    int n = s.length();
    if (n > ONE_BLOCK) {
      return NOT_COVERED;
    }
    int whole = n >>> 3;
    int rest = n & 7;
    long pad = 0x80L << (rest << 3);
    long tail = Utf8.asciiTail(s, rest) | pad;
    long l0 = whole > 0 ? Utf8.asciiLane(s, 0) : tail;
    long l1 = whole > 1 ? Utf8.asciiLane(s, 8) : whole == 1 ? tail : 0;
    long l2 = whole > 2 ? Utf8.asciiLane(s, 16) : whole == 2 ? tail : 0;
    long l3 = whole > 3 ? Utf8.asciiLane(s, 24) : whole == 3 ? tail : 0;
    long l4 = whole > 4 ? Utf8.asciiLane(s, 32) : whole == 4 ? tail : 0;
    long l5 = whole > 5 ? Utf8.asciiLane(s, 40) : whole == 5 ? tail : 0;
    long l6 = whole == 6 ? tail : 0; // 55 chars at most: lane 6 is never whole
    long seen = l0 | l1 | l2 | l3 | l4 | l5 | l6;
    if ((seen & ~pad & 0x8080_8080_8080_8080L) != 0) {
      return NOT_COVERED;
    }
    return compress(out, A0, B0, C0, D0, (int) l0, (int) (l0 >>> 32), (int) l1, (int) (l1 >>> 32),
        (int) l2, (int) (l2 >>> 32), (int) l3, (int) (l3 >>> 32), (int) l4, (int) (l4 >>> 32),
        (int) l5, (int) (l5 >>> 32), (int) l6, (int) (l6 >>> 32), n << 3, 0) & 0xFFFF_FFFFL;
  }

  /** MD5 of a message of at most 55 bytes: one block read straight from the array, no copy. */
  private static int oneBlock(byte[] b, int off, int len, int[] out) {
    return compress(out, A0, B0, C0, D0,
        tail(b, off, len, 0), tail(b, off, len, 4), tail(b, off, len, 8), tail(b, off, len, 12),
        tail(b, off, len, 16), tail(b, off, len, 20), tail(b, off, len, 24), tail(b, off, len, 28),
        tail(b, off, len, 32), tail(b, off, len, 36), tail(b, off, len, 40), tail(b, off, len, 44),
        tail(b, off, len, 48), tail(b, off, len, 52), len << 3, len >>> 29);
  }

  /** Little-endian word {@code j} (0..3) of a 16-byte digest. */
  static int word(byte[] d, int j) {
    return le(d, 4 * j);
  }

  /**
   * The little-endian int at {@code b[i, i + 4)}. Assembled by hand rather than through a
   * byte-array-view VarHandle, which tools that instrument the bytecode (Lincheck in
   * LinearizabilityTest) do not support. Short ASCII String keys never come here; ring builds do
   * (every point name), and the 10,000-server build benchmark measured 105 to 116 ms with it.
   */
  static int le(byte[] b, int i) {
    return b[i] & 0xFF | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | b[i + 3] << 24;
  }

  /**
   * The padded message's word at byte {@code p} (of the last block or two) when the message is
   * {@code b[off, off + len)}: message bytes, then 0x80, then zeros. The length words are the caller's.
   */
  private static int tail(byte[] b, int off, int len, int p) {
    if (p + 4 <= len) {
      return le(b, off + p);
    }
    if (p > len) {
      return 0;
    }
    int w = 0;
    for (int k = 0; k < 4; k++) {
      int q = p + k;
      int v = q < len ? b[off + q] & 0xFF : q == len ? 0x80 : 0;
      w |= v << (8 * k);
    }
    return w;
  }

  /**
   * One MD5 compression of block x0..x15 onto state (a, b, c, d). Returns the new word 0 and, when
   * {@code h} is not null, stores all four new words in it. Takes the words as arguments so that the
   * one-block path needs no array at all.
   */
  @SuppressWarnings("ParameterNumber")
  private static int compress(int[] h, int a, int b, int c, int d,
      int x0, int x1, int x2, int x3, int x4, int x5, int x6, int x7,
      int x8, int x9, int x10, int x11, int x12, int x13, int x14, int x15) {
    final int a0 = a;
    final int b0 = b;
    final int c0 = c;
    final int d0 = d;
    // Each step adds the message word and constant to the old word first, and writes the round
    // function so that the newest word (b in each step's naming) enters last: round 2 as
    // (c & ~d) + (b & d) (disjoint bits, so + is |), round 3 as (c ^ d) ^ b. Only one or two
    // operations, an add and the rotation then wait for the previous step: MD5 is latency-bound.
    a = b + Integer.rotateLeft(a + x0 + 0xd76aa478 + (d ^ (b & (c ^ d))), 7);
    d = a + Integer.rotateLeft(d + x1 + 0xe8c7b756 + (c ^ (a & (b ^ c))), 12);
    c = d + Integer.rotateLeft(c + x2 + 0x242070db + (b ^ (d & (a ^ b))), 17);
    b = c + Integer.rotateLeft(b + x3 + 0xc1bdceee + (a ^ (c & (d ^ a))), 22);
    a = b + Integer.rotateLeft(a + x4 + 0xf57c0faf + (d ^ (b & (c ^ d))), 7);
    d = a + Integer.rotateLeft(d + x5 + 0x4787c62a + (c ^ (a & (b ^ c))), 12);
    c = d + Integer.rotateLeft(c + x6 + 0xa8304613 + (b ^ (d & (a ^ b))), 17);
    b = c + Integer.rotateLeft(b + x7 + 0xfd469501 + (a ^ (c & (d ^ a))), 22);
    a = b + Integer.rotateLeft(a + x8 + 0x698098d8 + (d ^ (b & (c ^ d))), 7);
    d = a + Integer.rotateLeft(d + x9 + 0x8b44f7af + (c ^ (a & (b ^ c))), 12);
    c = d + Integer.rotateLeft(c + x10 + 0xffff5bb1 + (b ^ (d & (a ^ b))), 17);
    b = c + Integer.rotateLeft(b + x11 + 0x895cd7be + (a ^ (c & (d ^ a))), 22);
    a = b + Integer.rotateLeft(a + x12 + 0x6b901122 + (d ^ (b & (c ^ d))), 7);
    d = a + Integer.rotateLeft(d + x13 + 0xfd987193 + (c ^ (a & (b ^ c))), 12);
    c = d + Integer.rotateLeft(c + x14 + 0xa679438e + (b ^ (d & (a ^ b))), 17);
    b = c + Integer.rotateLeft(b + x15 + 0x49b40821 + (a ^ (c & (d ^ a))), 22);
    a = b + Integer.rotateLeft(a + x1 + 0xf61e2562 + (c & ~d) + (b & d), 5);
    d = a + Integer.rotateLeft(d + x6 + 0xc040b340 + (b & ~c) + (a & c), 9);
    c = d + Integer.rotateLeft(c + x11 + 0x265e5a51 + (a & ~b) + (d & b), 14);
    b = c + Integer.rotateLeft(b + x0 + 0xe9b6c7aa + (d & ~a) + (c & a), 20);
    a = b + Integer.rotateLeft(a + x5 + 0xd62f105d + (c & ~d) + (b & d), 5);
    d = a + Integer.rotateLeft(d + x10 + 0x02441453 + (b & ~c) + (a & c), 9);
    c = d + Integer.rotateLeft(c + x15 + 0xd8a1e681 + (a & ~b) + (d & b), 14);
    b = c + Integer.rotateLeft(b + x4 + 0xe7d3fbc8 + (d & ~a) + (c & a), 20);
    a = b + Integer.rotateLeft(a + x9 + 0x21e1cde6 + (c & ~d) + (b & d), 5);
    d = a + Integer.rotateLeft(d + x14 + 0xc33707d6 + (b & ~c) + (a & c), 9);
    c = d + Integer.rotateLeft(c + x3 + 0xf4d50d87 + (a & ~b) + (d & b), 14);
    b = c + Integer.rotateLeft(b + x8 + 0x455a14ed + (d & ~a) + (c & a), 20);
    a = b + Integer.rotateLeft(a + x13 + 0xa9e3e905 + (c & ~d) + (b & d), 5);
    d = a + Integer.rotateLeft(d + x2 + 0xfcefa3f8 + (b & ~c) + (a & c), 9);
    c = d + Integer.rotateLeft(c + x7 + 0x676f02d9 + (a & ~b) + (d & b), 14);
    b = c + Integer.rotateLeft(b + x12 + 0x8d2a4c8a + (d & ~a) + (c & a), 20);
    a = b + Integer.rotateLeft(a + x5 + 0xfffa3942 + (c ^ d ^ b), 4);
    d = a + Integer.rotateLeft(d + x8 + 0x8771f681 + (b ^ c ^ a), 11);
    c = d + Integer.rotateLeft(c + x11 + 0x6d9d6122 + (a ^ b ^ d), 16);
    b = c + Integer.rotateLeft(b + x14 + 0xfde5380c + (d ^ a ^ c), 23);
    a = b + Integer.rotateLeft(a + x1 + 0xa4beea44 + (c ^ d ^ b), 4);
    d = a + Integer.rotateLeft(d + x4 + 0x4bdecfa9 + (b ^ c ^ a), 11);
    c = d + Integer.rotateLeft(c + x7 + 0xf6bb4b60 + (a ^ b ^ d), 16);
    b = c + Integer.rotateLeft(b + x10 + 0xbebfbc70 + (d ^ a ^ c), 23);
    a = b + Integer.rotateLeft(a + x13 + 0x289b7ec6 + (c ^ d ^ b), 4);
    d = a + Integer.rotateLeft(d + x0 + 0xeaa127fa + (b ^ c ^ a), 11);
    c = d + Integer.rotateLeft(c + x3 + 0xd4ef3085 + (a ^ b ^ d), 16);
    b = c + Integer.rotateLeft(b + x6 + 0x04881d05 + (d ^ a ^ c), 23);
    a = b + Integer.rotateLeft(a + x9 + 0xd9d4d039 + (c ^ d ^ b), 4);
    d = a + Integer.rotateLeft(d + x12 + 0xe6db99e5 + (b ^ c ^ a), 11);
    c = d + Integer.rotateLeft(c + x15 + 0x1fa27cf8 + (a ^ b ^ d), 16);
    b = c + Integer.rotateLeft(b + x2 + 0xc4ac5665 + (d ^ a ^ c), 23);
    a = b + Integer.rotateLeft(a + x0 + 0xf4292244 + (c ^ (b | ~d)), 6);
    d = a + Integer.rotateLeft(d + x7 + 0x432aff97 + (b ^ (a | ~c)), 10);
    c = d + Integer.rotateLeft(c + x14 + 0xab9423a7 + (a ^ (d | ~b)), 15);
    b = c + Integer.rotateLeft(b + x5 + 0xfc93a039 + (d ^ (c | ~a)), 21);
    a = b + Integer.rotateLeft(a + x12 + 0x655b59c3 + (c ^ (b | ~d)), 6);
    d = a + Integer.rotateLeft(d + x3 + 0x8f0ccc92 + (b ^ (a | ~c)), 10);
    c = d + Integer.rotateLeft(c + x10 + 0xffeff47d + (a ^ (d | ~b)), 15);
    b = c + Integer.rotateLeft(b + x1 + 0x85845dd1 + (d ^ (c | ~a)), 21);
    a = b + Integer.rotateLeft(a + x8 + 0x6fa87e4f + (c ^ (b | ~d)), 6);
    d = a + Integer.rotateLeft(d + x15 + 0xfe2ce6e0 + (b ^ (a | ~c)), 10);
    c = d + Integer.rotateLeft(c + x6 + 0xa3014314 + (a ^ (d | ~b)), 15);
    b = c + Integer.rotateLeft(b + x13 + 0x4e0811a1 + (d ^ (c | ~a)), 21);
    a = b + Integer.rotateLeft(a + x4 + 0xf7537e82 + (c ^ (b | ~d)), 6);
    d = a + Integer.rotateLeft(d + x11 + 0xbd3af235 + (b ^ (a | ~c)), 10);
    c = d + Integer.rotateLeft(c + x2 + 0x2ad7d2bb + (a ^ (d | ~b)), 15);
    b = c + Integer.rotateLeft(b + x9 + 0xeb86d391 + (d ^ (c | ~a)), 21);
    if (h != null) {
      h[0] = a0 + a;
      h[1] = b0 + b;
      h[2] = c0 + c;
      h[3] = d0 + d;
    }
    return a0 + a;
  }

  /**
   * Streaming state for keys beyond one block or not ASCII: the chaining words and one block being
   * filled, per thread, so that nothing is allocated per key.
   */
  private static final class Stream {
    private static final ThreadLocal<Stream> PER_THREAD = ThreadLocal.withInitial(Stream::new);

    final int[] h = new int[4];
    private final int[] x = new int[16];
    /** Bytes of the message taken so far. */
    private long count;

    static Stream get() {
      return PER_THREAD.get();
    }

    private void reset() {
      h[0] = A0;
      h[1] = B0;
      h[2] = C0;
      h[3] = D0;
      count = 0;
      java.util.Arrays.fill(x, 0);
    }

    void digest(byte[] b, int off, int len) {
      reset();
      int full = len & ~63;
      for (int p = 0; p < full; p += 64) {
        int o = off + p;
        compress(h, h[0], h[1], h[2], h[3],
            le(b, o), le(b, o + 4), le(b, o + 8),
            le(b, o + 12), le(b, o + 16), le(b, o + 20),
            le(b, o + 24), le(b, o + 28), le(b, o + 32),
            le(b, o + 36), le(b, o + 40), le(b, o + 44),
            le(b, o + 48), le(b, o + 52), le(b, o + 56),
            le(b, o + 60));
      }
      count = full;
      for (int i = full; i < len; i++) {
        put(b[off + i]);
      }
      finish();
    }

    void digest(CharSequence s) {
      reset();
      int n = s.length();
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        if (c < 0x80) {
          put(c);
        } else if (c < 0x800) {
          put(0xC0 | (c >> 6));
          put(0x80 | (c & 0x3F));
        } else if (Character.isSurrogate(c)) {
          if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
            int cp = Character.toCodePoint(c, s.charAt(++i));
            put(0xF0 | (cp >> 18));
            put(0x80 | ((cp >> 12) & 0x3F));
            put(0x80 | ((cp >> 6) & 0x3F));
            put(0x80 | (cp & 0x3F));
          } else {
            put('?'); // as String.getBytes(UTF_8) encodes an unpaired surrogate
          }
        } else {
          put(0xE0 | (c >> 12));
          put(0x80 | ((c >> 6) & 0x3F));
          put(0x80 | (c & 0x3F));
        }
      }
      finish();
    }

    /** Appends one byte (low 8 bits of {@code v}), compressing the block when it fills. */
    private void put(int v) {
      int p = (int) count & 63;
      x[p >> 2] |= (v & 0xFF) << ((p & 3) << 3);
      count++;
      if (p == 63) {
        block();
      }
    }

    private void block() {
      int[] w = x;
      compress(h, h[0], h[1], h[2], h[3], w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7],
          w[8], w[9], w[10], w[11], w[12], w[13], w[14], w[15]);
      java.util.Arrays.fill(w, 0);
    }

    /** RFC 1321 padding: 0x80, zeros to 56 mod 64, then the bit length, little-endian. */
    private void finish() {
      long bits = count << 3;
      put(0x80);
      if (((int) count & 63) > 56) {
        while (((int) count & 63) != 0) {
          put(0);
        }
      }
      x[14] = (int) bits;
      x[15] = (int) (bits >>> 32);
      block();
    }
  }
}
