package dev.continuum;

import java.util.HashMap;
import java.util.Map;

/**
 * HAProxy 2.6's {@code hash-type consistent} tree ({@code src/lb_chash.c}), read from its source and
 * checked against the Debian build:
 *
 * <ul>
 *   <li>A server of weight {@code w} (0..256) holds {@code w * 16} nodes; node {@code j}'s position is
 *       {@code full_hash(id * 4096 + j)} ({@link KeyHash#fullHash}, 32-bit arithmetic), {@code id} the
 *       server's numeric id. Neither its name nor its address takes part.
 *   <li>Ids: a server's {@linkplain Server#id() explicit id}, else the one HAProxy assigns: a counter
 *       starts at 1 and moves past every server line; a server without an id takes the smallest
 *       value at or above the counter that no explicit id and no earlier assignment holds.
 *   <li>A key's position is its hash (sdbm, djb2, wt6 or crc32, optionally through
 *       {@code avalanche}). HAProxy finds the first node at or above it (wrapping) and the node before
 *       that one, and takes the closer of the two; at equal distance the one before wins.
 *   <li>Nodes at the same position (two servers' ids can collide through {@code full_hash}) sit in
 *       HAProxy's tree in insertion order, servers in list order: looking forward it meets the first
 *       inserted, looking back the last.
 * </ul>
 *
 * "Closer of two" is turned into the shared "first point at or above" ring once, when building: each
 * node's territory ends halfway to the next node, so that boundary becomes the point. Lookups are then
 * exactly those of every other ring.
 */
final class HaproxyTree extends RingPlacement {
  /** {@code BE_WEIGHT_SCALE}: nodes per unit of weight. */
  static final int NODES_PER_WEIGHT = 16;
  /** {@code SRV_EWGHT_RANGE}: the stride between two ids' node numbers. */
  static final int ID_STRIDE = 4096;
  /** HAProxy's largest server weight. */
  static final int MAX_WEIGHT = 256;

  private final KeyHash keyHash;

  private HaproxyTree(PointRing ring, KeyHash keyHash) {
    super(ring);
    this.keyHash = keyHash;
  }

  /** The factory ({@link PlacementFactory.FromOptions}) of {@link Algorithm#HAPROXY_SDBM}. */
  static PlacementFactory sdbm(Options options) {
    return factory(Algorithm.HAPROXY_SDBM, KeyHash.SDBM, options);
  }

  /** The factory of {@link Algorithm#HAPROXY_DJB2}. */
  static PlacementFactory djb2(Options options) {
    return factory(Algorithm.HAPROXY_DJB2, KeyHash.DJB2, options);
  }

  /** The factory of {@link Algorithm#HAPROXY_WT6}. */
  static PlacementFactory wt6(Options options) {
    return factory(Algorithm.HAPROXY_WT6, KeyHash.WT6, options);
  }

  /** The factory of {@link Algorithm#HAPROXY_CRC32}. */
  static PlacementFactory crc32(Options options) {
    return factory(Algorithm.HAPROXY_CRC32, KeyHash.CRC32, options);
  }

  /** The factory of {@code algorithm}, whose key hash is {@code function}, then avalanche when set. */
  private static PlacementFactory factory(Algorithm algorithm, KeyHash function, Options options) {
    KeyHash keyHash = options.avalanche ? function.avalanched() : function;
    String label = algorithm.cliName();
    return PlacementFactory.checked(servers -> validate(label, servers), servers -> build(label, servers, keyHash));
  }

  /**
   * Rejects what HAProxy rejects (a weight above 256, two servers with one id) and what continuum
   * cannot hold, before anything is allocated in proportion to the nodes; returns the node count.
   */
  static long validate(String label, Server[] servers) {
    long count = 0;
    for (Server s : servers) {
      if (s.capacity() > MAX_WEIGHT) {
        throw new IllegalArgumentException(label + ": capacity " + s.capacity() + " for " + s.hostPort()
            + ": HAProxy weights are 0..256");
      }
      count += (long) s.capacity() * NODES_PER_WEIGHT;
    }
    ids(label, servers);
    return Checks.points("the HAProxy tree", count);
  }

