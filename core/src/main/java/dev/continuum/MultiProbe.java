package dev.continuum;

/**
 * Multi-probe consistent hashing (Ben Appleton and Michael O'Reilly, "Multi-probe consistent
 * hashing", arXiv:1505.00062, 2015): each server places a few points on the circle and each key is
 * hashed {@code k} times; the key goes to the point closest after any of its probes (smallest
 * clockwise distance). The paper gives a peak-to-mean load of about {@code 1 + 1/k}, 1.05 with 21
 * probes, at the cost of 21 hashes and binary searches per lookup (measured: see docs/algorithms.md).
 *
 * <ul>
 *   <li>Weights: a server places {@link #POINTS_PER_WEIGHT} points per unit of capacity, so its
 *       expected share is proportional to its capacity.
 *   <li>Probes: probe {@code i} is the high 32 bits of {@code mix(keyHash + i * golden)}; ties in
 *       distance go to the earlier probe.
 *   <li>Replicas: the winning point's owner, then the next distinct owners clockwise from it.
 * </ul>
 *
 * <p>Removing a server deletes only its points, and a key's closest point is unchanged unless it was
 * one of those: only the removed server's keys move. Adding a server moves keys only to it.
 */
final class MultiProbe extends HashedPlacement {
  /**
   * Points per unit of capacity. The paper places one point per server; a point whose arc is shorter
   * than the probes' typical distance gets few keys, so with one point a server's share varies a lot
   * (measured at N = 100: stddev/mean 0.21, and a capacity-2 server got 1.19 times a capacity-1
   * server's keys). Four points average that out (stddev/mean 0.11, ratio 1.93) for 4 ints of memory
   * more per server; lookups cost one more level of binary search.
   */
  static final int POINTS_PER_WEIGHT = 4;

  final PointRing ring;
  private final int probes;

  private MultiProbe(PointRing ring, int probes, KeyHash64 keyHash) {
    super(keyHash);
    this.ring = ring;
    this.probes = probes;
  }

  /** The factory ({@link PlacementFactory.FromOptions}) of {@link Algorithm#MULTI_PROBE}. */
  static PlacementFactory factory(Options options) {
    int probes = options.probes;
    long seed = options.seed;
    KeyHash64 keyHash = options.keyHash64();
    return PlacementFactory.checked(servers -> Checks.ringPoints("the multi-probe ring", servers, POINTS_PER_WEIGHT),
        servers -> new MultiProbe(ConsistentRing.points(servers, POINTS_PER_WEIGHT, seed), probes, keyHash));
  }

  /** The ring position of the point closest after any probe of a key of 64-bit hash {@code h}, or -1. */
  private int winner(long h) {
    if (ring.size() == 0) {
      return -1;
    }
    int best = -1;
    int bestDistance = 0;
    for (int i = 0; i < probes; i++) {
      int probe = ConsistentRing.high32(XxHash64.mix(h + i * ConsistentRing.GOLDEN));
      int pos = ring.find(probe);
      int distance = ring.point(pos) - probe; // unsigned clockwise distance, wrapping mod 2^32
      if (best < 0 || Integer.compareUnsigned(distance, bestDistance) < 0) {
        best = pos;
        bestDistance = distance;
      }
    }
    return best;
  }

  @Override
  int index(long keyHash) {
    int pos = winner(keyHash);
    return pos < 0 ? -1 : ring.owner(pos);
  }

  @Override
  void indexes(long keyHash, int[] out, int n) {
    ring.distinctOwners(ring.point(winner(keyHash)), out, n);
  }

  @Override
  long memoryBytes() {
    return ring.memoryBytes();
  }

  @Override
  int reachable() {
    return ring.reachable();
  }

  /** A function of the set of servers, as the ring. */
  @Override
  void describe(Server[] servers, Fingerprint f) {
    f.servers(servers, Fingerprint.Reading.SET);
  }
}
