package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every placement that searches a {@link PointRing} answers, through its index, exactly what a plain
 * walk along its sorted points answers: at every point, one below and one above it, at both sides of
 * every index bucket boundary, at 0 and 2^32 - 1, and for random keys through the dialect's own hash.
 * The model takes the points in the ring's order and walks them linearly (after checking that they are
 * sorted); it shares nothing with the index or its search.
 */
class RingLookupModelTest {
  /** The points of a placement that searches a ring, or null when it does not. */
  static PointRing ringOf(Placement p) {
    if (p instanceof RingPlacement) {
      return ((RingPlacement) p).ring;
    }
    return p instanceof MultiProbe ? ((MultiProbe) p).ring : null;
  }

  /** The algorithms whose placement searches a ring: every ring dialect. */
  static Stream<Algorithm> ringAlgorithms() {
    return Arrays.stream(Algorithm.values())
        .filter(a -> ringOf(a.factory(Options.defaults()).build(new Server[] {Server.of("10.0.0.1", 1)})) != null);
  }

  /** python-continuum takes the first point strictly above the hash; every other ring, at or above. */
  static boolean strict(Algorithm a) {
    return a == Algorithm.PYTHON_CONTINUUM;
  }

  private static Server[] servers(int n, SplittableRandom random) {
    Server[] out = new Server[n];
    for (int i = 0; i < n; i++) {
      out[i] = Server.of("10.3." + (i >> 8) + "." + (i & 255), 11211 + random.nextInt(3), 1 + random.nextInt(4));
    }
    return out;
  }

  /**
   * Answers of the model for {@code hashes}: sorted unsigned, then one sweep along the points, each
   * hash taking the first point at or above it (strictly above when strict), 0 past the last point.
   */
  private static int[] modelFind(PointRing ring, boolean strict, int[] hashes) {
    int n = ring.size();
    Integer[] byHash = new Integer[hashes.length];
    for (int i = 0; i < byHash.length; i++) {
      byHash[i] = i;
    }
    Arrays.sort(byHash, (x, y) -> Integer.compareUnsigned(hashes[x], hashes[y]));
    int[] out = new int[hashes.length];
    int p = 0;
    for (int q : byHash) {
      long h = Integer.toUnsignedLong(hashes[q]);
      while (p < n && (strict ? Integer.toUnsignedLong(ring.point(p)) <= h : Integer.toUnsignedLong(ring.point(p)) < h)) {
        p++;
      }
      out[q] = n == 0 ? -1 : p == n ? 0 : p;
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("ringAlgorithms")
  void indexedLookupsEqualALinearWalk(Algorithm algorithm) {
    SplittableRandom random = new SplittableRandom(algorithm.ordinal());
    Options options = Options.defaults();
    options.totalDots = 40_000;
    PlacementFactory factory = algorithm.factory(options);
    for (int n : new int[] {1, 2, 17, 60}) {
      Placement placement = factory.build(servers(n, random));
      PointRing ring = ringOf(placement);
      for (int i = 1; i < ring.size(); i++) {
        assertThat(Integer.compareUnsigned(ring.point(i - 1), ring.point(i))).isLessThanOrEqualTo(0);
      }
      List<Integer> list = new ArrayList<>(List.of(0, -1, 1, -2, Integer.MIN_VALUE, Integer.MAX_VALUE));
      for (int i = 0; i < ring.size(); i++) {
        list.add(ring.point(i) - 1);
        list.add(ring.point(i));
        list.add(ring.point(i) + 1);
      }
      int bits = ring.bucketBits();
      for (long b = 1; b < 1L << bits; b++) {
        list.add((int) (b << (32 - bits)) - 1);
        list.add((int) (b << (32 - bits)));
      }
      for (int i = 0; i < 5000; i++) {
        list.add(random.nextInt());
      }
      int[] hashes = list.stream().mapToInt(Integer::intValue).toArray();
      int[] want = modelFind(ring, strict(algorithm), hashes);
      for (int i = 0; i < hashes.length; i++) {
        int h = hashes[i];
        assertThat(ring.find(h)).as("%s, %d servers: find(%s)", algorithm, n, Integer.toUnsignedString(h))
            .isEqualTo(want[i]);
        assertThat(ring.ownerOf(h)).as("%s, %d servers: ownerOf(%s)", algorithm, n, Integer.toUnsignedString(h))
            .isEqualTo(ring.owner(want[i]));
      }
      if (placement instanceof RingPlacement) {
        RingPlacement rp = (RingPlacement) placement;
        String[] keys = new String[2000];
        int[] keyHashes = new int[keys.length];
        for (int k = 0; k < keys.length; k++) {
          keys[k] = "key-" + Long.toHexString(random.nextLong());
          keyHashes[k] = rp.hash(keys[k]);
        }
        int[] owners = modelFind(ring, strict(algorithm), keyHashes);
        for (int k = 0; k < keys.length; k++) {
          assertThat(placement.index(keys[k])).as("%s, %d servers: %s", algorithm, n, keys[k])
              .isEqualTo(ring.owner(owners[k]));
        }
      }
    }
  }
}
