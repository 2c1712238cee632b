package dev.continuum;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A placement that maps a key's 64-bit hash to a numbered slot (a jump-hash bucket), each working slot
 * held by one server: {@link Jump} and {@link Memento}. Slots are assigned by the history of changes,
 * not by the list order, so {@link PlacementFactory#update} carries them from one placement to the
 * next.
 *
 * <p>Replicas: the primary, then for {@code r = 1, 2, ...} the server of the slot of the rehashed key
 * {@code mix(keyHash + r * golden)} when not chosen yet; after {@code 16 n + 64} attempts (a rare
 * event) the remaining replicas are the first unchosen working slots in slot order. Each rehash is a
 * consistent choice on its own, so replicas move only to an added server or away from a removed one,
 * up to that fallback.
 */
abstract class SlotPlacement extends HashedPlacement {
  /** {@code slotServer[b]} is the server index holding slot b, or -1 for a removed slot. */
  final int[] slotServer;
  final int working;

  SlotPlacement(int[] slotServer, int working, KeyHash64 keyHash) {
    super(keyHash);
    this.slotServer = slotServer;
    this.working = working;
  }

  /** The slot table; placements with more state per slot add theirs. */
  @Override
  long memoryBytes() {
    return 16 + 4L * slotServer.length;
  }

  /** The working slot of a key of 64-bit hash {@code h}; only called when {@code working > 0}. */
  abstract int slot(long h);

  /** The servers of the slots, in slot order, {@code null} for a removed slot. */
  final Server[] slotOwners(Server[] servers) {
    Server[] out = new Server[slotServer.length];
    for (int b = 0; b < out.length; b++) {
      out[b] = slotServer[b] < 0 ? null : servers[slotServer[b]];
    }
    return out;
  }

  /**
   * The servers in slot order for {@link Placement#jumpBackSlots}, null for a removed slot:
   * {@code servers} itself while slot {@code i} is the {@code i}-th server (servers only ever appended,
   * the usual case), which costs no memory, otherwise a copy in slot order.
   */
  final Server[] slotsInOrder(Server[] servers) {
    for (int b = 0; b < slotServer.length; b++) {
      if (slotServer[b] != b) {
        return slotOwners(servers);
      }
    }
    return servers;
  }

  /**
   * Writes the slot state to a fingerprint: which server holds each slot, in slot order. The list
   * order of the servers plays no part in a slot placement.
   */
  void describe(Server[] servers, Fingerprint f) {
    f.field("slots").number(slotServer.length).number(working);
    for (Server s : slotOwners(servers)) {
      f.slot(s);
    }
  }

  /** {@code slotServers[b]} as indexes into {@code servers} (removed slots: -1). */
  static int[] indexesOf(Server[] slotServers, Server[] servers) {
    Map<Server, Integer> index = new HashMap<>();
    for (int i = 0; i < servers.length; i++) {
      index.put(servers[i], i);
    }
    int[] out = new int[slotServers.length];
    for (int b = 0; b < out.length; b++) {
      out[b] = slotServers[b] == null ? -1 : index.get(slotServers[b]);
    }
    return out;
  }

  /**
   * The factory of a bucket function that can drop its last bucket only (jump, jumpback), given how
   * to make its placement from a slot table: a fresh build gives slot {@code i} to the {@code i}-th
   * server; an update appends added servers, and for each removed server, from the highest slot
   * down, moves the server of the last slot into the freed slot and drops the last slot.
   */
  static PlacementFactory lastSlotTakesOver(Function<int[], SlotPlacement> make) {
    return new PlacementFactory() {
      @Override
      public Placement build(Server[] servers) {
        int[] slots = new int[servers.length];
        Arrays.setAll(slots, i -> i);
        return make.apply(slots);
      }

      @Override
      public Placement update(Placement previous, Server[] previousServers, Server[] servers) {
        if (!(previous instanceof SlotPlacement)) {
          return build(servers);
        }
        List<Server> slots = new ArrayList<>(Arrays.asList(((SlotPlacement) previous).slotOwners(previousServers)));
        Set<Server> now = new HashSet<>(Arrays.asList(servers));
        for (int b = slots.size() - 1; b >= 0; b--) {
          if (b < slots.size() && !now.contains(slots.get(b))) {
            Server last = slots.remove(slots.size() - 1);
            if (b < slots.size()) {
              slots.set(b, last);
            }
          }
        }
        Set<Server> kept = new HashSet<>(slots);
        for (Server s : servers) {
          if (!kept.contains(s)) {
            slots.add(s);
          }
        }
        return make.apply(indexesOf(slots.toArray(new Server[0]), servers));
      }
    };
  }

  private int server(long h) {
    return working == 0 ? -1 : slotServer[slot(h)];
  }

  @Override
  final int index(long keyHash) {
    return server(keyHash);
  }

  @Override
  final void indexes(long keyHash, int[] out, int n) {
    replicas(keyHash, out, n);
  }

  @Override
  final int reachable() {
    return working;
  }

  private void replicas(long h, int[] out, int n) {
    out[0] = server(h);
    int found = 1;
    long attempts = 16L * n + 64;
    for (long r = 1; found < n && r <= attempts; r++) {
      found = addIfNew(slotServer[slot(XxHash64.mix(h + r * ConsistentRing.GOLDEN))], out, found);
    }
    for (int b = 0; found < n && b < slotServer.length; b++) {
      if (slotServer[b] >= 0) {
        found = addIfNew(slotServer[b], out, found);
      }
    }
  }

  private static int addIfNew(int server, int[] out, int found) {
    for (int j = 0; j < found; j++) {
      if (out[j] == server) {
        return found;
      }
    }
    out[found] = server;
    return found + 1;
  }
}
