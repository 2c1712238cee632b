package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** xxHash64 against the published values of the xxHash and python-xxhash documentation. */
class XxHash64Test {
  private static long ofBytes(String s, long seed) {
    return XxHash64.hash(s.getBytes(StandardCharsets.UTF_8), seed);
  }

  @Test
  void publishedValues() {
    assertThat(ofBytes("", 0)).isEqualTo(0xEF46DB3751D8E999L);
    assertThat(ofBytes("a", 0)).isEqualTo(0xD24EC4F1A98C6E5BL);
    assertThat(ofBytes("abc", 0)).isEqualTo(0x44BC2CF5AD770999L);
    assertThat(ofBytes("xxhash", 0)).isEqualTo(0x32DD38952C4BC720L);
    assertThat(ofBytes("xxhash", 20141025)).isEqualTo(0xB559B98D844E0635L);
    // 39 bytes: one 32-byte stripe, then the 8-, 4- and 1-byte tails.
    assertThat(ofBytes("Nobody inspects the spammish repetition", 0)).isEqualTo(0xFBCEA83C8A378BF1L);
    assertThat(ofBytes("I want an unsigned 64-bit seed!", 0)).isEqualTo(0xD4CB0A70A2B8C7C1L);
    assertThat(ofBytes("I want an unsigned 64-bit seed!", 1)).isEqualTo(0xCE5087F12470D961L);
  }

  @Test
  void charSequenceEqualsItsUtf8Bytes() {
    Random r = new Random(1);
    String[] samples = {"", "a", "abc", "Nobody inspects the spammish repetition", "ключ", "键-🔑-key",
        "\uD800 lone surrogate", "x".repeat(100), "é".repeat(40)};
    for (String s : samples) {
      for (long seed : new long[] {0, 1, -1, r.nextLong()}) {
        assertThat(XxHash64.hash(s, seed)).as(s).isEqualTo(ofBytes(s, seed));
        assertThat(XxHash64.hash(new StringBuilder(s), seed)).as(s).isEqualTo(ofBytes(s, seed));
      }
    }
    for (int len = 0; len < 80; len++) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < len; i++) {
        sb.append((char) (r.nextInt(3) == 0 ? 0x400 + r.nextInt(200) : 0x20 + r.nextInt(90)));
      }
      assertThat(XxHash64.hash(sb, 7)).isEqualTo(ofBytes(sb.toString(), 7));
    }
  }

  /**
   * The ASCII fast path at every length around the lane and stripe sizes, and its fallback when a
   * single char anywhere is not ASCII (0x80, 0xFF, 0x100 and 0x7F80 would corrupt a neighbouring byte
   * of a lane if the check missed them; 0x7F41 and 0x7F00 have an ASCII low byte).
   */
  @Test
  void asciiFastPathAndItsFallbackAtEveryPosition() {
    Random r = new Random(2);
    char[] intruders = {0x80, 0xFF, 0x100, 0x7F80, 0xFFFF, 0xD800, 0x7F41, 0x7F00};
    for (int len = 0; len < 100; len++) {
      char[] chars = new char[len];
      for (int i = 0; i < len; i++) {
        chars[i] = (char) r.nextInt(0x80);
      }
      String ascii = new String(chars);
      long seed = r.nextLong();
      assertThat(XxHash64.hash(ascii, seed)).as(ascii).isEqualTo(ofBytes(ascii, seed));
      for (int at = 0; at < len; at++) {
        char[] broken = chars.clone();
        broken[at] = intruders[at % intruders.length];
        String s = new String(broken);
        assertThat(XxHash64.hash(s, seed)).as("len %d at %d", len, at).isEqualTo(ofBytes(s, seed));
      }
    }
  }

  @Test
  void offsetsAreRespected() {
    byte[] data = "..Nobody inspects the spammish repetition..".getBytes(StandardCharsets.US_ASCII);
    assertThat(XxHash64.hash(data, 2, data.length - 4, 0)).isEqualTo(0xFBCEA83C8A378BF1L);
  }
}
