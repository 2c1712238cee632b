package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The lookup shortcut of jumpback and memento ({@code Snapshot.jumpBackSlots}: the JumpBackHash bucket
 * straight into the servers in slot order, without the placement; a removed memento slot is null
 * there, and its keys go through the placement): the array is exactly the models' slots after every
 * change (removed slots null, restored when the removals are undone), and on either path every
 * answer ({@code resolve} of a String, of its bytes, of a 64-bit hash) equals the brute-force models
 * over hash4j's JumpBackHash ({@link Models.JumpBackModel}, {@link Models.MementoModel}).
 */
class JumpBackFastPathTest {
  private static final String[] KEYS = keys();

  private static String[] keys() {
    String[] k = Placements.keys(600, 3);
    k[0] = "";
    k[1] = "日本語-ключ-\uD83D\uDE00";
    k[2] = "\uD800x"; // an unpaired surrogate, '?' in UTF-8
    k[3] = "k".repeat(200);
    return k;
  }

  private static final long[] HASHES = new SplittableRandom(11).longs(600).toArray();

  @Property(tries = 30)
  void mementoSlotsFollowEveryChangeAndAlwaysAgreeWithTheModel(
      @ForAll @IntRange(min = 1, max = 40) int n, @ForAll long seed) {
    Random r = new Random(seed);
    List<Server> pool = Placements.servers(n + 5, seed);
    Models.MementoModel model = new Models.MementoModel(seed);
    List<Server> list = new ArrayList<>(pool.subList(0, n));
    Continuum c = started(Algorithm.MEMENTO, seed, list, model);
    check(c, model, "start");
    List<Server> removed = new ArrayList<>();
    for (int step = 0; step < 12; step++) {
      int choice = r.nextInt(4);
      if (choice == 0 && !removed.isEmpty()) {
        // Undo the latest removal: after the last one, memento is plain jumpback again.
        Server back = removed.remove(removed.size() - 1);
        list.add(back);
        c.addServer(back);
      } else if (choice == 1 && list.size() < pool.size()) {
        Server fresh = pool.stream().filter(s -> !list.contains(s) && !removed.contains(s)).findFirst().orElse(null);
        if (fresh == null) {
          continue;
        }
        list.add(fresh);
        c.addServer(fresh);
      } else if (list.size() > 1) {
        // Remove the last server (jumpback shrinks, no slot is emptied) or any other one.
        Server gone = choice == 2 ? c.servers().get(c.size() - 1) : list.get(r.nextInt(list.size()));
        list.remove(gone);
        removed.add(gone);
        c.removeServer(gone);
      } else {
        continue;
      }
      model.generate(list);
      check(c, model, "step " + step + " over " + list);
    }
    // Every removal undone, newest first: no slot is empty any more.
    while (!removed.isEmpty()) {
      Server back = removed.remove(removed.size() - 1);
      list.add(back);
      c.addServer(back);
      model.generate(list);
    }
    check(c, model, "after undoing every removal");
    assertThat(c.snapshot().jumpBackSlots).doesNotContainNull();
  }

  @Test
  void aRemovalInTheMiddleEmptiesItsSlotAndItsUndoingRefillsIt() {
    List<Server> servers = Placements.servers(30, 5);
    Continuum c = new Continuum(Algorithm.MEMENTO);
    Models.MementoModel model = new Models.MementoModel(0);
    c.addServers(servers);
    model.generate(servers);
    check(c, model, "30 servers");
    assertThat(c.snapshot().jumpBackSlots).isSameAs(c.snapshot().servers);
    List<Server> without = new ArrayList<>(servers);
    without.remove(servers.get(7));
    c.removeServer(servers.get(7));
    model.generate(without);
    check(c, model, "server 7 removed");
    assertThat(c.snapshot().jumpBackSlots[7]).isNull();
    // Some of the hashes land on slot 7 and take the placement's path.
    assertThat(Arrays.stream(HASHES).filter(h -> JumpBack.bucket(h, 30) == 7).count()).isPositive();
    c.addServer(servers.get(7));
    model.generate(c.servers());
    check(c, model, "server 7 back");
    assertThat(c.snapshot().jumpBackSlots).doesNotContainNull();
  }

  @Property(tries = 20)
  void jumpbackAlwaysTakesTheShortcut(@ForAll @IntRange(min = 1, max = 40) int n, @ForAll long seed) {
    Random r = new Random(seed);
    List<Server> pool = Placements.servers(n + 5, seed);
    Models.JumpBackModel model = new Models.JumpBackModel(seed);
    List<Server> list = new ArrayList<>(pool.subList(0, n));
    Continuum c = started(Algorithm.JUMPBACK, seed, list, model);
    check(c, model, "start");
    for (int step = 0; step < 8; step++) {
      if (r.nextBoolean() && list.size() > 1) {
        Server gone = list.remove(r.nextInt(list.size()));
        c.removeServer(gone);
      } else {
        Server fresh = pool.stream().filter(s -> !list.contains(s)).findFirst().orElse(null);
        if (fresh == null) {
          continue;
        }
        list.add(fresh);
        c.addServer(fresh);
      }
      model.generate(list);
      check(c, model, "step " + step);
    }
  }

