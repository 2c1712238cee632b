package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** MementoHash over long histories of removals and additions of arbitrary servers. */
class MementoTest {
  @Property(tries = 20)
  void everyRemovalMovesOnlyItsKeysAndReverseOrderRestores(@ForAll @IntRange(min = 2, max = 60) int n,
      @ForAll long seed) {
    Random r = new Random(seed);
    List<Server> servers = Placements.servers(n + 10, seed);
    String[] keys = Placements.keys(1500, seed);
    Continuum c = Continuum.builder(Algorithm.MEMENTO).seed(seed).build();
    c.addServers(servers.subList(0, n));
    Server[] initial = Placements.resolveAll(c, keys);
    Deque<Server> removed = new ArrayDeque<>();
    List<Server[]> history = new ArrayList<>();
    int removals = 1 + r.nextInt(n - 1);
    for (int step = 0; step < removals; step++) {
      List<Server> live = c.servers();
      Server gone = live.get(r.nextInt(live.size()));
      Server[] before = Placements.resolveAll(c, keys);
      history.add(before);
      c.removeServer(gone);
      removed.push(gone);
      Server[] after = Placements.resolveAll(c, keys);
      for (int i = 0; i < keys.length; i++) {
        if (!before[i].equals(gone)) {
          assertThat(after[i]).isEqualTo(before[i]);
        } else {
          assertThat(after[i]).isNotEqualTo(gone);
        }
      }
    }
    // Re-adding in reverse order restores each earlier placement exactly.
    while (!removed.isEmpty()) {
      c.addServer(removed.pop());
      assertThat(Placements.resolveAll(c, keys)).containsExactly(history.remove(history.size() - 1));
    }
    assertThat(Placements.resolveAll(c, keys)).containsExactly(initial);
  }

  @Property(tries = 20)
  void addingAfterRemovalsMovesKeysOnlyToTheNewServer(@ForAll @IntRange(min = 3, max = 40) int n,
      @ForAll long seed) {
    Random r = new Random(seed);
    List<Server> servers = Placements.servers(n + 1, seed);
    String[] keys = Placements.keys(1500, seed);
    Continuum c = Continuum.builder(Algorithm.MEMENTO).seed(seed).build();
    c.addServers(servers.subList(0, n));
    for (int i = 0; i < 1 + r.nextInt(n - 1); i++) {
      c.removeServer(c.servers().get(r.nextInt(c.size())));
    }
    Server[] before = Placements.resolveAll(c, keys);
    Server added = c.addServer(servers.get(n));
    Server[] after = Placements.resolveAll(c, keys);
    for (int i = 0; i < keys.length; i++) {
      assertThat(after[i].equals(before[i]) || after[i].equals(added)).isTrue();
    }
  }
}
