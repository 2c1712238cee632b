package dev.continuum;

import java.util.HashMap;
import java.util.Map;

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
abstract class SlotPlacement extends Placement {
  /** {@code slotServer[b]} is the server index holding slot b, or -1 for a removed slot. */
  final int[] slotServer;
  final int working;
  final long seed;

  SlotPlacement(int[] slotServer, int working, long seed) {
    this.slotServer = slotServer;
    this.working = working;
    this.seed = seed;
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

  private int server(long h) {
    return working == 0 ? -1 : slotServer[slot(h)];
  }

  @Override
  final int index(byte[] key, int offset, int length) {
    return server(XxHash64.hash(key, offset, length, seed));
  }

  @Override
  final int index(CharSequence key) {
    return server(XxHash64.hash(key, seed));
  }

  @Override
  final int reachable() {
    return working;
  }

  @Override
  final void indexes(byte[] key, int offset, int length, int[] out, int n) {
    replicas(XxHash64.hash(key, offset, length, seed), out, n);
  }

  @Override
  final void indexes(CharSequence key, int[] out, int n) {
    replicas(XxHash64.hash(key, seed), out, n);
  }

  private void replicas(long h, int[] out, int n) {
    out[0] = server(h);
    int found = 1;
    long attempts = 16L * n + 64;
    for (long r = 1; found < n && r <= attempts; r++) {
      found = addIfNew(slotServer[slot(XxHash64.mix(h + r * HashRing.GOLDEN))], out, found);
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