  /** With autogenerate off, readers keep the last generated placement and its slots until generate(). */
  @Test
  void deferredChangesKeepThePublishedShortcut() {
    List<Server> servers = Placements.servers(20, 8);
    Continuum c = Continuum.builder(Algorithm.MEMENTO).autogenerate(false).build();
    Models.MementoModel model = new Models.MementoModel(0);
    c.addServers(servers);
    c.generate();
    model.generate(servers);
    check(c, model, "generated");
    c.removeServer(servers.get(3));
    assertThat(c.size()).isEqualTo(19);
    check(c, model, "removal not generated yet");
    List<Server> without = new ArrayList<>(servers);
    without.remove(3);
    c.generate();
    model.generate(without);
    check(c, model, "removal generated");
    assertThat(c.snapshot().jumpBackSlots[3]).isNull();
  }

  @Test
  void anEmptyContinuumHasNoShortcut() {
    for (Algorithm a : new Algorithm[] {Algorithm.JUMPBACK, Algorithm.MEMENTO}) {
      Continuum c = new Continuum(a);
      assertThat(c.snapshot().jumpBackSlots).isNull();
      assertThatThrownBy(() -> c.resolve("k")).isInstanceOf(IllegalStateException.class).hasMessage("empty continuum");
      assertThatThrownBy(() -> c.resolve(new byte[1])).isInstanceOf(IllegalStateException.class).hasMessage("empty continuum");
      assertThatThrownBy(() -> c.resolve(42L)).isInstanceOf(IllegalStateException.class).hasMessage("empty continuum");
      Server only = c.addServer("10.0.0.1", 1);
      assertThat(c.snapshot().jumpBackSlots).containsExactly(only);
      assertThat(c.resolve("k")).isSameAs(only);
      c.removeServer(only);
      assertThat(c.snapshot().jumpBackSlots).isNull();
      assertThatThrownBy(() -> c.resolve(42L)).isInstanceOf(IllegalStateException.class).hasMessage("empty continuum");
    }
  }

  /**
   * While servers were only appended, the shortcut is the server list itself and costs nothing; once
   * slots are out of list order (jumpback after a removal in the middle; memento, whose removed slot
   * stays, empty) it is an array of its own, which {@code memoryBytes()} counts.
   */
  @Test
  void theShortcutSharesTheServerListUntilTheSlotsAreReordered() {
    List<Server> servers = Placements.servers(10, 4);
    for (Algorithm a : new Algorithm[] {Algorithm.JUMPBACK, Algorithm.MEMENTO}) {
      Continuum c = new Continuum(a);
      c.addServers(servers);
      Continuum.Snapshot s = c.snapshot();
      assertThat(s.jumpBackSlots).as("%s", a).isSameAs(s.servers);
      assertThat(c.memoryBytes()).as("%s", a).isEqualTo(s.placement.memoryBytes());
    }
    Continuum c = new Continuum(Algorithm.JUMPBACK);
    c.addServers(servers);
    c.removeServer(servers.get(2)); // the last slot's server takes slot 2
    Continuum.Snapshot s = c.snapshot();
    assertThat(s.jumpBackSlots).isNotSameAs(s.servers).hasSize(9);
    assertThat(s.jumpBackSlots[2]).isSameAs(servers.get(9));
    assertThat(c.memoryBytes()).isEqualTo(s.placement.memoryBytes() + 16 + 4 * 9);
    Continuum m = new Continuum(Algorithm.MEMENTO);
    m.addServers(servers);
    m.removeServer(servers.get(2)); // memento keeps the slot, empty
    s = m.snapshot();
    assertThat(s.jumpBackSlots).isNotSameAs(s.servers).hasSize(10);
    assertThat(s.jumpBackSlots[2]).isNull();
    assertThat(m.memoryBytes()).isEqualTo(s.placement.memoryBytes() + 16 + 4 * 10);
  }

  /** The other algorithms never take the shortcut. */
  @Test
  void onlyJumpBackOverItsSlotsTakesTheShortcut() {
    for (Algorithm a : Algorithm.values()) {
      if (a == Algorithm.JUMPBACK || a == Algorithm.MEMENTO) {
        continue;
      }
      Continuum c = new Continuum(a);
      c.addServers(Placements.servers(5, 1));
      assertThat(c.snapshot().jumpBackSlots).as("%s", a).isNull();
    }
  }

  /** A continuum of {@code a} over {@code list}, and the model fed the same list. */
  private static Continuum started(Algorithm a, long seed, List<Server> list, Models.SlotModel model) {
    Continuum c = Continuum.builder(a).seed(seed).build();
    c.addServers(list);
    model.generate(list);
    return c;
  }

  /**
   * The shortcut's slots are the model's (removed ones null), and every answer equals the model's and
   * the placement's own (the path without the shortcut), for Strings, their bytes and 64-bit hashes.
   */
  private static void check(Continuum c, Models.SlotModel model, String when) {
    Continuum.Snapshot s = c.snapshot();
    assertThat(s.jumpBackSlots).as("slots %s", when).containsExactly(model.slots.toArray(new Server[0]));
    for (String key : KEYS) {
      byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
      Server expected = model.place(utf8, 1).get(0);
      assertThat(c.resolve(key)).as("%s: key %s", when, key).isSameAs(expected);
      assertThat(c.resolve(utf8)).as("%s: bytes of %s", when, key).isSameAs(expected);
      assertThat(s.servers[s.placement.index(key)]).as("%s: placement, key %s", when, key).isSameAs(expected);
    }
    for (long h : HASHES) {
      Server expected = model.slots.get(model.slot(h));
      assertThat(c.resolve(h)).as("%s: hash %d", when, h).isSameAs(expected);
      assertThat(s.servers[s.placement.index(h)]).as("%s: placement, hash %d", when, h).isSameAs(expected);
    }
  }
}
