package dev.continuum.cli;

import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import dev.continuum.KeySpace;
import dev.continuum.Server;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Measures a placement: each server's share of keys, and what moves between two placements. Exact
 * (from the ring's arcs, {@link Continuum#keySpace()}) when the placement is a ring and no real keys
 * are replayed; otherwise by placing keys and counting.
 */
final class Measure {
  private Measure() {}

  /** Each server's share of keys, and how it was obtained. */
  static final class Shares {
    final List<Server> servers;
    final double[] share;
    /** Null when exact; otherwise the keys counted. */
    final Keys keys;
    final long[] counts;
    final int arcs;

    Shares(List<Server> servers, double[] share, Keys keys, long[] counts, int arcs) {
      this.servers = servers;
      this.share = share;
      this.keys = keys;
      this.counts = counts;
      this.arcs = arcs;
    }

    boolean exact() {
      return keys == null;
    }

    String basis() {
      return exact() ? String.format("exact: from the ring's %,d arcs", arcs) : keys.description;
    }
  }

  /** Shares of {@code c}'s servers; exact for rings unless {@code forceSample}. */
  static Shares shares(Continuum c, Keys keys, boolean forceSample, Progress progress) {
    List<Server> servers = c.servers();
    Optional<KeySpace> ks = forceSample ? Optional.empty() : c.keySpace();
    if (ks.isPresent()) {
      KeySpace k = ks.get();
      double[] share = new double[servers.size()];
      for (int i = 0; i < share.length; i++) {
        share[i] = k.share(i);
      }
      return new Shares(servers, share, null, null, k.arcs());
    }
    Map<Server, Integer> index = indexOf(servers);
    long[] counts = new long[servers.size()];
    keys.forEach(key -> counts[index.get(c.resolve(key))]++, progress);
    double[] share = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      share[i] = counts[i] / (double) keys.count();
    }
    return new Shares(servers, share, keys, counts, 0);
  }

  /**
   * Where keys go between two placements, over the union of their servers. Amounts are hash values
   * (exact: out of 2^32) or keys (counted: out of the keys placed); only the pairs that move are
   * stored, so a fleet of many thousands of servers costs no n-by-n matrix.
   */
  static final class Moves {
    /** The servers before, in order, then the servers added. */
    final List<Server> servers;
    /** Null when exact; otherwise the keys counted. */
    final Keys keys;
    final long total;
    private final long[] before;
    private final long[] after;
    private final long[] kept;
    /** {@code from << 32 | to} to the amount moving from server {@code from} to server {@code to}. */
    final Map<Long, long[]> pairs = new HashMap<>();

    Moves(List<Server> servers, Keys keys, long total) {
      this.servers = servers;
      this.keys = keys;
      this.total = total;
      this.before = new long[servers.size()];
      this.after = new long[servers.size()];
      this.kept = new long[servers.size()];
    }

    void add(int from, int to, long amount) {
      before[from] += amount;
      after[to] += amount;
      if (from == to) {
        kept[from] += amount;
      } else {
        pairs.computeIfAbsent((long) from << 32 | to, k -> new long[1])[0] += amount;
      }
    }

    boolean exact() {
      return keys == null;
    }

    double fraction(long amount) {
      return amount / (double) total;
    }

    /** The fraction of keys on another server after than before. */
    double moved() {
      long stay = 0;
      for (long k : kept) {
        stay += k;
      }
      return fraction(total - stay);
    }

    double before(int server) {
      return fraction(before[server]);
    }

    double after(int server) {
      return fraction(after[server]);
    }

    double kept(int server) {
      return fraction(kept[server]);
    }

    double lost(int server) {
      return fraction(lostAmount(server));
    }

    double gained(int server) {
      return fraction(gainedAmount(server));
    }

    /** Keys (or hash values, when exact) the server loses. */
    long lostAmount(int server) {
      return before[server] - kept[server];
    }

    long gainedAmount(int server) {
      return after[server] - kept[server];
    }
  }

  /** The servers of {@code a}, then those of {@code b} not in {@code a}. */
  static List<Server> union(List<Server> a, List<Server> b) {
    List<Server> all = new ArrayList<>(a);
    java.util.Set<Server> seen = new java.util.HashSet<>(a);
    for (Server s : b) {
      if (seen.add(s)) {
        all.add(s);
      }
    }
    return all;
  }

  static Moves moves(Continuum before, Continuum after, Keys keys, boolean forceSample, Progress progress) {
    List<Server> all = union(before.servers(), after.servers());
    Map<Server, Integer> index = indexOf(all);
    Optional<KeySpace> a = forceSample ? Optional.empty() : before.keySpace();
    Optional<KeySpace> b = forceSample ? Optional.empty() : after.keySpace();
    // Arcs compare only when both sides send a key to the same hash value.
    if (a.isPresent() && b.isPresent() && a.get().arcs() > 0 && b.get().arcs() > 0
        && a.get().keyHash().equals(b.get().keyHash())) {
      return exactMoves(a.get(), b.get(), all, index);
    }
    Moves moves = new Moves(all, keys, keys.count());
    keys.forEach(key -> moves.add(index.get(before.resolve(key)), index.get(after.resolve(key)), 1), progress);
    return moves;
  }

  /** Walks both arc lists together: each piece of the hash space has one owner before and one after. */
  private static Moves exactMoves(KeySpace a, KeySpace b, List<Server> all, Map<Server, Integer> index) {
    int[] mapA = indexes(a.servers(), index);
    int[] mapB = indexes(b.servers(), index);
    Moves moves = new Moves(all, null, KeySpace.SIZE);
    long pos = 0;
    int i = 0;
    int j = 0;
    while (pos < KeySpace.SIZE) {
      long end = Math.min(a.arcEnd(i), b.arcEnd(j));
      moves.add(mapA[a.arcOwner(i)], mapB[b.arcOwner(j)], end - pos);
      pos = end;
      if (a.arcEnd(i) == end) {
        i++;
      }
      if (b.arcEnd(j) == end) {
        j++;
      }
    }
    return moves;
  }

  private static int[] indexes(List<Server> servers, Map<Server, Integer> index) {
    int[] out = new int[servers.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = index.get(servers.get(i));
    }
    return out;
  }

  static Map<Server, Integer> indexOf(List<Server> servers) {
    Map<Server, Integer> index = new HashMap<>();
    for (int i = 0; i < servers.size(); i++) {
      index.put(servers.get(i), i);
    }
    return index;
  }

  /** Each server's ideal share under {@code algorithm}: its {@link #weight} over the total. */
  static double[] ideal(List<Server> servers, Algorithm algorithm) {
    double[] ideal = new double[servers.size()];
    double total = 0;
    for (Server s : servers) {
      total += weight(algorithm, s);
    }
    for (int i = 0; i < ideal.length; i++) {
      ideal[i] = total == 0 ? 0 : weight(algorithm, servers.get(i)) / total;
    }
    return ideal;
  }

  /** The weight {@code algorithm} actually gives {@code s}: {@link Algorithm#effectiveCapacity}. */
  static int weight(Algorithm algorithm, Server s) {
    return algorithm.effectiveCapacity(s.capacity());
  }

  /** The largest share/ideal ratio over servers with a positive ideal share (1 is perfect balance). */
  static double peakToMean(double[] share, double[] ideal) {
    double peak = 0;
    for (int i = 0; i < share.length; i++) {
      if (ideal[i] > 0) {
        peak = Math.max(peak, share[i] / ideal[i]);
      }
    }
    return peak;
  }

  /** The population standard deviation of share/ideal over servers with a positive ideal share. */
  static double stdDev(double[] share, double[] ideal) {
    double sum = 0;
    double sumSq = 0;
    int n = 0;
    for (int i = 0; i < share.length; i++) {
      if (ideal[i] > 0) {
        double r = share[i] / ideal[i];
        sum += r;
        sumSq += r * r;
        n++;
      }
    }
    if (n == 0) {
      return 0;
    }
    double mean = sum / n;
    return Math.sqrt(Math.max(0, sumSq / n - mean * mean));
  }

  /**
   * The least fraction of keys any placement must move to go from shares {@code a} to shares
   * {@code b} (indexed alike): what the servers that grow must receive, half the L1 distance.
   */
  static double minimumMove(double[] a, double[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m += Math.max(0, b[i] - a[i]);
    }
    return m;
  }
}
