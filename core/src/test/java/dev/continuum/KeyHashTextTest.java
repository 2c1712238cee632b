package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

/**
 * The byte-serial key hashes with a String path of their own (one-at-a-time, twemproxy's fnv1a_64)
 * hash text as its UTF-8 bytes: against models written here from libmemcached's and twemproxy's C
 * (bytes as signed chars), for ASCII keys of every length and one intruder char at every position.
 */
class KeyHashTextTest {
  private static int oneAtATimeModel(byte[] b) {
    int h = 0;
    for (byte c : b) {
      h += (int) c;
      h += h << 10;
      h ^= h >>> 6;
    }
    h += h << 3;
    h ^= h >>> 11;
    return h + (h << 15);
  }

  private static int fnv1aModel(byte[] b) {
    long h = 0xcbf29ce484222325L; // twemproxy keeps the 64-bit constants in a uint32_t: the low 32 bits
    for (byte c : b) {
      h = ((h ^ (long) c) * 0x100000001b3L) & 0xFFFF_FFFFL;
    }
    return (int) h;
  }

  private static void check(KeyHash hash, ToIntFunction<byte[]> model, String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    int want = model.applyAsInt(utf8);
    assertThat(hash.hash(s)).as("%s of a String of %d chars", hash, s.length()).isEqualTo(want);
    assertThat(hash.hash(new StringBuilder(s))).isEqualTo(want);
    assertThat(hash.hash(utf8)).isEqualTo(want);
  }

  private static void checkAll(KeyHash hash, ToIntFunction<byte[]> model) {
    SplittableRandom random = new SplittableRandom(4);
    for (int len = 0; len <= 80; len++) {
      char[] chars = new char[len];
      for (int i = 0; i < len; i++) {
        chars[i] = (char) random.nextInt(0x80);
      }
      check(hash, model, new String(chars));
    }
    for (int len = 1; len <= 24; len++) {
      for (int at = 0; at < len; at++) {
        for (char intruder : Intruders.CHARS) {
          check(hash, model, Intruders.at(len, at, intruder));
        }
      }
    }
  }

  @Test
  void oneAtATime() {
    checkAll(KeyHash.ONE_AT_A_TIME, KeyHashTextTest::oneAtATimeModel);
  }

  @Test
  void twemproxyFnv1a64() {
    checkAll(KeyHash.TWEMPROXY_FNV1A_64, KeyHashTextTest::fnv1aModel);
  }
}
