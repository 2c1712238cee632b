package dev.continuum;

import java.util.Comparator;

/**
 * continuum's general ring (Karger et al., "Consistent hashing and random trees", STOC 1997): each
 * server places {@code pointsPerWeight * capacity} points on a 32-bit circle; a key goes to the first
 * point at or after its hash, wrapping around.
 *
 * <ul>
 *   <li>Hashes: a key's position is the high 32 bits of its {@link KeyHash64} (xxHash64 with the
 *       seed); point
 *       {@code j} of a server is the high 32 bits of {@code mix(id + (j + 1) * golden)}, {@code id} the
 *       server's seeded identity hash ({@link ServerHashes}), so points depend on host and port only.
 *   <li>Collisions: when two points share a value, the point of the server first in
 *       {@link ServerHashes#canonicalOrder} (smaller identity hash) wins, whatever the list order.
 *   <li>Points are 32-bit values in the shared {@link PointRing}: 8 bytes a point.
 *   <li>Replicas: the first {@code n} distinct servers met walking clockwise from the key.
 * </ul>
 *
 * <p>The placement is a function of the set of servers and their capacities, so removing any server
 * moves only its keys and adding one moves keys only to it.
 */
final class ConsistentRing extends RingPlacement {
  static final long GOLDEN = 0x9E3779B97F4A7C15L;

  /** The key hash; its high 32 bits are the key's position. */
  final KeyHash64 keyHash;
  /** {@link #keyHashName()}: the function and the seed. */
  private final String keyHashName;
  /** Sum of the capacities of the servers holding points. */
  final long totalWeight;

  private ConsistentRing(PointRing ring, KeyHash64 keyHash, String keyHashName, long totalWeight) {
    super(ring);
    this.keyHash = keyHash;
    this.keyHashName = keyHashName;
    this.totalWeight = totalWeight;
  }

  static ConsistentRing build(Server[] servers, int pointsPerWeight, long seed, KeyHashFunction function) {
    return new ConsistentRing(points(servers, pointsPerWeight, seed), function.seeded(seed),
        keyHashName(function, seed), totalWeight(servers));
  }

  /** The name of the key-space hash: the high 32 bits of {@code function} with {@code seed}. */
  private static String keyHashName(KeyHashFunction function, long seed) {
    return (function == KeyHashFunction.XXHASH64 ? "xxh64" : function.cliName()) + "-high32-seed-" + seed;
  }

  private static long totalWeight(Server[] servers) {
    long total = 0;
    for (Server s : servers) {
      total += s.capacity();
    }
    return total;
  }

  /**
   * The factory ({@link PlacementFactory.FromOptions}) of {@link Algorithm#RING} and
   * {@link Algorithm#BOUNDED_LOAD}: full builds, and merges when servers are only removed or appended.
   */
  static PlacementFactory factory(Options options) {
    int pointsPerWeight = options.pointsPerWeight;
    long seed = options.seed;
    KeyHashFunction function = options.keyHash;
    KeyHash64 keyHash = options.keyHash64();
    String keyHashName = keyHashName(function, seed);
    PointRing.Source source = PointRing.Source.of(server -> (long) server.capacity() * pointsPerWeight,
        (server, owner, to) -> addPoints(ServerHashes.of(server, seed), server, pointsPerWeight, owner, to));
    Comparator<Server> order = Comparator.<Server>comparingLong(s -> ServerHashes.of(s, seed) ^ Long.MIN_VALUE)
        .thenComparing(Server::host).thenComparingInt(Server::port);
    PointRing.Ties canonical = (list, a, b) -> order.compare(list[a], list[b]) < 0;
    return new PlacementFactory() {
      @Override
      public Placement build(Server[] servers) {
        return ConsistentRing.build(servers, pointsPerWeight, seed, function);
      }

      @Override
      public void check(Server[] servers) {
        Checks.ringPoints("the ring", servers, pointsPerWeight);
      }

      @Override
      public Placement update(Placement previous, Server[] previousServers, Server[] servers) {
        check(servers);
        PointRing ring = PointRing.update(((ConsistentRing) previous).ring, previousServers, servers, source, false, canonical);
        return ring == null ? build(servers) : new ConsistentRing(ring, keyHash, keyHashName, totalWeight(servers));
      }
    };
  }

  private static void addPoints(long id, Server server, int pointsPerWeight, int owner, PointRing.Builder to) {
    long n = (long) server.capacity() * pointsPerWeight;
    for (long j = 0; j < n; j++) {
      to.add(high32(XxHash64.mix(id + (j + 1) * GOLDEN)), owner);
    }
  }

  /**
   * The points of {@code pointsPerWeight} per unit of capacity for every server, added in canonical
   * order so that ties never depend on the list order. Shared with {@link MultiProbe}.
   */
  static PointRing points(Server[] servers, int pointsPerWeight, long seed) {
    long count = 0;
    for (Server s : servers) {
      count += (long) s.capacity() * pointsPerWeight;
    }
    Checks.ringPoints("the ring", servers, pointsPerWeight);
    PointRing.Builder b = new PointRing.Builder((int) count);
    long[] ids = ServerHashes.of(servers, seed);
    for (int i : ServerHashes.canonicalOrder(servers, ids)) {
      addPoints(ids[i], servers[i], pointsPerWeight, i, b);
    }
    return b.build(false, servers.length);
  }

  static int high32(long h) {
    return (int) (h >>> 32);
  }

  @Override
  int hash(byte[] key, int offset, int length) {
    return high32(keyHash.hash(key, offset, length));
  }

  @Override
  int hash(CharSequence key) {
    return high32(keyHash.hash(key));
  }

  @Override
  int index(long keyHash) {
    return ring.ownerOf(high32(keyHash));
  }

  @Override
  void indexes(long keyHash, int[] out, int n) {
    ring.distinctOwners(high32(keyHash), out, n);
  }

  @Override
  String keyHashName() {
    return keyHashName;
  }

  /** A function of the set of servers: ties are decided by server identity. */
  @Override
  void describe(Server[] servers, Fingerprint f) {
    f.servers(servers, Fingerprint.Reading.SET);
  }
}
