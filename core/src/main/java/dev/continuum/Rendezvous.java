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
 * and adding one moves keys only to it. A lookup costs one hash and one logarithm per server: O(N).
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

  /**
   * The best server whose (score, id) ranks strictly below ({@code ceilScore}, {@code ceilId}), or -1:
   * with an infinite ceiling, the winner; with the previous pick as ceiling, the next replica.
   */
  private int best(long keyHash, double ceilScore, long ceilId) {
    int best = -1;
    double bestScore = 0;
    for (int i = 0; i < ids.length; i++) {
      if (weights[i] == 0) {
        continue;
      }
      double s = score(keyHash, i);
      if (s > ceilScore || (s == ceilScore && Long.compareUnsigned(ids[i], ceilId) >= 0)) {
        continue;
      }
      if (best < 0 || s > bestScore || (s == bestScore && Long.compareUnsigned(ids[i], ids[best]) < 0)) {
        best = i;
        bestScore = s;
      }
    }
    return best;
  }

  @Override
  int index(long keyHash) {
    return best(keyHash, Double.POSITIVE_INFINITY, 0);
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

  /** n passes, each taking the best below the previous pick: O(n N), allocation-free. */
  private void top(long keyHash, int[] out, int n) {
    double ceilScore = Double.POSITIVE_INFINITY;
    long ceilId = 0;
    for (int k = 0; k < n; k++) {
      int b = best(keyHash, ceilScore, ceilId);
      out[k] = b;
      ceilScore = score(keyHash, b);
      ceilId = ids[b];
    }
  }
}
