package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dynatrace.hash4j.consistent.ConsistentBucketHasher;
import com.dynatrace.hash4j.consistent.ConsistentHashing;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * jumpback against its peer: hash4j 0.31.0's {@code ConsistentHashing.jumpBackHashSplitMix64()}, the
 * reference implementation by the paper's author. Equality over millions of inputs makes "the same
 * bucket as hash4j" a guarantee.
 */
class JumpBackTest {
  private static final ConsistentBucketHasher HASH4J = ConsistentHashing.jumpBackHashSplitMix64();

  /**
   * 4,000,000 random (hash, n) pairs with n log-uniform over 1..2^31-1 (every bit length equally
   * often, so small and huge counts are both well covered), plus every n near a power of two, where
   * the level structure changes.
   */
  @Test
  void sameBucketAsHash4jOverMillionsOfInputs() {
    SplittableRandom random = new SplittableRandom(0x5EED);
    for (int i = 0; i < 4_000_000; i++) {
      long hash = random.nextLong();
      int bits = 1 + random.nextInt(31);
      int n = (int) Math.max(1, random.nextLong(1L << (bits - 1), 1L << bits));
      int want = HASH4J.getBucket(hash, n);
      if (JumpBack.bucket(hash, n) != want) {
        assertThat(JumpBack.bucket(hash, n)).as("bucket(%d, %d)", hash, n).isEqualTo(want);
      }
    }
    for (int bit = 0; bit < 31; bit++) {
      for (int delta = -2; delta <= 2; delta++) {
        long n = (1L << bit) + delta;
        if (n < 1 || n > Integer.MAX_VALUE) {
          continue;
        }
        for (int i = 0; i < 2_000; i++) {
          long hash = random.nextLong();
          assertThat(JumpBack.bucket(hash, (int) n)).as("bucket(%d, %d)", hash, n)
              .isEqualTo(HASH4J.getBucket(hash, (int) n));
        }
      }
    }
  }

  @Test
  void extremeHashesAndCounts() {
    long[] hashes = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x9E3779B97F4A7C15L, -0x9E3779B97F4A7C15L};
    int[] counts = {1, 2, 3, 4, 5, 7, 8, 1000, 65_536, 65_537, Integer.MAX_VALUE - 1, Integer.MAX_VALUE};
    for (long h : hashes) {
      for (int n : counts) {
        assertThat(JumpBack.bucket(h, n)).as("bucket(%d, %d)", h, n).isEqualTo(HASH4J.getBucket(h, n));
      }
    }
  }

  @Test
  void badCountsAreRejectedLikeJump() {
    assertThatThrownBy(() -> JumpBack.bucket(1, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("buckets must be at least 1, got 0");
    assertThatThrownBy(() -> JumpBack.bucket(1, -5)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Consistency, independently of hash4j: growing by one bucket moves keys only to the new one. */
  @Test
  void growingMovesKeysOnlyToTheNewBucket() {
    SplittableRandom random = new SplittableRandom(7);
    int[] counts = {1, 2, 3, 31, 32, 33, 1000, 1023, 1024};
    for (int n : counts) {
      int moved = 0;
      for (int i = 0; i < 50_000; i++) {
        long key = random.nextLong();
        int before = JumpBack.bucket(key, n);
        int after = JumpBack.bucket(key, n + 1);
        assertThat(after == before || after == n).as("n=%d", n).isTrue();
        moved += after != before ? 1 : 0;
      }
      // A fraction 1/(n+1) of the keys moves: within 5 standard deviations.
      double expected = 50_000.0 / (n + 1);
      assertThat((double) moved).as("n=%d", n).isBetween(expected - 5 * Math.sqrt(expected) - 1,
          expected + 5 * Math.sqrt(expected) + 1);
    }
  }

  private static List<Server> servers(int n) {
    List<Server> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(Server.of("10.0.1." + i, 11211));
    }
    return list;
  }

  /**
   * The placement's primary is hash4j's bucket of the key's hash, slot i being the i-th server; for
   * an ASCII key and the default key hash, hash4j's bucket of hash4j's rapidhash of its chars.
   */
  @Test
  void resolveOfAHashIsHash4jsBucket() {
    Continuum c = Continuum.builder(Algorithm.JUMPBACK).seed(11).build();
    List<Server> s = servers(37);
    c.addServers(s);
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 100_000; i++) {
      long h = random.nextLong();
      assertThat(c.resolve(h)).isEqualTo(s.get(HASH4J.getBucket(h, 37)));
    }
    com.dynatrace.hash4j.hashing.Hasher64 rapidhash = com.dynatrace.hash4j.hashing.Hashing.rapidhashV3(11);
    for (int i = 0; i < 10_000; i++) {
      String key = "key-" + i + "/" + random.nextLong();
      assertThat(c.resolve(key)).isEqualTo(s.get(HASH4J.getBucket(rapidhash.hashCharsToLong(key), 37)));
    }
  }

  @Test
  void removingAServerOtherThanTheLastMovesTheLastServerIntoItsSlot() {
    Continuum c = new Continuum(Algorithm.JUMPBACK);
    List<Server> s = servers(10);
    c.addServers(s);
    c.removeServer(s.get(3));
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 50_000; i++) {
      long h = random.nextLong();
      int bucket = HASH4J.getBucket(h, 9);
      assertThat(c.resolve(h)).isEqualTo(bucket == 3 ? s.get(9) : s.get(bucket));
    }
    // Re-adding appends: the slots are now 0..2, 9, 4..8, 3.
    c.addServer(s.get(3));
    for (int i = 0; i < 50_000; i++) {
      long h = random.nextLong();
      int bucket = HASH4J.getBucket(h, 10);
      Server want = bucket == 3 ? s.get(9) : bucket == 9 ? s.get(3) : s.get(bucket);
      assertThat(c.resolve(h)).isEqualTo(want);
    }
  }

  @Test
  void unweighted() {
    Continuum c = new Continuum(Algorithm.JUMPBACK);
    assertThatThrownBy(() -> c.addServer("10.0.0.1", 11211, 2)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not support weights");
    assertThat(c.size()).isZero();
    assertThat(Algorithm.JUMPBACK.supportsWeights()).isFalse();
    assertThat(Algorithm.JUMPBACK.supportsArbitraryRemoval()).isFalse();
    assertThat(Algorithm.JUMPBACK.dependsOnHistory()).isTrue();
    assertThat(Algorithm.byName("jumpback")).isSameAs(Algorithm.JUMPBACK);
  }
}
