package dev.continuum;

/**
 * Weighted rendezvous hashing, highest random weight (David Thaler and Chinya Ravishankar, "Using
 * name-based mappings to increase hit rates", IEEE/ACM ToN 1998), with the logarithmic method for
 * weights (Christian Schindelhauer and Gunnar Schomaker, "Weighted distributed hash tables", SPAA
 * 2005): a key goes to the server of highest score
 * {@code -w / ln(u)}, where {@code u} in (0, 1) comes from the 64-bit hash of the server's identity
 * and the key. The score is the reciprocal of an exponential variable of rate {@code w}, so a server
 * wins with probability exactly {@code w / W}. With equal weights this is plain rendezvous hashing.
 *
 * <ul>
 *   <li>{@code u} = the high 53 bits of {@code mix(keyHash ^ id)}, shifted into the open interval.
 *   <li>Ties in score (equal doubles) go to the smaller identity hash, never to the list order.
 *   <li>Servers of capacity 0 take no keys.
 *   <li>Replicas: the {@code n} highest scores, in decreasing order.
 * </ul>
 *
 * <p>Every server's score is independent of the others, so removing any server moves only its keys
 * and adding one moves keys only to it. A lookup costs one hash and one logarithm per server: O(N);
 * {@code n} replicas O(N log n).
 */
final class Rendezvous extends HashedPlacement {
  private final long[] ids;
  private final double[] weights;
  private final int reachable;

  private Rendezvous(long[] ids, double[] weights, int reachable, KeyHash64 keyHash) {
    super(keyHash);
    this.ids = ids;
    this.weights = weights;
    this.reachable = reachable;
  }

  /** The factory ({@link PlacementFactory.FromOptions}) of {@link Algorithm#RENDEZVOUS}. */
  static PlacementFactory factory(Options options) {
    long seed = options.seed;
    KeyHash64 keyHash = options.keyHash64();
    return servers -> build(servers, seed, keyHash);
  }

  private static Rendezvous build(Server[] servers, long seed, KeyHash64 keyHash) {
    double[] w = new double[servers.length];
    int reachable = 0;
    for (int i = 0; i < servers.length; i++) {
      w[i] = servers[i].capacity();
      if (w[i] > 0) {
        reachable++;
      }
    }
    return new Rendezvous(ServerHashes.of(servers, seed), w, reachable, keyHash);
  }

  private double score(long keyHash, int i) {
    return -weights[i] / Math.log(XxHash64.unitOpen(XxHash64.mix(keyHash ^ ids[i])));
  }

  /** The server of highest (score, then smaller id), or -1 when none has capacity. */
  private int best(long keyHash) {
    int best = -1;
    double bestScore = 0;
    for (int i = 0; i < ids.length; i++) {
      if (weights[i] == 0) {
        continue;
      }
      double s = score(keyHash, i);
      if (best < 0 || ranksBelow(bestScore, ids[best], s, ids[i])) {
        best = i;
        bestScore = s;
      }
    }
    return best;
  }

  @Override
  int index(long keyHash) {
    return best(keyHash);
  }

  @Override
  void indexes(long keyHash, int[] out, int n) {
    top(keyHash, out, n);
  }

  @Override
  long memoryBytes() {
    return 2 * (16 + 8L * ids.length);
  }

  @Override
  int reachable() {
    return reachable;
  }

  /**
   * The {@code n} best servers, best first. A positive double's bits order as the double does, so the
   * score is the first ranking number; the second is the identity hash, flipped so that the smaller
   * (unsigned) ranks higher; a server of capacity 0 ranks below all others and, as
   * {@code n <= reachable}, is never chosen.
   */
  private void top(long keyHash, int[] out, int n) {
    TopRanked ranked = TopRanked.forThread(ids.length);
    long[] keys = ranked.keys;
    long[] ties = ranked.ties;
    for (int i = 0; i < ids.length; i++) {
      keys[i] = weights[i] == 0 ? Long.MIN_VALUE : Double.doubleToRawLongBits(score(keyHash, i));
      ties[i] = ~(ids[i] ^ Long.MIN_VALUE);
    }
    ranked.select(ids.length, out, n);
  }

  /** True when (score a, id a) ranks below (score b, id b): a lower score, or equal and a larger id. */
  private static boolean ranksBelow(double a, long idA, double b, long idB) {
    return a < b || (a == b && Long.compareUnsigned(idA, idB) > 0);
  }

  /** Scores depend on each server alone: a function of the set of servers. */
  @Override
  void describe(Server[] servers, Fingerprint f) {
    f.servers(servers, Fingerprint.Reading.SET);
  }
}
