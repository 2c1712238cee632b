package dev.continuum;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * MD5 as the ketama rings use it: the 16-byte digest read as four little-endian 32-bit words.
 */
final class Md5 {
  private Md5() {}

  private static final class State {
    final MessageDigest digest;
    final byte[] out = new byte[16];

    State() {
      try {
        digest = MessageDigest.getInstance("MD5");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("MD5 is required by every Java platform", e);
      }
    }
  }

  private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);

  /** Word 0 of MD5(bytes). */
  static int word0(byte[] b, int off, int len) {
    byte[] d = digest(b, off, len);
    return word(d, 0);
  }

  /** Writes the four words of MD5(bytes) into {@code out[0..3]}. */
  static void words(byte[] b, int off, int len, int[] out) {
    byte[] d = digest(b, off, len);
    out[0] = word(d, 0);
    out[1] = word(d, 1);
    out[2] = word(d, 2);
    out[3] = word(d, 3);
  }

  /** Writes the four words of MD5(UTF-8 of s) into {@code out[0..3]}. */
  static void words(CharSequence s, int[] out) {
    byte[] buf = Utf8.scratch(s.length() * 3);
    int n = Utf8.encode(s, buf);
    words(buf, 0, n, out);
  }

  private static byte[] digest(byte[] b, int off, int len) {
    State st = STATE.get();
    st.digest.update(b, off, len);
    try {
      st.digest.digest(st.out, 0, 16);
    } catch (java.security.DigestException e) {
      throw new IllegalStateException(e);
    }
    return st.out;
  }

  static int word(byte[] d, int j) {
    int i = 4 * j;
    return (d[i] & 0xFF) | (d[i + 1] & 0xFF) << 8 | (d[i + 2] & 0xFF) << 16 | (d[i + 3] & 0xFF) << 24;
  }
}
