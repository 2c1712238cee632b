package dev.continuum;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * MementoHash (Massimo Coluzzi, Amos Brocco, Alessandro Antonucci and Tiziano Leidi, "MementoHash: A
 * Stateful, Minimal Memory, Best Performing Consistent Hash Algorithm", arXiv:2306.09783, 2023): a
 * jump-style bucket function extended with a replacement set that remembers removed buckets, so any
 * server can be removed moving only its keys. The paper builds on jump hash; here the bucket function
 * is {@link JumpBack#bucket} (JumpBackHash), which has the same consistency (growing moves keys only to
 * the new bucket) at a fraction of the cost, so that with nothing removed a lookup costs what
 * {@code jumpback} costs plus one array read.
 *
 * <p>Why MementoHash rather than AnchorHash (Mendelson et al. 2020): AnchorHash must fix an upper bound
 * on the cluster size (its anchor) up front and keeps arrays of that size; MementoHash grows without a
 * bound, the paper's state is proportional to the removals (the working set is a plain bucket
 * function, memory-free), and it reuses {@link JumpBack#bucket}, which continuum has exactly. (This
 * implementation keeps its replacement set in arrays over all buckets rather than a hash table: a
 * lookup then reads plain arrays, for 12 bytes a bucket.) Its lookup is jumpback plus, only for keys
 * landing on removed buckets, a short chain of rehashes.
 *
 * <p>State: {@code n} buckets (the b-array), of which {@code r} removed. Removing bucket {@code b} when
 * the working set has {@code w} buckets records {@code replacer[b] = w - 1} and the previously removed
 * bucket, a LIFO chain; removing the last bucket with nothing removed just shrinks {@code n}. Lookup:
 * {@code b = jumpback(key, n)}; while {@code b} is removed: rehash the key with {@code b} into
 * {@code [0, replacer[b])} (the high 32 bits of {@code mix(h ^ (b + 1) * golden)} times the range,
 * shifted down 32), then follow buckets removed earlier (replacer at least that range) to their
 * replacers. With a fraction {@code f} of the buckets removed, about a fraction {@code f} of the keys
 * takes the chain; the others cost one jumpback and one array read.
 *
 * <ul>
 *   <li>Unweighted: every capacity must be 1.
 *   <li>Removing any server moves only its keys. Adding a server takes the most recently freed bucket
 *       (or appends one): keys move only to it. Removals undone in reverse order restore the exact
 *       placement (remove A, re-add A: every key back where it was).
 *   <li>Memory: three ints per bucket (slot owner, replacer, previous removed): {@code 12 n} bytes;
 *       and once a bucket is removed (or the buckets are out of list order), the lookup shortcut's
 *       servers in bucket order ({@link Placement#jumpBackSlots}), one reference per bucket more.
 * </ul>
 */
final class Memento extends SlotPlacement {
  /** {@code replacer[b]}: the working-set size after b was removed, or -1 if b works. */
  private final int[] replacer;
  /** {@code previous[b]}: the bucket removed before b (or {@code n} for the first). */
  private final int[] previous;
  private final int lastRemoved;

  private Memento(int[] slotServer, int working, int[] replacer, int[] previous, int lastRemoved, KeyHash64 keyHash) {
    super(slotServer, working, keyHash);
    this.replacer = replacer;
    this.previous = previous;
    this.lastRemoved = lastRemoved;
  }

  @Override
  int slot(long h) {
    int b = JumpBack.bucket(h, slotServer.length);
    // A working bucket is the common case (every key while nothing is removed): one array read more
    // than jumpback, the same one the owner's lookup then reads again.
    return slotServer[b] >= 0 ? b : replace(h, b);
  }

  /** The working bucket of a key whose jumpback bucket {@code b} was removed. */
  private int replace(long h, int b) {
    while (replacer[b] >= 0) {
      int r = replacer[b];
      // Uniform in [0, r) from the high 32 bits of the rehash, by multiplication (no division).
      b = (int) (((XxHash64.mix(h ^ ((b + 1) * ConsistentRing.GOLDEN)) >>> 32) * r) >>> 32);
      while (replacer[b] >= r) {
        b = replacer[b];
      }
    }
    return b;
  }

  /**
   * A key whose jumpback slot works stays there: with nothing removed every key, with a fraction f
   * removed all but about f of them. Removed slots are null, the keys of those take {@link #replace}.
   */
  @Override
  Server[] jumpBackSlots(Server[] servers) {
    return working == 0 ? null : slotsInOrder(servers);
  }

  /** Adds the memory of removed buckets, which decides both today's lookups and the next change. */
  @Override
  void describe(Server[] servers, Fingerprint f) {
    super.describe(servers, f);
    f.field("removed").number(lastRemoved);
    for (int b = 0; b < replacer.length; b++) {
      if (replacer[b] >= 0) {
        f.number(b).number(replacer[b]).number(previous[b]);
      }
    }
  }

  @Override
  long memoryBytes() {
    return 3 * (16 + 4L * slotServer.length);
  }

  /** The factory ({@link PlacementFactory.FromOptions}) of {@link Algorithm#MEMENTO}. */
  static PlacementFactory factory(Options options) {
    KeyHash64 keyHash = options.keyHash64();
    return new PlacementFactory() {
      @Override
      public Placement build(Server[] servers) {
        int n = servers.length;
        int[] slots = new int[n];
        Arrays.setAll(slots, i -> i);
        int[] replacer = new int[n];
        Arrays.fill(replacer, -1);
        return new Memento(slots, n, replacer, new int[n], n, keyHash);
      }

      @Override
      public Placement update(Placement previous, Server[] previousServers, Server[] servers) {
        if (!(previous instanceof Memento)) {
          return build(servers);
        }
        Memento p = (Memento) previous;
        Buckets state = new Buckets(p.slotOwners(previousServers), p.replacer, p.previous, p.lastRemoved);
        Set<Server> now = new HashSet<>(Arrays.asList(servers));
        for (int b = state.owners.size() - 1; b >= 0; b--) {
          if (b < state.owners.size() && state.owners.get(b) != null && !now.contains(state.owners.get(b))) {
            state.remove(b);
          }
        }
        Set<Server> kept = new HashSet<>(state.owners);
        for (Server s : servers) {
          if (!kept.contains(s)) {
            state.add(s);
          }
        }
        int n = state.owners.size();
        int[] replacer = new int[n];
        int[] prev = new int[n];
        for (int b = 0; b < n; b++) {
          replacer[b] = state.replacer.get(b);
          prev[b] = state.previous.get(b);
        }
        return new Memento(indexesOf(state.owners.toArray(new Server[0]), servers), servers.length,
            replacer, prev, state.lastRemoved, keyHash);
      }
    };
  }

  /** The mutable bucket state of one update, before it is frozen into a placement. */
  private static final class Buckets {
    final List<Server> owners;
    final List<Integer> replacer = new ArrayList<>();
    final List<Integer> previous = new ArrayList<>();
    int lastRemoved;
    int working;

    Buckets(Server[] owners, int[] replacer, int[] previous, int lastRemoved) {
      this.owners = new ArrayList<>(Arrays.asList(owners));
      for (int b = 0; b < owners.length; b++) {
        this.replacer.add(replacer[b]);
        this.previous.add(previous[b]);
        if (owners[b] != null) {
          working++;
        }
      }
      this.lastRemoved = lastRemoved;
    }

    void remove(int b) {
      int n = owners.size();
      if (lastRemoved == n && b == n - 1) {
        // Nothing removed and b is last: plain jump hash shrinks.
        owners.remove(b);
        replacer.remove(b);
        previous.remove(b);
        lastRemoved = n - 1;
      } else {
        owners.set(b, null);
        replacer.set(b, working - 1);
        previous.set(b, lastRemoved);
        lastRemoved = b;
      }
      working--;
    }

    void add(Server s) {
      int n = owners.size();
      if (lastRemoved == n) {
        owners.add(s);
        replacer.add(-1);
        previous.add(0);
        lastRemoved = n + 1;
      } else {
        int b = lastRemoved;
        lastRemoved = previous.get(b);
        owners.set(b, s);
        replacer.set(b, -1);
      }
      working++;
    }
  }
}
