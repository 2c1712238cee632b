package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;

import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * rapidhash V3 against hash4j 0.31.0's independent implementation of the same specification
 * ({@code Hashing.rapidhashV3(seed)}), and the String path against the bytes path.
 */
class RapidHashTest {
  /** Every length 0..300 (each branch of the specification and its boundaries), random bytes and seeds. */
  @Test
  void sameAsHash4jForEveryLengthAndRandomSeeds() {
    SplittableRandom random = new SplittableRandom(0xAB);
    for (int len = 0; len <= 300; len++) {
      for (int trial = 0; trial < 200; trial++) {
        long seed = trial == 0 ? 0 : random.nextLong();
        byte[] b = new byte[len + 7];
        random.nextBytes(b);
        int off = trial % 8;
        Hasher64 peer = Hashing.rapidhashV3(seed);
        long want = peer.hashBytesToLong(java.util.Arrays.copyOfRange(b, off, off + len));
        assertThat(RapidHash.hash(b, off, len, seed)).as("len %d seed %d", len, seed).isEqualTo(want);
        assertThat(RapidHash.seeded(seed).hash(b, off, len)).isEqualTo(want);
      }
    }
  }

  @Test
  void longInputsAgreeToo() {
    SplittableRandom random = new SplittableRandom(3);
    for (int trial = 0; trial < 200; trial++) {
      byte[] b = new byte[300 + random.nextInt(5000)];
      random.nextBytes(b);
      long seed = random.nextLong();
      assertThat(RapidHash.hash(b, 0, b.length, seed)).isEqualTo(Hashing.rapidhashV3(seed).hashBytesToLong(b));
    }
  }

  /** hash(String) equals hash of its UTF-8 bytes: ASCII of every length to 200, and mixed text. */
  @Test
  void stringsHashAsTheirUtf8Bytes() {
    SplittableRandom random = new SplittableRandom(9);
    KeyHash64 h = RapidHash.seeded(42);
    String[] alphabets = {"abcdefghijklmnopqrstuvwxyz0123456789:-_", "aé€😀日\u007f\u0080", "\ud800x\udc00"};
    for (int len = 0; len <= 200; len++) {
      for (String alphabet : alphabets) {
        for (int trial = 0; trial < 20; trial++) {
          StringBuilder sb = new StringBuilder();
          while (sb.length() < len) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
          }
          String s = sb.toString();
          byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
          long want = Hashing.rapidhashV3(42).hashBytesToLong(utf8);
          assertThat(h.hash(s)).as("%s", s).isEqualTo(want);
          assertThat(h.hash(new StringBuilder(s))).isEqualTo(want);
          assertThat(h.hash(utf8, 0, utf8.length)).isEqualTo(want);
        }
      }
    }
  }

  /**
   * One non-ASCII char anywhere sends the key to the byte path, whichever read would see it; the
   * intruders include chars whose low byte is ASCII (0x100, 0x7F41) or zero (0x7F00), which a lane
   * check that looked at bytes only would miss.
   */
  @Test
  void aSingleNonAsciiCharAnywhereIsSeen() {
    KeyHash64 h = RapidHash.seeded(0);
    char[] intruders = {'é', 0x80, 0xFF, 0x100, 0x7F41, 0x7F00, 0xFFFF, 0xD800};
    for (int len = 1; len <= 120; len++) {
      for (int at = 0; at < len; at++) {
        char[] chars = new char[len];
        java.util.Arrays.fill(chars, 'k');
        chars[at] = intruders[(at + len) % intruders.length];
        String s = new String(chars);
        assertThat(h.hash(s)).as("len %d at %d", len, at)
            .isEqualTo(Hashing.rapidhashV3(0).hashBytesToLong(s.getBytes(StandardCharsets.UTF_8)));
      }
    }
  }

  /**
   * Chosen with {@code keyHash(RAPIDHASH)}, the ring places a key by the high 32 bits of hash4j's
   * rapidhash of its bytes, and its key space says so; xxHash64 stays the default.
   */
  @Test
  void aRingChoosingRapidhashPlacesByIt() {
    Continuum c = Continuum.builder(Algorithm.RING).seed(5).keyHash(KeyHashFunction.RAPIDHASH).build();
    Continuum d = Continuum.builder(Algorithm.RING).seed(5).build();
    c.addServers(Placements.servers(9, 2));
    d.addServers(Placements.servers(9, 2));
    KeySpace ks = c.keySpace().orElseThrow();
    assertThat(ks.keyHash()).isEqualTo("rapidhash-high32-seed-5");
    assertThat(d.keySpace().orElseThrow().keyHash()).isEqualTo("xxh64-high32-seed-5");
    int differ = 0;
    for (String key : Placements.keys(3000, 8)) {
      long h = Hashing.rapidhashV3(5).hashBytesToLong(key.getBytes(StandardCharsets.UTF_8)) >>> 32;
      assertThat(ks.servers().get(ks.ownerOf(h))).as(key).isEqualTo(c.resolve(key));
      differ += c.resolve(key).equals(d.resolve(key)) ? 0 : 1;
    }
    assertThat(differ).isGreaterThan(2000); // about 8/9 of the keys move between the two hashes
  }

  @Test
  void theOptionIsValidatedAtOnce() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> Continuum.builder(Algorithm.SPYMEMCACHED).keyHash(KeyHashFunction.RAPIDHASH))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("keyHash does not apply to algorithm spymemcached");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Continuum.builder(Algorithm.RING).keyHash(null))
        .isInstanceOf(NullPointerException.class);
    assertThat(KeyHashFunction.byName("RapidHash")).isSameAs(KeyHashFunction.RAPIDHASH);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> KeyHashFunction.byName("md5"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown key hash \"md5\"; known: xxhash64, rapidhash, rapidhash-wide");
    assertThat(Algorithm.RING.options()).contains("keyHash");
    assertThat(Algorithm.PYMEMCACHE.options()).doesNotContain("keyHash");
  }
}
