package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link Algorithm#effectiveCapacity} says what the placement does: checked against the documented
 * peer behaviour ({@link FingerprintTest#ZERO_AS_ONE}: libmemcached stores weight 0 as 1) and against
 * where keys really go, for every algorithm.
 */
class EffectiveCapacityTest {
  private static final int KEYS = 5000;

  @Test
  void zeroCountsAsOneExactlyWhereThePeerDoesSo() {
    Set<Algorithm> zeroAsOne = EnumSet.noneOf(Algorithm.class);
    for (Algorithm a : Algorithm.values()) {
      if (a.supportsWeights() && a.effectiveCapacity(0) == 1) {
        zeroAsOne.add(a);
      }
    }
    assertThat(zeroAsOne).isEqualTo(FingerprintTest.ZERO_AS_ONE);
  }

  @Test
  void unweightedAlgorithmsGiveEveryServerOne() {
    for (Algorithm a : Algorithm.values()) {
      for (int capacity : new int[] {0, 1, 2, 7}) {
        int expected = a.supportsWeights() ? capacity == 0 && FingerprintTest.ZERO_AS_ONE.contains(a) ? 1 : capacity : 1;
        assertThat(a.effectiveCapacity(capacity)).as("%s, capacity %d", a, capacity).isEqualTo(expected);
      }
    }
  }

  /**
   * A weighted algorithm that accepts capacity 0 (the peers that reject it are left out): where the
   * effective capacity of 0 is 1 the server places exactly as with capacity 1, where it is 0 the server
   * takes no key.
   */
  @Test
  void aServerOfCapacityZeroPlacesAsItsEffectiveCapacitySays() {
    for (Algorithm a : Algorithm.values()) {
      if (!a.supportsWeights() || FingerprintTest.ZERO_REJECTED.contains(a)) {
        continue;
      }
      List<Server> fleet = new ArrayList<>(Placements.servers(5, 3));
      List<Server> zero = new ArrayList<>(fleet);
      zero.set(0, fleet.get(0).withCapacity(0));
      Continuum withOne = Continuum.builder(a).build();
      withOne.addServers(fleet);
      Continuum withZero = Continuum.builder(a).build();
      withZero.addServers(zero);
      int differ = 0;
      int toZero = 0;
      for (String key : Placements.keys(KEYS, 11)) {
        Server s = withZero.resolve(key);
        differ += s.equals(withOne.resolve(key)) ? 0 : 1;
        toZero += s.equals(fleet.get(0)) ? 1 : 0;
      }
      if (a.effectiveCapacity(0) == 1) {
        assertThat(differ).as("%s: capacity 0 read as 1 places as capacity 1", a).isZero();
      } else {
        assertThat(toZero).as("%s: a server of capacity 0 takes no key", a).isZero();
      }
    }
  }

  @Test
  void aNegativeCapacityIsRejected() {
    assertThatThrownBy(() -> Algorithm.RING.effectiveCapacity(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("capacity must not be negative, got -1");
  }
}
