package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Jedis's key hash of text equals MurmurHash64A of its UTF-8 bytes, against a model written here from
 * the algorithm's definition (blocks read through a little-endian {@link ByteBuffer}), for ASCII keys
 * of every length and for one intruder char at every position.
 */
class Murmur64ATest {
  private static final long M = 0xc6a4a7935bd1e995L;

  private static long model(byte[] data) {
    ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    long h = Murmur64A.JEDIS_SEED ^ (data.length * M);
    while (buf.remaining() >= 8) {
      long k = buf.getLong() * M;
      k = (k ^ (k >>> 47)) * M;
      h = (h ^ k) * M;
    }
    if (buf.hasRemaining()) {
      long tail = 0;
      for (int shift = 0; buf.hasRemaining(); shift += 8) {
        tail |= (buf.get() & 0xFFL) << shift;
      }
      h = (h ^ tail) * M;
    }
    h = (h ^ (h >>> 47)) * M;
    return h ^ (h >>> 47);
  }

  private static void check(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    long want = model(utf8);
    assertThat(Murmur64A.jedis(s)).as("String of %d chars", s.length()).isEqualTo(want);
    assertThat(Murmur64A.jedis(new StringBuilder(s))).isEqualTo(want);
    assertThat(Murmur64A.jedis(utf8, 0, utf8.length)).isEqualTo(want);
  }

  @Test
  void randomAsciiOfEveryLengthUpTo100() {
    SplittableRandom random = new SplittableRandom(3);
    for (int len = 0; len <= 100; len++) {
      for (int trial = 0; trial < 8; trial++) {
        char[] chars = new char[len];
        for (int i = 0; i < len; i++) {
          chars[i] = (char) random.nextInt(0x80);
        }
        check(new String(chars));
      }
    }
  }

  /** One char that is not ASCII ({@link Intruders}, or a surrogate pair) at every position. */
  @Test
  void oneIntruderAtEveryPosition() {
    for (int len = 1; len <= 40; len++) {
      for (int at = 0; at < len; at++) {
        for (char intruder : Intruders.CHARS) {
          check(Intruders.at(len, at, intruder));
        }
        if (at + 1 < len) {
          char[] pair = new char[len];
          java.util.Arrays.fill(pair, 'k');
          pair[at] = '\uD83D';
          pair[at + 1] = '\uDE00';
          check(new String(pair));
        }
      }
    }
  }
}
