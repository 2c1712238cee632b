package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Our MD5 against the platform's {@link MessageDigest}, byte for byte, on random inputs. */
class Md5Test {
  private static int[] expected(byte[] message) throws Exception {
    byte[] d = MessageDigest.getInstance("MD5").digest(message);
    return new int[] {Md5.word(d, 0), Md5.word(d, 1), Md5.word(d, 2), Md5.word(d, 3)};
  }

  @Test
  void rfc1321TestSuite() {
    assertThat(hex("")).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
    assertThat(hex("abc")).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
    assertThat(hex("12345678901234567890123456789012345678901234567890123456789012345678901234567890"))
        .isEqualTo("57edf4a22be3c955ac49da2e2107b67a");
  }

  private static String hex(String s) {
    int[] w = new int[4];
    Md5.words(s.getBytes(StandardCharsets.US_ASCII), 0, s.length(), w);
    StringBuilder sb = new StringBuilder();
    for (int word : w) {
      sb.append(String.format("%08x", Integer.reverseBytes(word)));
    }
    return sb.toString();
  }

  @Test
  void randomBytesOfEveryLengthUpTo300() throws Exception {
    SplittableRandom random = new SplittableRandom(1);
    int[] words = new int[4];
    for (int len = 0; len <= 300; len++) {
      for (int trial = 0; trial < 8; trial++) {
        byte[] message = new byte[len];
        for (int i = 0; i < len; i++) {
          message[i] = (byte) random.nextInt(256);
        }
        int[] want = expected(message);
        // The same message inside a larger array, at an offset, must hash the same.
        int off = random.nextInt(5);
        byte[] framed = new byte[off + len + random.nextInt(5)];
        random.nextBytes(framed);
        System.arraycopy(message, 0, framed, off, len);

        Md5.words(framed, off, len, words);
        assertThat(words).as("words, length %d", len).containsExactly(want);
        assertThat(Md5.word0(framed, off, len)).as("word0, length %d", len).isEqualTo(want[0]);
        assertThat(KeyHash.MD5.hash(message)).isEqualTo(want[0]);
      }
    }
  }

  @Test
  void randomTextOfEveryLengthUpTo300HashesAsGetBytesUtf8() throws Exception {
    SplittableRandom random = new SplittableRandom(2);
    int[] words = new int[4];
    for (int len = 0; len <= 300; len++) {
      for (int trial = 0; trial < 12; trial++) {
        String s = randomText(random, len, trial % 4);
        int[] want = expected(s.getBytes(StandardCharsets.UTF_8));
        Md5.words(s, words);
        assertThat(words).as("words of %s", escape(s)).containsExactly(want);
        assertThat(Md5.word0(s)).as("word0 of %s", escape(s)).isEqualTo(want[0]);
        assertThat(KeyHash.MD5.hash(new StringBuilder(s))).isEqualTo(want[0]);
      }
    }
  }

  /**
   * One char that is not ASCII ({@link Intruders}, 0x80 the padding byte's value among them) in an
   * otherwise ASCII key, at every position of every length the one-block path covers and past it.
   */
  @Test
  void oneIntruderAtEveryPositionHashesAsGetBytesUtf8() throws Exception {
    int[] words = new int[4];
    for (int len = 1; len <= 64; len++) {
      for (int at = 0; at < len; at++) {
        for (char intruder : Intruders.CHARS) {
          String s = Intruders.at(len, at, intruder);
          int[] want = expected(s.getBytes(StandardCharsets.UTF_8));
          Md5.words(s, words);
          assertThat(words).as("words of %s", escape(s)).containsExactly(want);
          assertThat(Md5.word0(s)).as("word0 of %s", escape(s)).isEqualTo(want[0]);
          assertThat(KeyHash.MD5.hash(new StringBuilder(s))).isEqualTo(want[0]);
        }
      }
    }
  }

  @Test
  void unpairedSurrogatesHashAsQuestionMarks() {
    for (String s : new String[] {"\uD800", "a\uDC00b", "\uDBFF\uDBFF\uDFFF", "x\uD83D"}) {
      String replaced = new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
      assertThat(Md5.word0(s)).isEqualTo(Md5.word0(replaced));
    }
  }

  /** Text of {@code len} chars: ASCII, Latin/BMP, astral pairs and stray surrogates by {@code mix}. */
  private static String randomText(SplittableRandom random, int len, int mix) {
    StringBuilder sb = new StringBuilder(len);
    while (sb.length() < len) {
      int kind = mix == 0 ? 0 : random.nextInt(mix == 1 ? 2 : 5);
      switch (kind) {
        case 0 -> sb.append((char) random.nextInt(0x80));
        case 1 -> sb.append((char) (0x80 + random.nextInt(0x780)));
        case 2 -> sb.append((char) (0x800 + random.nextInt(0xD800 - 0x800)));
        case 3 -> {
          if (sb.length() + 2 <= len) {
            sb.appendCodePoint(0x10000 + random.nextInt(0x100000));
          } else {
            sb.append('z');
          }
        }
        default -> sb.append((char) (0xD800 + random.nextInt(0x800)));
      }
    }
    return sb.toString();
  }

  private static String escape(String s) {
    StringBuilder sb = new StringBuilder();
    s.chars().forEach(c -> sb.append(c < 0x80 ? String.valueOf((char) c) : String.format("\\u%04x", c)));
    return sb.toString();
  }
}
