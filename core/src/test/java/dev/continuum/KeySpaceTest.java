package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Exact arcs against a brute force that knows nothing of arcs: a ring lookup can only change owner at
 * a point value or just after it, so the hash space splits into slices between consecutive values of
 * {0, p, p + 1}; one real lookup per slice gives the owner of the whole slice, and summing slice
 * lengths per owner gives every server's exact number of hashes.
 */
class KeySpaceTest {
  private static long[] bruteForceOwned(PointRing ring, int servers) {
    TreeSet<Long> cuts = new TreeSet<>();
    cuts.add(0L);
    for (int i = 0; i < ring.size(); i++) {
      long p = Integer.toUnsignedLong(ring.point(i));
      cuts.add(p);
      if (p + 1 < KeySpace.SIZE) {
        cuts.add(p + 1);
      }
    }
    long[] owned = new long[servers];
    Long[] c = cuts.toArray(new Long[0]);
    for (int j = 0; j < c.length; j++) {
      long end = j + 1 < c.length ? c[j + 1] : KeySpace.SIZE;
      owned[ring.ownerOf((int) (long) c[j])] += end - c[j];
    }
    return owned;
  }

  private static Server[] fleet(int n) {
    Server[] s = new Server[n];
    for (int i = 0; i < n; i++) {
      s[i] = Server.of("10.0.0." + i, 11211);
    }
    return s;
  }

  private static void assertMatchesBruteForce(PointRing ring, int servers) {
    KeySpace ks = ring.keySpace(fleet(servers));
    long[] expected = bruteForceOwned(ring, servers);
    long total = 0;
    for (int s = 0; s < servers; s++) {
      assertThat(ks.owned(s)).as("server %d", s).isEqualTo(expected[s]);
      total += ks.owned(s);
    }
    assertThat(total).isEqualTo(KeySpace.SIZE);
    // Arcs are contiguous, non-empty, and each hash at an arc edge resolves as the ring does.
    for (int i = 0; i < ks.arcs(); i++) {
      assertThat(ks.arcEnd(i)).isGreaterThan(ks.arcStart(i));
      if (i > 0) {
        assertThat(ks.arcOwner(i)).isNotEqualTo(ks.arcOwner(i - 1));
      }
      for (long h : new long[] {ks.arcStart(i), ks.arcEnd(i) - 1}) {
        assertThat(ks.ownerOf(h)).isEqualTo(ring.ownerOf((int) h));
      }
    }
    assertThat(ks.arcEnd(ks.arcs() - 1)).isEqualTo(KeySpace.SIZE);
  }

  @Test
  void randomRingsBothLookupRulesMatchBruteForce() {
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      int servers = 1 + random.nextInt(5);
      int points = 1 + random.nextInt(40);
      boolean strict = random.nextBoolean();
      PointRing.Builder b = new PointRing.Builder(points);
      for (int i = 0; i < points; i++) {
        // Small values, extremes and repeats, so ties, zero and 2^32 - 1 all occur.
        int v;
        switch (random.nextInt(4)) {
          case 0: v = random.nextInt(8); break;
          case 1: v = -1 - random.nextInt(3); break;
          default: v = random.nextInt();
        }
        b.add(v, random.nextInt(servers));
      }
      assertMatchesBruteForce(b.build(strict, servers), servers);
    }
  }

  @Test
  void pythonContinuumRingMatchesBruteForceAndCoversTheSpace() {
    Server[] servers = {Server.of("192.168.0.1", 8080), Server.of("192.168.0.2", 8080), Server.of("192.168.0.3", 8080, 2)};
    for (int dots : new int[] {7, 10, 1000}) {
      PythonContinuumRing placement = PythonContinuumRing.build(servers, dots);
      KeySpace ks = placement.keySpace(servers);
      assertThat(ks.servers()).containsExactly(servers);
      for (int i = 0; i < 2000; i++) {
        String key = "key-" + i;
        assertThat(ks.ownerOf(Integer.toUnsignedLong(KeyHash.MD5.hash(key)))).isEqualTo(placement.index(key));
      }
    }
    // python-continuum's quirk: with 7 dots and three servers each gets 2 remainder entries at 0 and
    // 1 and no hashed entry, so the whole space goes to the first server, as in the original.
    KeySpace seven = PythonContinuumRing.build(new Server[] {Server.of("a", 1), Server.of("b", 1), Server.of("c", 1)}, 7)
        .keySpace(fleet(3));
    assertThat(seven.owned(0)).isEqualTo(KeySpace.SIZE);
  }

  @Test
  void continuumExposesKeySpaceForRingsOnly() {
    Continuum c = new Continuum();
    assertThat(c.keySpace()).get().extracting(KeySpace::arcs).isEqualTo(0);
    c.addServer("192.168.0.1", 8080);
    c.addServer("192.168.0.3", 8080, 2);
    KeySpace ks = c.keySpace().orElseThrow();
    assertThat(ks.share(0) + ks.share(1)).isEqualTo(1.0);
    assertThat(ks.share(1)).isBetween(0.55, 0.8);
  }

  /**
   * Every algorithm that claims exact shares (present and future ring dialects alike) agrees with
   * counting: 200,000 random keys, each server's count within 5 binomial standard deviations of its
   * exact share, plus 0.005 for a key hash that is not perfectly uniform on such keys.
   */
  @Test
  void everyRingsExactSharesMatchCountedKeys() {
    Server[] servers = {Server.of("10.0.0.1", 11211), Server.of("10.0.0.2", 11211, 2), Server.of("10.0.0.3", 11211),
        Server.of("10.0.0.4", 11211, 3), Server.of("10.0.0.5", 22122)};
    Random random = new Random(7);
    String[] keys = new String[200_000];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = "k" + Long.toHexString(random.nextLong());
    }
    int checked = 0;
    for (Algorithm a : Algorithm.values()) {
      Continuum c = new Continuum(a);
      for (Server s : servers) {
        c.addServer(a.supportsWeights() ? s : s.withCapacity(1));
      }
      if (c.keySpace().isEmpty()) {
        continue;
      }
      KeySpace ks = c.keySpace().get();
      long[] counts = new long[servers.length];
      for (String k : keys) {
        counts[ks.servers().indexOf(c.resolve(k))]++;
      }
      for (int s = 0; s < servers.length; s++) {
        double p = ks.share(s);
        double sd = Math.sqrt(p * (1 - p) / keys.length);
        assertThat(counts[s] / (double) keys.length).as("%s server %d", a, s).isCloseTo(p, org.assertj.core.api.Assertions.within(5 * sd + 0.005));
      }
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(1);
  }
}