  static HaproxyTree build(String label, Server[] servers, KeyHash keyHash) {
    long count = validate(label, servers);
    int[] ids = ids(label, servers);
    // Node positions, each with its owner, sorted by position; equal positions stay in insertion order.
    PointRing.Builder nodes = new PointRing.Builder(Checks.points("the HAProxy tree", count));
    for (int i = 0; i < servers.length; i++) {
      int first = ids[i] * ID_STRIDE; // wraps as HAProxy's unsigned arithmetic does
      for (int j = 0, n = servers[i].capacity() * NODES_PER_WEIGHT; j < n; j++) {
        nodes.add(KeyHash.fullHash(first + j), i);
      }
    }
    return new HaproxyTree(territories(nodes.sorted(), servers.length), keyHash);
  }

  /**
   * The ids HAProxy uses for {@code servers}, explicit or assigned ({@code check_config_validity}).
   *
   * @throws IllegalArgumentException when two servers have the same explicit id, as HAProxy does
   */
  static int[] ids(String label, Server[] servers) {
    Map<Integer, Server> taken = new HashMap<>();
    for (Server s : servers) {
      if (s.id() != 0) {
        Server other = taken.putIfAbsent(s.id(), s);
        if (other != null) {
          throw new IllegalArgumentException(label + ": " + other.hostPort() + " and " + s.hostPort()
              + " have the same id " + s.id() + " (HAProxy rejects duplicate server ids)");
        }
      }
    }
    int[] ids = new int[servers.length];
    int next = 1;
    for (int i = 0; i < servers.length; i++) {
      if (servers[i].id() != 0) {
        ids[i] = servers[i].id();
      } else {
        while (taken.containsKey(next)) {
          next++;
        }
        ids[i] = next;
        taken.put(next, servers[i]);
      }
      next++;
    }
    return ids;
  }

  /**
   * The "first point at or above" ring equivalent to HAProxy's "closer of the two neighbours" over
   * the sorted {@code nodes}. Between consecutive positions p and q (gap g = q - p mod 2^32), a key
   * at p + d goes back to p while d <= g / 2 (rounded down) and forward to q beyond: p's owner holds up
   * to p + g / 2. Where several nodes share p, the first inserted answers keys exactly at p (HAProxy
   * finds it looking forward) and the last inserted the rest of p's territory (it finds that one
   * looking back); the ones between keep their place at p, so that the replica walk meets every node
   * in HAProxy's order, as its redispatch does.
   */
  private static PointRing territories(long[] nodes, int serverCount) {
    PointRing.Builder ring = new PointRing.Builder(Math.max(1, nodes.length));
    int n = nodes.length;
    for (int start = 0; start < n; ) {
      int p = PointRing.value(nodes[start]);
      int end = start + 1;
      while (end < n && PointRing.value(nodes[end]) == p) {
        end++;
      }
      int q = PointRing.value(nodes[end % n]);
      long gap = Integer.toUnsignedLong(q - p);
      int half = (int) ((gap == 0 ? 1L << 32 : gap) >>> 1);
      for (int dup = start; dup < end - 1; dup++) {
        ring.add(p, (int) nodes[dup]);
      }
      ring.add(p + half, (int) nodes[end - 1]);
      start = end;
    }
    return ring.build(false, serverCount);
  }

  @Override
  int hash(byte[] key, int offset, int length) {
    return keyHash.hash(key, offset, length);
  }

  @Override
  int hash(CharSequence key) {
    return keyHash.hash(key);
  }

  @Override
  String keyHashName() {
    return keyHash.toString();
  }

  /** Nodes are placed by the server's id, explicit or assigned from the list order. */
  @Override
  void describe(Server[] servers, Fingerprint f) {
    f.servers(servers, Fingerprint.Reading.LIST.ids());
  }
}
