package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.continuum.Placements.Removal;
import dev.continuum.Placements.Spec;
import java.util.HashSet;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Properties every algorithm promises, checked over random server sets, seeds and keys. Each try runs
 * every {@link Spec}; exceptions are stated in {@link Spec}: python-continuum redistributes its dots
 * on every change (no minimal-disruption promise), jump's non-last removal moves the last server's keys
 * too, maglev is near-minimal (at most {@link #MAGLEV_EXTRA_MOVES} of the keys move between servers
 * that did not change).
 */
class PlacementPropertiesTest {
  private static final int KEYS = 2000;
  /**
   * Fraction of keys maglev may move between unchanged servers on one change. Typically about 0.3%,
   * but with a long tail: a change can reorder how the table's slots fill and move several percent.
   * Over 40,000 random changes (2 to 40 servers, table 65,537) the moved share of the table averaged
   * 0.31%, was at least 1.5% in 22, 3.1% in 4 and 4.6% in 1 (largest 5.08%), and an independent model
   * of the paper's Pseudocode 1 showed the same tail (largest 5.2% of 20,000). The former bound, 3%,
   * so failed about one CI run in 280 (30 changes a run). Extrapolating the tail to 15%: about 1e-7
   * of runs fail if it keeps halving every 0.8 points as measured, 3e-5 even for a power law fitted
   * to it; and 15% still fails a table that is not stable under changes (which moves most keys).
   */
  static final double MAGLEV_EXTRA_MOVES = 0.15;

  @Property(tries = 15)
  void addingMovesKeysOnlyToTheNewServer(@ForAll @IntRange(min = 1, max = 40) int n, @ForAll long seed) {
    List<Server> servers = Placements.servers(n + 1, seed);
    String[] keys = Placements.keys(KEYS, seed);
    for (Spec spec : Spec.values()) {
      Continuum c = spec.continuum(seed);
      c.addServers(servers.subList(0, n));
      Server[] before = Placements.resolveAll(c, keys);
      Server added = c.addServer(servers.get(n));
      int others = 0;
      for (int i = 0; i < keys.length; i++) {
        Server now = c.resolve(keys[i]);
        if (!now.equals(before[i]) && !now.equals(added)) {
          others++;
        }
      }
      if (spec.minimalAdd) {
        assertThat(others).as(spec + ": keys moved between old servers").isZero();
      } else if (spec == Spec.MAGLEV) {
        assertThat(others).as(spec + ": extra moves").isLessThanOrEqualTo((int) (MAGLEV_EXTRA_MOVES * KEYS));
      }
    }
  }

  /**
   * Maglev's typical extra moves, on fixed fleets so that this claim cannot fail by chance: adding a
   * server to 2 to 40 servers, 117 times, moves under 1% of the keys between unchanged servers in all
   * (measured: 716 of 234,000, 0.31%; the per-change bound above is wide for the rare large change).
   */
  @Test
  void maglevMovesFewKeysBetweenUnchangedServersOverManyChanges() {
    long others = 0;
    long keys = 0;
    for (int t = 0; t < 117; t++) {
      int n = 2 + t % 39;
      List<Server> servers = Placements.servers(n + 1, t);
      String[] k = Placements.keys(KEYS, t);
      Continuum c = Spec.MAGLEV.continuum(t);
      c.addServers(servers.subList(0, n));
      Server[] before = Placements.resolveAll(c, k);
      Server added = c.addServer(servers.get(n));
      for (int i = 0; i < k.length; i++) {
        Server now = c.resolve(k[i]);
        others += !now.equals(before[i]) && !now.equals(added) ? 1 : 0;
      }
      keys += k.length;
    }
    assertThat(others / (double) keys).isLessThan(0.01);
  }

  @Property(tries = 15)
  void removingMovesOnlyTheRemovedServersKeys(@ForAll @IntRange(min = 2, max = 40) int n, @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 1000) int which) {
    List<Server> servers = Placements.servers(n, seed);
    String[] keys = Placements.keys(KEYS, seed);
    Server removed = servers.get(which % n);
    Server last = servers.get(n - 1);
    for (Spec spec : Spec.values()) {
      Continuum c = spec.continuum(seed);
      c.addServers(servers);
      Server[] before = Placements.resolveAll(c, keys);
      c.removeServer(removed);
      int others = 0;
      for (int i = 0; i < keys.length; i++) {
        Server now = c.resolve(keys[i]);
        assertThat(now).isNotEqualTo(removed);
        boolean allowed = before[i].equals(removed)
            || (spec.removal == Removal.LAST_TAKES_SLOT && before[i].equals(last));
        if (!now.equals(before[i]) && !allowed) {
          others++;
        }
        if (spec.removal == Removal.LAST_TAKES_SLOT && before[i].equals(removed) && !removed.equals(last)) {
          assertThat(now).as("jump: the last server takes the removed slot").isEqualTo(last);
        }
      }
      switch (spec.removal) {
        case MINIMAL, LAST_TAKES_SLOT -> assertThat(others).as(spec + ": other keys moved").isZero();
        case NEAR_MINIMAL -> assertThat(others).as(spec + ": extra moves")
            .isLessThanOrEqualTo((int) (MAGLEV_EXTRA_MOVES * KEYS));
        case NONE -> { }
      }
    }
  }

  @Property(tries = 10)
  void removingThenReAddingRestores(@ForAll @IntRange(min = 2, max = 30) int n, @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 1000) int which) {
    List<Server> servers = Placements.servers(n, seed);
    String[] keys = Placements.keys(KEYS, seed);
    for (Spec spec : Spec.values()) {
      if (spec == Spec.PYTHON_CONTINUUM) {
        continue; // its remainder dots and ties depend on the list order, which re-adding changes
      }
      // jump can restore only its last server; every other algorithm any server.
      Server removed = servers.get(spec.removal == Removal.LAST_TAKES_SLOT ? n - 1 : which % n);
      Continuum c = spec.continuum(seed);
      c.addServers(servers);
      Server[] before = Placements.resolveAll(c, keys);
      c.removeServer(removed);
      c.addServer(removed);
      assertThat(Placements.resolveAll(c, keys)).as(spec.toString()).containsExactly(before);
    }
  }

  @Property(tries = 15)
  void replicasAreDistinctWithThePrimaryFirst(@ForAll @IntRange(min = 1, max = 30) int n, @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 30) int replicas) {
    List<Server> servers = Placements.servers(n, seed);
    int r = Math.min(replicas, n);
    for (Spec spec : Spec.values()) {
      Continuum c = spec.continuum(seed);
      c.addServers(servers);
      for (String key : Placements.keys(200, seed)) {
        List<Server> list = c.resolve(key, r);
        assertThat(list).hasSize(r);
        assertThat(new HashSet<>(list)).as(spec + ": distinct").hasSize(r);
        assertThat(list.get(0)).isEqualTo(c.resolve(key));
        assertThat(c.resolve(key.getBytes(java.nio.charset.StandardCharsets.UTF_8), r)).isEqualTo(list);
      }
      assertThat(c.resolve("k", n)).containsExactlyInAnyOrderElementsOf(servers);
      assertThatThrownBy(() -> c.resolve("k", n + 1)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("replica count must be in 1.." + n);
    }
  }

  @Property(tries = 10)
  void replicasAreStableUnderUnrelatedChanges(@ForAll @IntRange(min = 3, max = 30) int n, @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 1000) int which) {
    List<Server> servers = Placements.servers(n + 1, seed);
    int r = Math.max(1, n / 3);
    String[] keys = Placements.keys(500, seed);
    for (Spec spec : Spec.values()) {
      if (!spec.minimalAdd) {
        continue; // python-continuum and maglev move replicas on every change
      }
      Continuum c = spec.continuum(seed);
      c.addServers(servers.subList(0, n));
      List<List<Server>> before = new java.util.ArrayList<>();
      for (String k : keys) {
        before.add(c.resolve(k, r));
      }
      // Adding: a list without the new server is unchanged.
      Server added = c.addServer(servers.get(n));
      for (int i = 0; i < keys.length; i++) {
        List<Server> now = c.resolve(keys[i], r);
        if (!now.contains(added)) {
          assertThat(now).as(spec + ": replicas after an unrelated add").isEqualTo(before.get(i));
        }
      }
      c.removeServer(added);
      // Removing (jump: only its last server): a list that did not hold the removed server is unchanged.
      Server removed = spec.removal == Removal.LAST_TAKES_SLOT ? servers.get(n - 1) : servers.get(which % n);
      c.removeServer(removed);
      for (int i = 0; i < keys.length; i++) {
        if (!before.get(i).contains(removed)) {
          assertThat(c.resolve(keys[i], r)).as(spec + ": replicas after an unrelated removal").isEqualTo(before.get(i));
        }
      }
    }
  }
}
