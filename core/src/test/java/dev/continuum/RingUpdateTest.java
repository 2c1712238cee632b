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
      PointRingTest.assertSameLookups(got, want);
      before = after;
    }
  }
}
