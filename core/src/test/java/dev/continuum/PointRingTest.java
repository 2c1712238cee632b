package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The indexed, radix-built ring against a plain reference: a sorted list searched from the start. */
class PointRingTest {
  /** Reference semantics: stable sort by unsigned value, first point >= (or >) hash, else wrap to 0. */
  private static final class Reference {
    final long[] points; // unsigned value << 32 | owner, in sorted order
    final boolean strict;

    Reference(int[] values, int[] owners, boolean strict) {
      Integer[] order = new Integer[values.length];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (x, y) -> Integer.compareUnsigned(values[x], values[y])); // stable
      points = new long[values.length];
      for (int i = 0; i < order.length; i++) {
        points[i] = Integer.toUnsignedLong(values[order[i]]) << 32 | owners[order[i]];
      }
      this.strict = strict;
    }

    int find(int hash) {
      if (points.length == 0) {
        return -1;
      }
      long h = Integer.toUnsignedLong(hash);
      for (int i = 0; i < points.length; i++) {
        long v = points[i] >>> 32;
        if (strict ? v > h : v >= h) {
          return i;
        }
      }
      return 0;
    }
  }

  private static void checkAgainstReference(int[] values, int[] owners, int servers, SplittableRandom random) {
    for (boolean strict : new boolean[] {false, true}) {
      PointRing.Builder b = new PointRing.Builder(values.length);
      for (int i = 0; i < values.length; i++) {
        b.add(values[i], owners[i]);
      }
      PointRing ring = b.build(strict, servers);
      Reference ref = new Reference(values, owners, strict);
      assertThat(ring.size()).isEqualTo(values.length);
      for (int i = 0; i < values.length; i++) {
        assertThat(Integer.toUnsignedLong(ring.point(i))).isEqualTo(ref.points[i] >>> 32);
        assertThat(ring.owner(i)).isEqualTo((int) ref.points[i]);
      }
      List<Integer> hashes = new ArrayList<>(List.of(0, -1, 1, Integer.MIN_VALUE, Integer.MAX_VALUE));
      for (int v : values) {
        hashes.add(v);
        hashes.add(v - 1);
        hashes.add(v + 1);
        if (hashes.size() > 3000) {
          break;
        }
      }
      for (int i = 0; i < 2000; i++) {
        hashes.add(random.nextInt());
      }
      // Both sides of the index's bucket boundaries: every one of a small ring, a sample of a large one.
      int bits = ring.bucketBits();
      for (int i = 0; i < Math.min(1 << bits, 1024); i++) {
        int start = (bits <= 10 ? i : random.nextInt(1 << bits)) << (32 - bits);
        hashes.add(start);
        hashes.add(start - 1);
        hashes.add(start + 1);
      }
      for (int h : hashes) {
        int want = ref.find(h);
        assertThat(ring.find(h)).as("find(%s) strict=%s n=%d", Integer.toUnsignedString(h), strict, values.length)
            .isEqualTo(want);
        assertThat(ring.ownerOf(h)).isEqualTo(want < 0 ? -1 : (int) ref.points[want]);
      }
    }
  }

  @Test
  void findMatchesTheReferenceOnRandomRingsOfManySizes() {
    SplittableRandom random = new SplittableRandom(3);
    for (int n : new int[] {0, 1, 2, 7, 15, 16, 17, 100, 1000, 4095, 4096, 5000, 20000}) {
      int servers = 1 + n / 40;
      int[] values = new int[n];
      int[] owners = new int[n];
      for (int i = 0; i < n; i++) {
        values[i] = random.nextInt();
        owners[i] = random.nextInt(servers);
      }
      checkAgainstReference(values, owners, servers, random);
    }
  }

  @Test
  void tiesAndClustersKeepInsertionOrder() {
    SplittableRandom random = new SplittableRandom(4);
    for (int n : new int[] {50, 3000, 9000}) {
      int[] values = new int[n];
      int[] owners = new int[n];
      for (int i = 0; i < n; i++) {
        // Few distinct values, many at 0..3 and at the very top (python-continuum's quirk entries).
        int kind = random.nextInt(3);
        values[i] = kind == 0 ? random.nextInt(4) : kind == 1 ? -1 - random.nextInt(3) : random.nextInt(64) << 26;
        owners[i] = random.nextInt(20);
      }
      checkAgainstReference(values, owners, 20, random);
    }
  }

  /**
   * The index's edges: points only in the first bucket (every later bucket empty, lookups there wrap
   * to point 0), only in the last (empty buckets first), at the lowest and highest hash of a bucket,
   * one server with one point, one bucket crowded past the linear scan with equal and clustered
   * points, and rings of one repeated value.
   */
  @Test
  void emptyBucketsWrapAroundEqualPointsAndBucketEdges() {
    SplittableRandom random = new SplittableRandom(6);
    int[][] rings = {
        {0, 1, 2, 3, 5, 8, 13, 21, 34, 55}, // all in bucket 0
        {-1, -2, -3, -5, -8, -13, -21, -34, -55, -89}, // all in the last bucket
        {0, 0x07FF_FFFF, 0x0800_0000, 0x0FFF_FFFF, 0x1000_0000, 0xF7FF_FFFF, 0xF800_0000, -1, 0x7FFF_FFFF, 0x8000_0000},
        {12345},
        {7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 8, 8, 8, 9, 9, 9, 9, 9, 9, 9, 9, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19},
        {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1},
        {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
    };
    for (int[] values : rings) {
      for (int servers : new int[] {1, 3, 20}) {
        int[] owners = new int[values.length];
        for (int i = 0; i < owners.length; i++) {
          owners[i] = random.nextInt(servers);
        }
        checkAgainstReference(values, owners, servers, random);
      }
    }
    // The first, second, second-to-last and last hash of random buckets, as points.
    int n = 4096;
    int bits = PointRing.indexBits(n);
    int[] values = new int[n];
    int[] owners = new int[n];
    for (int i = 0; i < n; i++) {
      int offset = switch (i % 4) {
        case 0 -> 0;
        case 1 -> -1 >>> bits;
        case 2 -> 1;
        default -> (-1 >>> bits) - 1;
      };
      values[i] = random.nextInt(1 << bits) << (32 - bits) | offset;
      owners[i] = random.nextInt(5);
    }
    checkAgainstReference(values, owners, 5, random);
  }

  @Test
  void reachableCountsOwnersHoldingPoints() {
    PointRing ring = new PointRing.Builder(4).add(5, 0).add(9, 2).add(7, 2).build(false, 4);
    assertThat(ring.reachable()).isEqualTo(2);
    assertThat(ring.ownerOf(6)).isEqualTo(2);
    assertThat(ring.ownerOf(10)).isEqualTo(0);
  }

  /** Points and index together: at most 16 bytes a point (array headers included) from 5 points up. */
  @Test
  void atMostSixteenBytesAPointIndexIncluded() {
    SplittableRandom random = new SplittableRandom(8);
    for (int n = 5; n < 70_000; n = n < 300 ? n + 1 : n * 5 / 4) {
      PointRing.Builder b = new PointRing.Builder(n);
      for (int i = 0; i < n; i++) {
        b.add(random.nextInt(), i % 7);
      }
      PointRing ring = b.build(false, 7);
      assertThat(ring.memoryBytes()).as("n = %d", n).isLessThanOrEqualTo(16L * n);
      // and about one slot a point or more (the largest power of two within the budget), so that
      // many buckets hold no point
      assertThat(1L << ring.bucketBits()).as("n = %d", n).isGreaterThan(n - 4);
    }
    for (int n : new int[] {160_000, 1_600_000, 16_000_000, (int) Checks.MAX_POINTS}) {
      long bytes = 16 + 8L * n + 16 + (4L << PointRing.indexBits(n));
      assertThat(bytes).as("n = %d", n).isLessThanOrEqualTo(16L * n);
    }
  }

  /** Points depending on the server alone, with collisions between servers to exercise ties. */
  private static final PointRing.Source POINTS = PointRing.Source.of(server -> 40, (server, owner, to) -> {
    int seed = server.host().hashCode() * 31 + server.port();
    for (int i = 0; i < 40; i++) {
      int v = Integer.rotateLeft(seed * 0x9E3779B9 + i * 0x85EBCA6B, 13) * 0xC2B2AE35;
      to.add(i % 7 == 0 ? v & 0xFF : v, owner); // every 7th point in a tiny range: frequent ties
    }
  });

  @Test
  void incrementalUpdatesEqualFullBuildsOnRandomSequences() {
    SplittableRandom random = new SplittableRandom(5);
    for (boolean strict : new boolean[] {false, true}) {
      List<Server> servers = new ArrayList<>();
      Server[] before = new Server[0];
      PointRing ring = PointRing.build(before, POINTS, strict);
      int next = 0;
      for (int step = 0; step < 300; step++) {
        int op = random.nextInt(10);
        if (op < 5 || servers.isEmpty()) {
          int count = op == 0 ? 1 + random.nextInt(5) : 1;
          for (int c = 0; c < count; c++) {
            servers.add(Server.of("10.0." + (next / 250) + "." + (next % 250), 11211));
            next++;
          }
        } else if (op < 8) {
          servers.remove(random.nextInt(servers.size()));
        } else if (op < 9) {
          for (int c = 1 + random.nextInt(3); c > 0 && !servers.isEmpty(); c--) {
            servers.remove(random.nextInt(servers.size())); // several at once: owners renumbered by table
          }
        } else {
          servers.remove(random.nextInt(servers.size()));
          servers.add(Server.of("10.9." + (next / 250) + "." + (next % 250), 11211));
          next++;
        }
        Server[] after = servers.toArray(new Server[0]);
        PointRing merged = PointRing.update(ring, before, after, POINTS, strict, PointRing.LIST_ORDER);
        assertThat(merged).as("removals and appends always merge").isNotNull();
        ring = merged;
        PointRing full = PointRing.build(after, POINTS, strict);
        assertThat(ring.size()).isEqualTo(full.size());
        for (int i = 0; i < full.size(); i++) {
          assertThat(ring.point(i)).isEqualTo(full.point(i));
          assertThat(ring.owner(i)).as("owner at %d after step %d", i, step).isEqualTo(full.owner(i));
        }
        assertThat(ring.reachable()).isEqualTo(full.reachable());
        assertThat(ring.sameAs(full)).as("derived index equals the built one after step %d", step).isTrue();
        for (int k = 0; k < 200; k++) {
          int h = random.nextInt();
          assertThat(ring.find(h)).isEqualTo(full.find(h));
        }
        assertSameLookups(ring, full);
        before = after;
      }
    }
  }

  /**
   * {@code got} (merged) answers exactly as {@code want} (built) at every point's value and its
   * neighbours and at every boundary of the index's buckets: where a wrong index shows.
   */
  static void assertSameLookups(PointRing got, PointRing want) {
    assertThat(got.reachable()).isEqualTo(want.reachable());
    for (int i = 0; i < want.size(); i++) {
      for (int d = -1; d <= 1; d++) {
        int h = want.point(i) + d;
        assertThat(got.find(h)).as("find(%d)", h).isEqualTo(want.find(h));
      }
    }
    int bits = want.bucketBits();
    for (long b = 0; b < 1L << bits; b++) {
      for (int d = -1; d <= 0; d++) {
        int h = (int) (b << (32 - bits)) + d;
        assertThat(got.find(h)).as("find(%d)", h).isEqualTo(want.find(h));
        assertThat(got.ownerOf(h)).as("ownerOf(%d)", h).isEqualTo(want.ownerOf(h));
      }
    }
  }

  @Test
  void reorderedOrReplacedServersAreLeftToAFullBuild() {
    Server a = Server.of("a", 1);
    Server b = Server.of("b", 1);
    PointRing ab = PointRing.build(new Server[] {a, b}, POINTS, false);
    assertThat(PointRing.update(ab, new Server[] {a, b}, new Server[] {b, a}, POINTS, false, PointRing.LIST_ORDER)).isNull();
    Server heavierB = Server.of("b", 1, 2);
    assertThat(PointRing.update(ab, new Server[] {a, b}, new Server[] {a, heavierB}, POINTS, false, PointRing.LIST_ORDER))
        .as("a replaced server is removed and appended: a merge").isNotNull();
  }
}
