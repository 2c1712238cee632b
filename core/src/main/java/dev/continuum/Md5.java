package dev.continuum;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * MD5 as the ketama rings use it: the 16-byte digest read as four little-endian 32-bit words.
 *
 * <p>Our own implementation (RFC 1321), because the lookup path must not allocate and
 * {@link java.security.MessageDigest} costs a {@code getBytes} copy, a digest array and its
 * update/digest bookkeeping on every key. Here:
 * <ul>
 *   <li>A key that fits one block (at most 55 bytes) is read straight into sixteen local words and
 *       compressed once: no buffer, no copy. For a {@link CharSequence} this holds when it is ASCII;
 *       the words are read from its chars.
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

  private static final VarHandle LE_INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  /** Word 0 of MD5(bytes): libketama's key hash. */
  static int word0(byte[] b, int off, int len) {
    if (len <= ONE_BLOCK) {
      return compress(null, A0, B0, C0, D0,
          tail(b, off, len, 0), tail(b, off, len, 4), tail(b, off, len, 8), tail(b, off, len, 12),
          tail(b, off, len, 16), tail(b, off, len, 20), tail(b, off, len, 24), tail(b, off, len, 28),
          tail(b, off, len, 32), tail(b, off, len, 36), tail(b, off, len, 40), tail(b, off, len, 44),
          tail(b, off, len, 48), tail(b, off, len, 52), len << 3, len >>> 29);
    }
    Stream s = Stream.get();
    s.digest(b, off, len);
    return s.h[0];
  }

  /** Word 0 of MD5(UTF-8 of {@code s}). */
  static int word0(CharSequence s) {
    int n = s.length();
    if (n <= ONE_BLOCK && isAscii(s, n)) {
      return compress(null, A0, B0, C0, D0,
          ascii(s, n, 0), ascii(s, n, 4), ascii(s, n, 8), ascii(s, n, 12),
          ascii(s, n, 16), ascii(s, n, 20), ascii(s, n, 24), ascii(s, n, 28),
          ascii(s, n, 32), ascii(s, n, 36), ascii(s, n, 40), ascii(s, n, 44),
          ascii(s, n, 48), ascii(s, n, 52), n << 3, n >>> 29);
    }
    Stream st = Stream.get();
    st.digest(s);
    return st.h[0];
  }

  /** Writes the four words of MD5(bytes) into {@code out[0..3]}. */
  static void words(byte[] b, int off, int len, int[] out) {
    Stream s = Stream.get();
    s.digest(b, off, len);
    System.arraycopy(s.h, 0, out, 0, 4);
  }

  /** Writes the four words of MD5(UTF-8 of s) into {@code out[0..3]}. */
  static void words(CharSequence s, int[] out) {
    Stream st = Stream.get();
    st.digest(s);
    System.arraycopy(st.h, 0, out, 0, 4);
  }

  /** Little-endian word {@code j} (0..3) of a 16-byte digest. */
  static int word(byte[] d, int j) {
    return (int) LE_INT.get(d, 4 * j);
  }

  private static boolean isAscii(CharSequence s, int n) {
    for (int i = 0; i < n; i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** The padded message's word at byte {@code p} when the message is {@code s}'s n ASCII chars. */
  private static int ascii(CharSequence s, int n, int p) {
    if (p + 4 <= n) {
      return s.charAt(p) | s.charAt(p + 1) << 8 | s.charAt(p + 2) << 16 | s.charAt(p + 3) << 24;
    }
    int w = 0;
    for (int k = 0; k < 4; k++) {
      int q = p + k;
      int v = q < n ? s.charAt(q) : q == n ? 0x80 : 0;
      w |= v << (8 * k);
    }
    return w;
  }

  /**
   * The padded message's word at byte {@code p} (of the last block or two) when the message is
   * {@code b[off, off + len)}: message bytes, then 0x80, then zeros. The length words are the caller's.
   */
  private static int tail(byte[] b, int off, int len, int p) {
    if (p + 4 <= len) {
      return (int) LE_INT.get(b, off + p);
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
    a = b + Integer.rotateLeft(a + (d ^ (b & (c ^ d))) + x0 + 0xd76aa478, 7);
    d = a + Integer.rotateLeft(d + (c ^ (a & (b ^ c))) + x1 + 0xe8c7b756, 12);
    c = d + Integer.rotateLeft(c + (b ^ (d & (a ^ b))) + x2 + 0x242070db, 17);
    b = c + Integer.rotateLeft(b + (a ^ (c & (d ^ a))) + x3 + 0xc1bdceee, 22);
    a = b + Integer.rotateLeft(a + (d ^ (b & (c ^ d))) + x4 + 0xf57c0faf, 7);
    d = a + Integer.rotateLeft(d + (c ^ (a & (b ^ c))) + x5 + 0x4787c62a, 12);
    c = d + Integer.rotateLeft(c + (b ^ (d & (a ^ b))) + x6 + 0xa8304613, 17);
    b = c + Integer.rotateLeft(b + (a ^ (c & (d ^ a))) + x7 + 0xfd469501, 22);
    a = b + Integer.rotateLeft(a + (d ^ (b & (c ^ d))) + x8 + 0x698098d8, 7);
    d = a + Integer.rotateLeft(d + (c ^ (a & (b ^ c))) + x9 + 0x8b44f7af, 12);
    c = d + Integer.rotateLeft(c + (b ^ (d & (a ^ b))) + x10 + 0xffff5bb1, 17);
    b = c + Integer.rotateLeft(b + (a ^ (c & (d ^ a))) + x11 + 0x895cd7be, 22);
    a = b + Integer.rotateLeft(a + (d ^ (b & (c ^ d))) + x12 + 0x6b901122, 7);
    d = a + Integer.rotateLeft(d + (c ^ (a & (b ^ c))) + x13 + 0xfd987193, 12);
    c = d + Integer.rotateLeft(c + (b ^ (d & (a ^ b))) + x14 + 0xa679438e, 17);
    b = c + Integer.rotateLeft(b + (a ^ (c & (d ^ a))) + x15 + 0x49b40821, 22);
    a = b + Integer.rotateLeft(a + (c ^ (d & (b ^ c))) + x1 + 0xf61e2562, 5);
    d = a + Integer.rotateLeft(d + (b ^ (c & (a ^ b))) + x6 + 0xc040b340, 9);
    c = d + Integer.rotateLeft(c + (a ^ (b & (d ^ a))) + x11 + 0x265e5a51, 14);
    b = c + Integer.rotateLeft(b + (d ^ (a & (c ^ d))) + x0 + 0xe9b6c7aa, 20);
    a = b + Integer.rotateLeft(a + (c ^ (d & (b ^ c))) + x5 + 0xd62f105d, 5);
    d = a + Integer.rotateLeft(d + (b ^ (c & (a ^ b))) + x10 + 0x02441453, 9);
    c = d + Integer.rotateLeft(c + (a ^ (b & (d ^ a))) + x15 + 0xd8a1e681, 14);
    b = c + Integer.rotateLeft(b + (d ^ (a & (c ^ d))) + x4 + 0xe7d3fbc8, 20);
    a = b + Integer.rotateLeft(a + (c ^ (d & (b ^ c))) + x9 + 0x21e1cde6, 5);
    d = a + Integer.rotateLeft(d + (b ^ (c & (a ^ b))) + x14 + 0xc33707d6, 9);
    c = d + Integer.rotateLeft(c + (a ^ (b & (d ^ a))) + x3 + 0xf4d50d87, 14);
    b = c + Integer.rotateLeft(b + (d ^ (a & (c ^ d))) + x8 + 0x455a14ed, 20);
    a = b + Integer.rotateLeft(a + (c ^ (d & (b ^ c))) + x13 + 0xa9e3e905, 5);
    d = a + Integer.rotateLeft(d + (b ^ (c & (a ^ b))) + x2 + 0xfcefa3f8, 9);
    c = d + Integer.rotateLeft(c + (a ^ (b & (d ^ a))) + x7 + 0x676f02d9, 14);
    b = c + Integer.rotateLeft(b + (d ^ (a & (c ^ d))) + x12 + 0x8d2a4c8a, 20);
    a = b + Integer.rotateLeft(a + (b ^ c ^ d) + x5 + 0xfffa3942, 4);
    d = a + Integer.rotateLeft(d + (a ^ b ^ c) + x8 + 0x8771f681, 11);
    c = d + Integer.rotateLeft(c + (d ^ a ^ b) + x11 + 0x6d9d6122, 16);
    b = c + Integer.rotateLeft(b + (c ^ d ^ a) + x14 + 0xfde5380c, 23);
    a = b + Integer.rotateLeft(a + (b ^ c ^ d) + x1 + 0xa4beea44, 4);
    d = a + Integer.rotateLeft(d + (a ^ b ^ c) + x4 + 0x4bdecfa9, 11);
    c = d + Integer.rotateLeft(c + (d ^ a ^ b) + x7 + 0xf6bb4b60, 16);
    b = c + Integer.rotateLeft(b + (c ^ d ^ a) + x10 + 0xbebfbc70, 23);
    a = b + Integer.rotateLeft(a + (b ^ c ^ d) + x13 + 0x289b7ec6, 4);
    d = a + Integer.rotateLeft(d + (a ^ b ^ c) + x0 + 0xeaa127fa, 11);
    c = d + Integer.rotateLeft(c + (d ^ a ^ b) + x3 + 0xd4ef3085, 16);
    b = c + Integer.rotateLeft(b + (c ^ d ^ a) + x6 + 0x04881d05, 23);
    a = b + Integer.rotateLeft(a + (b ^ c ^ d) + x9 + 0xd9d4d039, 4);
    d = a + Integer.rotateLeft(d + (a ^ b ^ c) + x12 + 0xe6db99e5, 11);
    c = d + Integer.rotateLeft(c + (d ^ a ^ b) + x15 + 0x1fa27cf8, 16);
    b = c + Integer.rotateLeft(b + (c ^ d ^ a) + x2 + 0xc4ac5665, 23);
    a = b + Integer.rotateLeft(a + (c ^ (b | ~d)) + x0 + 0xf4292244, 6);
    d = a + Integer.rotateLeft(d + (b ^ (a | ~c)) + x7 + 0x432aff97, 10);
    c = d + Integer.rotateLeft(c + (a ^ (d | ~b)) + x14 + 0xab9423a7, 15);
    b = c + Integer.rotateLeft(b + (d ^ (c | ~a)) + x5 + 0xfc93a039, 21);
    a = b + Integer.rotateLeft(a + (c ^ (b | ~d)) + x12 + 0x655b59c3, 6);
    d = a + Integer.rotateLeft(d + (b ^ (a | ~c)) + x3 + 0x8f0ccc92, 10);
    c = d + Integer.rotateLeft(c + (a ^ (d | ~b)) + x10 + 0xffeff47d, 15);
    b = c + Integer.rotateLeft(b + (d ^ (c | ~a)) + x1 + 0x85845dd1, 21);
    a = b + Integer.rotateLeft(a + (c ^ (b | ~d)) + x8 + 0x6fa87e4f, 6);
    d = a + Integer.rotateLeft(d + (b ^ (a | ~c)) + x15 + 0xfe2ce6e0, 10);
    c = d + Integer.rotateLeft(c + (a ^ (d | ~b)) + x6 + 0xa3014314, 15);
    b = c + Integer.rotateLeft(b + (d ^ (c | ~a)) + x13 + 0x4e0811a1, 21);
    a = b + Integer.rotateLeft(a + (c ^ (b | ~d)) + x4 + 0xf7537e82, 6);
    d = a + Integer.rotateLeft(d + (b ^ (a | ~c)) + x11 + 0xbd3af235, 10);
    c = d + Integer.rotateLeft(c + (a ^ (d | ~b)) + x2 + 0x2ad7d2bb, 15);
    b = c + Integer.rotateLeft(b + (d ^ (c | ~a)) + x9 + 0xeb86d391, 21);
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
            (int) LE_INT.get(b, o), (int) LE_INT.get(b, o + 4), (int) LE_INT.get(b, o + 8),
            (int) LE_INT.get(b, o + 12), (int) LE_INT.get(b, o + 16), (int) LE_INT.get(b, o + 20),
            (int) LE_INT.get(b, o + 24), (int) LE_INT.get(b, o + 28), (int) LE_INT.get(b, o + 32),
            (int) LE_INT.get(b, o + 36), (int) LE_INT.get(b, o + 40), (int) LE_INT.get(b, o + 44),
            (int) LE_INT.get(b, o + 48), (int) LE_INT.get(b, o + 52), (int) LE_INT.get(b, o + 56),
            (int) LE_INT.get(b, o + 60));
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
