package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The general ring's incremental update gives exactly the ring a full build gives. */
class RingUpdateTest {
  @Test
  void mergedRingsEqualFullBuildsOnRandomSequences() {
    Options options = Options.defaults();
    options.pointsPerWeight = 8; // few points, so that collisions between servers happen
    PlacementFactory factory = Algorithm.RING.factory(options);
    SplittableRandom random = new SplittableRandom(6);
    List<Server> servers = new ArrayList<>();
    Server[] before = new Server[0];
    Placement placement = factory.build(before);
    for (int step = 0; step < 200; step++) {
      if (servers.isEmpty() || random.nextInt(3) > 0) {
        servers.add(Server.of("h" + random.nextInt(100_000), 1 + random.nextInt(3000), 1 + random.nextInt(3)));
      } else {
        servers.remove(random.nextInt(servers.size()));
      }
      Server[] after = servers.toArray(new Server[0]);
      placement = factory.update(placement, before, after);
      PointRing got = ((ConsistentRing) placement).ring;
      PointRing want = ((ConsistentRing) factory.build(after)).ring;
      assertThat(got.size()).isEqualTo(want.size());
      for (int i = 0; i < want.size(); i++) {
        assertThat(got.point(i)).isEqualTo(want.point(i));
        assertThat(got.owner(i)).as("owner at %d, step %d", i, step).isEqualTo(want.owner(i));
      }
      assertThat(got.sameAs(want)).as("derived index equals the built one, step %d", step).isTrue();
      PointRingTest.assertSameLookups(got, want);
      before = after;
    }
  }

  /**
   * Issue 13, defect 2: an append sized from the average server overshot the limit and was rejected
   * ("would need 268439552 points") though the ring needs 134,348,800, which the same pair in one
   * batch gets. Incremental and batch must give the same ring. About 1 GB of points each: kept out
   * of the small-heap limit tests.
   */
  @Test
  void anAppendNearTheLimitIsAcceptedAsTheBatchIs() {
    Server a = Server.of("10.0.0.1", 11211, 1);
    Server b = Server.of("10.0.0.2", 11211, 2049);
    Options options = Options.defaults();
    options.pointsPerWeight = 65536;
    PlacementFactory factory = Algorithm.RING.factory(options);
    Server[] justA = {a};
    Server[] both = {a, b};
    long[] got = fingerprint(factory.update(factory.build(justA), justA, both));
    long[] want = fingerprint(factory.build(both));
    assertThat(got).containsExactly(want);
    assertThat(got[0]).isEqualTo(134_348_800L);
  }

  /** Size, and a checksum of every point and owner in order, of a continuum's ring. */
  private static long[] fingerprint(Placement placement) {
    PointRing ring = ((ConsistentRing) placement).ring;
    long sum = 0;
    for (int i = 0; i < ring.size(); i++) {
      sum = sum * 31 + ((long) ring.point(i) << 20 ^ ring.owner(i));
    }
    return new long[] {ring.size(), sum};
  }
}
