package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The point limit on the incremental ring path ({@link PointRing#update}): a change that would pass
 * it is rejected with the exact point count before anything of that size is allocated. Meant to run
 * with a small heap (256 MB), where an allocation before the check fails with an OutOfMemoryError.
 */
class RingLimitsTest {
  /** Issue 13, defect 1: one server of capacity 2^24 added to a ring that already holds servers. */
  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"RING", "BOUNDED_LOAD"})
  void aHugeServerAddedToARingIsRejectedBeforeAllocating(Algorithm algorithm) {
    Continuum c = Continuum.builder(algorithm).build();
    c.addServers(Server.of("10.0.0.1", 11211), Server.of("10.0.0.2", 11211, 3));
    List<Server> before = c.servers();
    Server answer = c.resolve("k");
    long memory = c.memoryBytes();
    long wanted = 4L * 160 + (1L << 24) * 160; // the two servers' 640 points and the new one's
    assertThatThrownBy(() -> c.addServer("10.0.0.3", 11211, 1 << 24))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the ring would need " + wanted + " points; the limit is 268435456 (a ring that size holds about 3 GiB)");
    assertThat(c.servers()).containsExactlyElementsOf(before);
    assertThat(c.resolve("k")).isSameAs(answer);
    assertThat(c.memoryBytes()).isEqualTo(memory);
  }

  /**
   * The same through {@link PointRing#update} with a removal and an append in one change: the count is
   * that of the ring after the change (the survivors and the new server's points).
   */
  @Test
  void aChangeThatRemovesAndAppendsIsCheckedOnTheRingAfterIt() {
    Server a = Server.of("a", 1);
    Server b = Server.of("b", 1);
    Server huge = Server.of("huge", 1);
    long hugePoints = Checks.MAX_POINTS - 30;
    PointRing.Source source = PointRing.Source.of(
        s -> s == huge ? hugePoints : 40,
        (s, owner, to) -> {
          for (int i = 0; i < (s == huge ? hugePoints : 40); i++) {
            to.add(s.host().hashCode() * 31 + i * 0x9E3779B9, owner);
          }
        });
    PointRing ab = PointRing.build(new Server[] {a, b}, source, false);
    assertThatThrownBy(() -> PointRing.update(ab, new Server[] {a, b}, new Server[] {b, huge}, source, false,
        PointRing.LIST_ORDER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the ring would need " + (hugePoints + 40) + " points; the limit is 268435456 (a ring that size holds about 3 GiB)");
    assertThat(ab.size()).isEqualTo(80);
  }
}
