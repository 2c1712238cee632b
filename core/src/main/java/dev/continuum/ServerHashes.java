package dev.continuum;

import java.util.Arrays;

/**
 * Seeded 64-bit identities of servers (xxHash64 of {@code "host:port"}), from which continuum's own
 * algorithms derive every per-server value. Identity is host and port only, as {@link Server}
 * equality, so a re-weighted server keeps its points, permutation and scores.
 */
final class ServerHashes {
  private ServerHashes() {}

  static long of(Server s, long seed) {
    return XxHash64.hash(s.host() + ":" + s.port(), seed);
  }

  static long[] of(Server[] servers, long seed) {
    long[] h = new long[servers.length];
    for (int i = 0; i < servers.length; i++) {
      h[i] = of(servers[i], seed);
    }
    return h;
  }

  /**
   * The server indexes ordered by identity hash (ties by host then port): an order that depends on the
   * set of servers only, never on the order they were added in, used where an algorithm must visit
   * servers in some order (tie-breaking, maglev's turns).
   */
  static int[] canonicalOrder(Server[] servers, long[] ids) {
    Integer[] order = new Integer[servers.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> {
      int c = Long.compareUnsigned(ids[a], ids[b]);
      if (c == 0) {
        c = servers[a].host().compareTo(servers[b].host());
      }
      return c != 0 ? c : Integer.compare(servers[a].port(), servers[b].port());
    });
    int[] out = new int[order.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = order[i];
    }
    return out;
  }
}
