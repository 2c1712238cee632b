package dev.continuum.cli;

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

  /** Where keys go between two placements: the union of their servers and a from/to matrix. */
  static final class Moves {
    /** The servers before, in order, then the servers added. */
    final List<Server> servers;
    /** {@code flow[from][to]}: the fraction of keys on {@code from} before and on {@code to} after. */
    final double[][] flow;
    final Keys keys;
    final long[][] counts;

    Moves(List<Server> servers, double[][] flow, Keys keys, long[][] counts) {
      this.servers = servers;
      this.flow = flow;
      this.keys = keys;
      this.counts = counts;
    }

    boolean exact() {
      return keys == null;
    }

    /** The fraction of keys on another server after than before. */
    double moved() {
      double m = 0;
      for (int i = 0; i < flow.length; i++) {
        for (int j = 0; j < flow.length; j++) {
          if (i != j) {
            m += flow[i][j];
          }
        }
      }
      return m;
    }

    double before(int server) {
      double s = 0;
      for (double f : flow[server]) {
        s += f;
      }
      return s;
    }

    double after(int server) {
      double s = 0;
      for (double[] row : flow) {
        s += row[server];
      }
      return s;
    }

    double lost(int server) {
      return before(server) - flow[server][server];
    }

    double gained(int server) {
      return after(server) - flow[server][server];
    }

    long countLost(int server) {
      long s = 0;
      for (int j = 0; j < counts.length; j++) {
        s += j == server ? 0 : counts[server][j];
      }
      return s;
    }

    long countGained(int server) {
      long s = 0;
      for (int i = 0; i < counts.length; i++) {
        s += i == server ? 0 : counts[i][server];
      }
      return s;
    }
  }

  /** The servers of {@code a}, then those of {@code b} not in {@code a}. */
  static List<Server> union(List<Server> a, List<Server> b) {
    List<Server> all = new ArrayList<>(a);
    for (Server s : b) {
      if (!a.contains(s)) {
        all.add(s);
      }
    }
    return all;
  }

  static Moves moves(Continuum before, Continuum after, Keys keys, boolean forceSample, Progress progress) {
    List<Server> all = union(before.servers(), after.servers());
    Map<Server, Integer> index = indexOf(all);
    int n = all.size();
    Optional<KeySpace> a = forceSample ? Optional.empty() : before.keySpace();
    Optional<KeySpace> b = forceSample ? Optional.empty() : after.keySpace();
    if (a.isPresent() && b.isPresent() && a.get().arcs() > 0 && b.get().arcs() > 0) {
      return new Moves(all, exactFlow(a.get(), b.get(), index, n), null, null);
    }
    long[][] counts = new long[n][n];
    keys.forEach(key -> counts[index.get(before.resolve(key))][index.get(after.resolve(key))]++, progress);
    double[][] flow = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        flow[i][j] = counts[i][j] / (double) keys.count();
      }
    }
    return new Moves(all, flow, keys, counts);
  }

  /** Walks both arc lists together: each piece of the hash space has one owner before and one after. */
  private static double[][] exactFlow(KeySpace a, KeySpace b, Map<Server, Integer> index, int n) {
    int[] mapA = indexes(a.servers(), index);
    int[] mapB = indexes(b.servers(), index);
    long[][] length = new long[n][n];
    long pos = 0;
    int i = 0;
    int j = 0;
    while (pos < KeySpace.SIZE) {
      long end = Math.min(a.arcEnd(i), b.arcEnd(j));
      length[mapA[a.arcOwner(i)]][mapB[b.arcOwner(j)]] += end - pos;
      pos = end;
      if (a.arcEnd(i) == end) {
        i++;
      }
      if (b.arcEnd(j) == end) {
        j++;
      }
    }
    double[][] flow = new double[n][n];
    for (int x = 0; x < n; x++) {
      for (int y = 0; y < n; y++) {
        flow[x][y] = length[x][y] / (double) KeySpace.SIZE;
      }
    }
    return flow;
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

  /** Each server's ideal share: capacity over total capacity, or equal shares when weights are ignored. */
  static double[] ideal(List<Server> servers, boolean weighted) {
    double[] ideal = new double[servers.size()];
    double total = 0;
    for (Server s : servers) {
      total += weighted ? s.capacity() : 1;
    }
    for (int i = 0; i < ideal.length; i++) {
      ideal[i] = total == 0 ? 0 : (weighted ? servers.get(i).capacity() : 1) / total;
    }
    return ideal;
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
