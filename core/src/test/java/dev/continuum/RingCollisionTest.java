package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The ring's points, collisions included, depend on the set of servers, not on their order. */
class RingCollisionTest {
  @Test
  void collidingPointsGoToTheSameServerWhateverTheListOrder() {
    // 10 servers x 65536 points: about 20 pairs of equal 32-bit values are expected.
    List<Server> servers = Placements.servers(10, 11);
    List<Server> shuffled = new ArrayList<>(servers);
    Collections.shuffle(shuffled, new Random(5));
    Server[] a = servers.toArray(new Server[0]);
    Server[] b = shuffled.toArray(new Server[0]);
    PointRing ra = ConsistentRing.build(a, 65536, 3, KeyHashFunction.XXHASH64).ring;
    PointRing rb = ConsistentRing.build(b, 65536, 3, KeyHashFunction.XXHASH64).ring;
    assertThat(ra.size()).isEqualTo(rb.size()).isEqualTo(10 * 65536);
    int collisions = 0;
    for (int i = 0; i < ra.size(); i++) {
      assertThat(ra.point(i)).isEqualTo(rb.point(i));
      assertThat(a[ra.owner(i)]).isEqualTo(b[rb.owner(i)]);
      if (i > 0 && ra.point(i) == ra.point(i - 1)) {
        collisions++;
        // The server of smaller identity hash comes first and takes the keys up to that value.
        long first = ServerHashes.of(a[ra.owner(i - 1)], 3);
        long second = ServerHashes.of(a[ra.owner(i)], 3);
        assertThat(Long.compareUnsigned(first, second)).isLessThanOrEqualTo(0);
      }
    }
    assertThat(collisions).as("the test needs collisions to mean something").isPositive();
  }
}
