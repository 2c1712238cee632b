package dev.continuum;

import java.util.Arrays;

/**
 * pymemcache 3.5.2's {@code RendezvousHash} as {@code HashClient} uses it (docs/compatibility.md,
 * "pymemcache 3.5.2"): every node scores {@code murmur3_32(node + "-" + key, seed)} over code
 * points; the highest score wins, an exact tie goes to the larger node string (compared by code
 * points). Replicas are the nodes by descending (score, node string).
 *
 * <p>The node string is the server's {@linkplain Server#name() name} when it has one, otherwise
 * {@code host + ":" + port} with the port always present, as {@code HashClient} names its servers.
 */
final class PymemcacheRendezvous extends Placement {
  /** Units (code points & 0xFF) of {@code node + "-"} for each node, in list order. */
  private final byte[][] prefixes;
  /** Rank of each node string in code-point order: the larger string wins a tied score. */
  private final int[] tieRank;
  private final int seed;

  private PymemcacheRendezvous(byte[][] prefixes, int[] tieRank, int seed) {
    this.prefixes = prefixes;
    this.tieRank = tieRank;
    this.seed = seed;
  }

  /** pymemcache's node string for a server. */
  static String nodeName(Server s) {
    return s.name() != null ? s.name() : s.host() + ":" + s.port();
  }

  /**
   * The factory ({@link PlacementFactory.FromOptions}) of {@link Algorithm#PYMEMCACHE}.
   *
   * @throws IllegalArgumentException if the seed is outside pymemcache's 0..2^32-1
   */
  static PlacementFactory factory(Options options) {
    long seed = Checks.unsignedSeed32("pymemcache", options.seed);
    return PlacementFactory.checked(PymemcacheRendezvous::checkNames, servers -> build(servers, seed));
  }

  /**
   * Rejects two servers with the same node string: pymemcache would keep only one of them.
   *
   * @throws IllegalArgumentException naming the node string
   */
  static void checkNames(Server[] servers) {
    java.util.Set<String> names = new java.util.HashSet<>();
    for (Server s : servers) {
      if (!names.add(nodeName(s))) {
        throw new IllegalArgumentException("pymemcache: two servers have the same node name \""
            + nodeName(s) + "\"; pymemcache keeps only one node per name");
      }
    }
  }

  /**
   * @param seed pymemcache's murmur3 seed, already checked to be in 0..2^32-1
   * @throws IllegalArgumentException when two servers have the same node string (pymemcache would
   *     keep only one of them)
   */
  static PymemcacheRendezvous build(Server[] servers, long seed) {
    int n = servers.length;
    String[] names = new String[n];
    byte[][] prefixes = new byte[n][];
    for (int i = 0; i < n; i++) {
      names[i] = nodeName(servers[i]);
      String prefix = names[i] + "-";
      prefixes[i] = new byte[prefix.length()];
      int len = Murmur3.units(prefix, prefixes[i]);
      prefixes[i] = Arrays.copyOf(prefixes[i], len);
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> compareCodePoints(names[a], names[b]));
    int[] rank = new int[n];
    for (int r = 0; r < n; r++) {
      if (r > 0 && names[order[r]].equals(names[order[r - 1]])) {
        throw new IllegalArgumentException("pymemcache: two servers have the same node name \""
            + names[order[r]] + "\"; pymemcache keeps only one node per name");
      }
      rank[order[r]] = r;
    }
    return new PymemcacheRendezvous(prefixes, rank, (int) seed);
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  /** Score of node {@code i} and its tie rank in one signed-comparable long: larger wins. */
  private long orderingKey(int i, byte[] key, int keyLen) {
    int score = Murmur3.hash(prefixes[i], prefixes[i].length, key, keyLen, seed);
    return (long) (score ^ 0x80000000) << 32 | tieRank[i];
  }

  /** pymemcache's score of {@code node + "-" + key} for node {@code i} (tests). */
  int score(int i, CharSequence key) {
    byte[] u = Murmur3.unitScratch(key.length());
    return Murmur3.hash(prefixes[i], prefixes[i].length, u, Murmur3.units(key, u), seed);
  }

  private int best(byte[] units, int len) {
    int winner = -1;
    long best = Long.MIN_VALUE;
    for (int i = 0; i < prefixes.length; i++) {
      long k = orderingKey(i, units, len);
      if (winner < 0 || k > best) {
        best = k;
        winner = i;
      }
    }
    return winner;
  }

  @Override
  int index(byte[] key, int offset, int length) {
    byte[] u = Murmur3.unitScratch(length);
    return best(u, Murmur3.units(key, offset, length, u));
  }

  @Override
  int index(CharSequence key) {
    byte[] u = Murmur3.unitScratch(key.length());
    return best(u, Murmur3.units(key, u));
  }

  /** The {@code n} best nodes, best first: the ordering keys are distinct, so no tie is read. */
  private void ranked(byte[] units, int len, int[] out, int n) {
    int count = prefixes.length;
    TopRanked ranked = TopRanked.forThread(count);
    long[] keys = ranked.keys;
    for (int i = 0; i < count; i++) {
      keys[i] = orderingKey(i, units, len);
    }
    ranked.select(count, out, n);
  }

  @Override
  void indexes(byte[] key, int offset, int length, int[] out, int n) {
    byte[] u = Murmur3.unitScratch(length);
    ranked(u, Murmur3.units(key, offset, length, u), out, n);
  }

  @Override
  void indexes(CharSequence key, int[] out, int n) {
    byte[] u = Murmur3.unitScratch(key.length());
    ranked(u, Murmur3.units(key, u), out, n);
  }

  @Override
  long memoryBytes() {
    long bytes = 16 + 4L * tieRank.length + 16 + 8L * prefixes.length;
    for (byte[] p : prefixes) {
      bytes += 16 + p.length;
    }
    return bytes;
  }

  @Override
  int reachable() {
    return prefixes.length;
  }

  /** A function of the set of node strings (names included); unweighted. */
  @Override
  void describe(Server[] servers, Fingerprint f) {
    f.servers(servers, Fingerprint.Reading.SET.names().capacityIgnored());
  }
}
