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

  @org.junit.jupiter.api.Test
  void deferredGenerationCarriesSlotsAcrossSeveralChanges() {
    for (Algorithm a : new Algorithm[] {Algorithm.MEMENTO, Algorithm.JUMP}) {
      List<Server> servers = Placements.servers(12, 9);
      String[] keys = Placements.keys(3000, 9);
      Continuum c = Continuum.builder(a).autogenerate(false).build();
      c.addServers(servers);
      c.generate();
      Server[] before = Placements.resolveAll(c, keys);
      // Three removals published by one generate(); jump: the three last servers, memento: any three.
      List<Server> gone = a == Algorithm.JUMP ? servers.subList(9, 12) : List.of(servers.get(0), servers.get(5), servers.get(7));
      for (Server s : gone) {
        c.removeServer(s);
      }
      assertThat(Placements.resolveAll(c, keys)).containsExactly(before); // not generated yet
      c.generate();
      Server[] after = Placements.resolveAll(c, keys);
      for (int i = 0; i < keys.length; i++) {
        if (!gone.contains(before[i])) {
          assertThat(after[i]).as(a.cliName()).isEqualTo(before[i]);
        } else {
          assertThat(gone).doesNotContain(after[i]);
        }
      }
    }
  }

  /** Version 2 is memento over jumpback: with nothing removed the two place every hash alike. */
  @org.junit.jupiter.api.Test
  void withNothingRemovedMementoIsJumpback() {
    for (int n : new int[] {1, 2, 7, 100, 1000}) {
      Continuum memento = new Continuum(Algorithm.MEMENTO);
      Continuum jumpback = new Continuum(Algorithm.JUMPBACK);
      List<Server> servers = Placements.servers(n, n);
      memento.addServers(servers);
      jumpback.addServers(servers);
      java.util.SplittableRandom random = new java.util.SplittableRandom(n);
      for (int i = 0; i < 20_000; i++) {
        long h = random.nextLong();
        assertThat(memento.resolve(h)).isEqualTo(jumpback.resolve(h));
      }
    }
  }

  /**
   * With 10% of 100 servers removed, the removed servers' keys spread evenly: over 1,000,000 random
   * hashes no remaining server gets more than 1.05 times the mean (about 4 standard deviations).
   */
  @org.junit.jupiter.api.Test
  void tenPercentRemovedStaysBalanced() {
    Continuum c = new Continuum(Algorithm.MEMENTO);
    List<Server> servers = Placements.servers(100, 4);
    c.addServers(servers);
    Random r = new Random(4);
    for (int i = 0; i < 10; i++) {
      List<Server> live = c.servers();
      c.removeServer(live.get(r.nextInt(live.size())));
    }
    java.util.Map<Server, Integer> counts = new java.util.HashMap<>();
    java.util.SplittableRandom random = new java.util.SplittableRandom(4);
    int keys = 1_000_000;
    for (int i = 0; i < keys; i++) {
      counts.merge(c.resolve(random.nextLong()), 1, Integer::sum);
    }
    assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(c.servers());
    double mean = keys / 90.0;
    for (int count : counts.values()) {
      assertThat(count / mean).isBetween(0.95, 1.05);
    }
  }
}
