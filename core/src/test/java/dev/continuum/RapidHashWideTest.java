package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;

import com.dynatrace.hash4j.hashing.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@code rapidhash-wide} against hash4j 0.31.0's independent rapidhash V3: over bytes, it is hash4j's
 * {@code hashBytesToLong} of the bytes widened here by a plain loop (each byte, then a zero byte);
 * over an ASCII String, hash4j's {@code hashCharsToLong} of the String; over any text, the hash of its
 * UTF-8 bytes.
 */
class RapidHashWideTest {
  /** hash4j's rapidhash V3 of {@code b[off, off + len)} widened: {@link Models#wide}, the model. */
  private static long model(byte[] b, int off, int len, long seed) {
    return Models.wide(Arrays.copyOfRange(b, off, off + len), seed);
  }

  /** Every length 0..300 (every branch of the specification over 0..600 widened bytes), random seeds. */
  @Test
  void bytesHashAsHash4jHashesThemWidened() {
    SplittableRandom random = new SplittableRandom(0xC0);
    for (int len = 0; len <= 300; len++) {
      for (int trial = 0; trial < 60; trial++) {
        long seed = trial == 0 ? 0 : random.nextLong();
        byte[] b = new byte[len + 7];
        random.nextBytes(b);
        int off = trial % 8;
        long want = model(b, off, len, seed);
        assertThat(RapidHash.hashWide(b, off, len, seed)).as("len %d seed %d", len, seed).isEqualTo(want);
        assertThat(RapidHash.seededWide(seed).hash(b, off, len)).isEqualTo(want);
        assertThat(KeyHashFunction.RAPIDHASH_WIDE.seeded(seed).hash(b, off, len)).isEqualTo(want);
      }
    }
  }

  @Test
  void longKeysAgreeToo() {
    SplittableRandom random = new SplittableRandom(4);
    for (int trial = 0; trial < 100; trial++) {
      byte[] b = new byte[300 + random.nextInt(5000)];
      random.nextBytes(b);
      long seed = trial < 50 ? 0 : random.nextLong();
      assertThat(RapidHash.hashWide(b, 0, b.length, seed))
          .isEqualTo(model(b, 0, b.length, seed));
    }
  }

  /** An ASCII String: hash4j's hash of its chars, every length 0..200, seed 0 and others. */
  @Test
  void asciiStringsHashAsHash4jHashesTheirChars() {
    SplittableRandom random = new SplittableRandom(11);
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:-_/.\u0000\u007f";
    for (int len = 0; len <= 200; len++) {
      for (int trial = 0; trial < 30; trial++) {
        long seed = trial < 15 ? 0 : random.nextLong();
        StringBuilder sb = new StringBuilder();
        while (sb.length() < len) {
          sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        String s = sb.toString();
        KeyHash64 h = KeyHashFunction.RAPIDHASH_WIDE.seeded(seed);
        long want = Hashing.rapidhashV3(seed).hashCharsToLong(s);
        assertThat(h.hash(s)).as("%s seed %d", s, seed).isEqualTo(want);
        assertThat(h.hash(new StringBuilder(s))).isEqualTo(want);
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        assertThat(h.hash(utf8, 0, utf8.length)).isEqualTo(want);
      }
    }
  }

  /** Any text: the hash of its UTF-8 bytes widened (so {@code resolve(String)} equals {@code resolve(byte[])}). */
  @Test
  void anyTextHashesAsItsUtf8Bytes() {
    SplittableRandom random = new SplittableRandom(12);
    String[] alphabets = {"aé€😀日\u007f\u0080", "\ud800x\udc00", "ÿĀ\u7f41\u7f00k"};
    for (int len = 0; len <= 130; len++) {
      for (String alphabet : alphabets) {
        for (int trial = 0; trial < 10; trial++) {
          StringBuilder sb = new StringBuilder();
          while (sb.length() < len) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
          }
          String s = sb.toString();
          byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
          long want = model(utf8, 0, utf8.length, 0);
          assertThat(RapidHash.seededWide(0).hash(s)).as("%s", s).isEqualTo(want);
          assertThat(RapidHash.seededWide(0).hash(new StringBuilder(s))).isEqualTo(want);
        }
      }
    }
  }

  /**
   * One non-ASCII char anywhere sends the key to the encoding path, whichever read would see it; the
   * intruders include chars whose low byte is ASCII (0x100, 0x7F41) or zero (0x7F00).
   */
  @Test
  void aSingleNonAsciiCharAnywhereIsSeen() {
    char[] intruders = {'é', 0x80, 0xFF, 0x100, 0x7F41, 0x7F00, 0xFFFF, 0xD800};
    for (int len = 1; len <= 70; len++) {
      for (int at = 0; at < len; at++) {
        char[] chars = new char[len];
        Arrays.fill(chars, 'k');
        chars[at] = intruders[(at + len) % intruders.length];
        String s = new String(chars);
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        assertThat(RapidHash.seededWide(0).hash(s)).as("len %d at %d", len, at)
            .isEqualTo(model(utf8, 0, utf8.length, 0));
      }
    }
  }

  @Test
  void itIsNamedAndSelectable() {
    assertThat(KeyHashFunction.byName("rapidhash-wide")).isSameAs(KeyHashFunction.RAPIDHASH_WIDE);
    assertThat(KeyHashFunction.byName("RAPIDHASH_WIDE")).isSameAs(KeyHashFunction.RAPIDHASH_WIDE);
    Continuum c = Continuum.builder(Algorithm.JUMPBACK).keyHash(KeyHashFunction.RAPIDHASH_WIDE).build();
    c.addServers(Placements.servers(7, 1));
    for (String key : Placements.keys(500, 3)) {
      assertThat(c.resolve(key)).isEqualTo(c.resolve(Hashing.rapidhashV3().hashCharsToLong(key)));
    }
  }
}
