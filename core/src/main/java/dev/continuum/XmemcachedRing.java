package dev.continuum;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * xmemcached 2.4.8's {@code KetamaMemcachedSessionLocator} with its default hash (KETAMA_HASH): an md5
 * ring of {@code 160 * weight} points per server, four little-endian md5 words per digest of
 * {@code "<sockStr>-<i>"}, the first point at or above the key's md5 word 0, wrapping.
 *
 * <p>{@code sockStr}, the server's name on the ring, is where the two modes differ:
 * <ul>
 *   <li>default: {@code String.valueOf} of the server's socket address after xmemcached asked it for
 *       its host name ({@code resolveInetAddresses}, on by default): {@code "host/ip:port"}. For a
 *       server given by name that is the name and its {@linkplain Server#address() resolved address};
 *       for an IP literal it is the reverse-DNS name of the IP, or the literal itself when the IP has
 *       none ({@code "10.0.0.1/10.0.0.1:11211"}), which is what this dialect assumes: give a server
 *       whose IP has a PTR record as that name with the IP as its address. IPv6 addresses appear in
 *       Java's full form, in brackets after the slash.
 *   <li>{@code cwNginxUpstreamConsistent}: the IP address alone, plus {@code ":port"} unless the port
 *       is 11211.
 * </ul>
 * A server given by host name therefore needs its resolved address.
 *
 * <p>Ties: xmemcached keeps, for each point, the list of servers on it sorted by {@code sockStr}
 * ({@code String.compareTo}) and takes entry {@code point % size}: not a list-order rule. That is
 * what one connection per server (xmemcached's default {@code connectionPoolSize} of 1) gives; a
 * larger pool repeats each server in those lists and can pick another server on a shared point.
 */
final class XmemcachedRing extends Md5Ring {
  /** xmemcached's {@code NUM_REPS}: points per unit of weight. */
  static final int POINTS_PER_WEIGHT = 160;
  /** The port xmemcached leaves out of {@code sockStr} in cwNginxUpstreamConsistent mode. */
  private static final int DEFAULT_PORT = 11211;

  private XmemcachedRing(PointRing ring) {
    super(ring);
  }

  /** The ring name ({@code sockStr}) of {@code s}; {@code nginx} selects cwNginxUpstreamConsistent. */
  static String sockStr(String dialect, Server s, boolean nginx) {
    boolean literal = KetamaRing.isIpLiteral(s.host());
    String ip = literal ? s.host() : s.address();
    if (ip == null) {
      throw new IllegalArgumentException(dialect + ": server " + s.hostPort() + " is a host name without a resolved "
          + "address; xmemcached names its ring points after the connected address, so give it one (Server.withAddress)");
    }
    if (nginx) {
      return s.port() == DEFAULT_PORT ? ip : ip + ":" + s.port();
    }
    // InetSocketAddress.toString(): "<host name>/<ip>:<port>", IPv6 addresses in brackets; the
    // host name of a literal without a PTR record is the literal.
    String shown = ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip;
    return s.host() + "/" + shown + ":" + s.port();
  }

  /** The default mode's factory (no options). */
  static PlacementFactory factory(Options options) {
    return factory("xmemcached", false);
  }

  /** The cwNginxUpstreamConsistent mode's factory (no options). */
  static PlacementFactory nginxFactory(Options options) {
    return factory("xmemcached-nginx", true);
  }

  /** The factory of one mode: every server checked (weight, address, point limit) before building. */
  private static PlacementFactory factory(String dialect, boolean nginx) {
    return PlacementFactory.checked(servers -> check(dialect, servers, nginx), servers -> build(dialect, servers, nginx));
  }

  /** Throws what {@link #build} would for {@code servers}; returns the point count. */
  private static int check(String dialect, Server[] servers, boolean nginx) {
    long total = 0;
    for (Server s : servers) {
      if (s.capacity() == 0) {
        throw new IllegalArgumentException(dialect + ": server " + s.hostPort()
            + " has capacity 0, which xmemcached rejects (\"weight<=0\"; its weights must be at least 1)");
      }
      sockStr(dialect, s, nginx);
      total += (long) POINTS_PER_WEIGHT * s.capacity();
    }
    return Checks.points(dialect + " ring", total);
  }

  static XmemcachedRing build(String dialect, Server[] servers, boolean nginx) {
    int n = servers.length;
    PointRing.Builder builder = new PointRing.Builder(check(dialect, servers, nginx));
    String[] names = new String[n];
    for (int i = 0; i < n; i++) {
      names[i] = sockStr(dialect, servers[i], nginx);
    }
    int[] words = new int[4];
    for (int i = 0; i < n; i++) {
      byte[] prefix = (names[i] + "-").getBytes(StandardCharsets.UTF_8);
      byte[] buf = Arrays.copyOf(prefix, prefix.length + 11);
      for (int d = 0, digests = POINTS_PER_WEIGHT * servers[i].capacity() / 4; d < digests; d++) {
        Md5.words(buf, 0, prefix.length + Decimal.write(d, buf, prefix.length), words);
        builder.add(words[0], i).add(words[1], i).add(words[2], i).add(words[3], i);
      }
    }
    long[] sorted = builder.sorted();
    settleTies(sorted, names);
    return new XmemcachedRing(PointRing.of(sorted, false, n));
  }

  /**
   * Puts xmemcached's pick first in every run of equal points: the runs hold owners in insertion order
   * (list order, then point order), which the stable sort by name keeps among equal names.
   */
  private static void settleTies(long[] sorted, String[] names) {
    int size = sorted.length;
    for (int start = 0; start < size; ) {
      int end = start + 1;
      while (end < size && sorted[end] >>> 32 == sorted[start] >>> 32) {
        end++;
      }
      if (end - start > 1) {
        Long[] run = new Long[end - start];
        for (int j = start; j < end; j++) {
          run[j - start] = sorted[j];
        }
        Arrays.sort(run, (a, b) -> names[(int) (long) a].compareTo(names[(int) (long) b]));
        long point = Integer.toUnsignedLong(PointRing.value(sorted[start]));
        int pick = (int) (point % run.length);
        sorted[start] = run[pick];
        for (int j = 0, at = start + 1; j < run.length; j++) {
          if (j != pick) {
            sorted[at++] = run[j];
          }
        }
      }
      start = end;
    }
  }

  /** Ring names come from the resolved address. */
  @Override
  void describe(Server[] servers, Fingerprint f) {
    f.servers(servers, Fingerprint.Reading.LIST.addresses());
  }
}
