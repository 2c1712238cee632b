package dev.continuum;

/**
 * Keys that are ASCII but for one char, for the String fast paths that read chars as bytes: the
 * intruders include chars whose low byte is ASCII (0x100, 0x4100, 0x7F41, 0xDC41), so a path that
 * looks only at a char's low byte would hash them as ASCII; the edges of the two- and three-byte UTF-8
 * forms; and a lone surrogate.
 */
final class Intruders {
  private Intruders() {}

  static final char[] CHARS = {0x80, 0xFF, 0x100, 0x7FF, 0x800, 0x4100, 0x7F41, 0xFFFF, 0xD800, 0xDC41};

  /** {@code len} ASCII letters with {@code intruder} at {@code at}. */
  static String at(int len, int at, char intruder) {
    char[] chars = new char[len];
    for (int i = 0; i < len; i++) {
      chars[i] = (char) ('a' + (i * 7 + len) % 26);
    }
    chars[at] = intruder;
    return new String(chars);
  }
}
