package dev.continuum;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Brute-force models of the nginx and HAProxy placements, written from the programs' C source and
 * independently of {@code NginxRing}, {@code HaproxyTree} and {@code KeyHash}: every point or node is
 * recomputed per lookup, hashes use the JDK's CRC-32 or long arithmetic masked to 32 bits, and the
 * lookup scans the whole list exactly as the C code walks it (no sorting into a shared ring, no
 * territory transformation).
 */
final class ProxyModels {
  private ProxyModels() {}

  private static final long MASK = 0xFFFFFFFFL;

  // ---- nginx 1.22 ----------------------------------------------------------------------------

  /** nginx's points for one upstream, in server-line order, each with its line. */
  static final class Nginx {
    final List<long[]> points = new ArrayList<>(); // {value, line}

    Nginx(List<Server> servers) {
      for (int i = 0; i < servers.size(); i++) {
        for (long p : nginxPoints(servers.get(i))) {
          points.add(new long[] {p, i});
        }
      }
    }

    /** The line nginx picks for {@code key}, or -1 for no servers. */
    int pick(byte[] key) {
      return at(crc32(key));
    }

    /** The line whose point nginx finds for a key hash: first at or above, wrapping. */
    int at(long hash) {
      long[] best = null;
      long[] lowest = null;
      for (long[] p : points) {
        // Strictly smaller wins, so among equal values the earlier server line keeps the point.
        if (p[0] >= hash && (best == null || p[0] < best[0])) {
          best = p;
        }
        if (lowest == null || p[0] < lowest[0]) {
          lowest = p;
        }
      }
      return best != null ? (int) best[1] : lowest != null ? (int) lowest[1] : -1;
    }
  }

  static List<Long> nginxPoints(Server s) {
    String text = s.name() != null ? s.name() : s.hostPort();
    String host = text;
    String port = "";
    if (text.regionMatches(true, 0, "unix:", 0, 5)) {
      host = text.substring(5);
    } else {
      int colon = text.lastIndexOf(':');
      if (colon >= 0 && text.substring(colon + 1).chars().allMatch(c -> c >= '0' && c <= '9')) {
        host = text.substring(0, colon);
        port = text.substring(colon + 1);
      }
    }
    byte[] h = host.getBytes(StandardCharsets.UTF_8);
    byte[] p = port.getBytes(StandardCharsets.UTF_8);
    List<Long> points = new ArrayList<>();
    long previous = 0;
    for (int j = 0; j < s.capacity() * 160; j++) {
      byte[] input = new byte[h.length + 1 + p.length + 4];
      System.arraycopy(h, 0, input, 0, h.length);
      System.arraycopy(p, 0, input, h.length + 1, p.length);
      for (int b = 0; b < 4; b++) {
        input[h.length + 1 + p.length + b] = (byte) (previous >>> (8 * b));
      }
      previous = crc32(input);
      points.add(previous);
    }
    return points;
  }

  static long crc32(byte[] b) {
    CRC32 c = new CRC32();
    c.update(b);
    return c.getValue();
  }

  // ---- HAProxy 2.6 ---------------------------------------------------------------------------

  /** HAProxy's key hash: {@code function} is sdbm, djb2, wt6 or crc32. */
  static long haproxyHash(String function, boolean avalanche, byte[] key) {
    long h;
    switch (function) {
      case "sdbm":
        h = 0;
        for (byte b : key) {
          h = ((b & 0xFF) + (h << 6) + (h << 16) - h) & MASK;
        }
        break;
      case "djb2":
        h = 5381;
        for (byte b : key) {
          h = (h * 33 + (b & 0xFF)) & MASK;
        }
        break;
      case "wt6":
        h = wt6(key);
        break;
      case "crc32":
        h = crc32(key);
        break;
      default:
        throw new IllegalArgumentException(function);
    }
    return avalanche ? fullHash(h) : h;
  }

  private static long wt6(byte[] key) {
    long h0 = 0xa53c965aL;
    long h1 = 0x5ca6953aL;
    int step0 = 6;
    int step1 = 18;
    for (byte b : key) {
      long t = b & 0xFF;
      h0 = ~(h0 ^ t) & MASK;
      h1 = ~(h1 + t) & MASK;
      t = ((h1 << step0) | (h1 >>> (32 - step0))) & MASK;
      h1 = ((h0 << step1) | (h0 >>> (32 - step1))) & MASK;
      h0 = t;
      t = ((h0 >>> 16) ^ h1) & 0xffff;
      step0 = (int) (t & 0x1F);
      step1 = (int) (t >>> 11);
    }
    return h0 ^ h1;
  }

  static long fullHash(long a) {
    a = ((a + 0x7ed55d16L) + (a << 12)) & MASK;
    a = ((a ^ 0xc761c23cL) ^ (a >>> 19)) & MASK;
    a = ((a + 0x165667b1L) + (a << 5)) & MASK;
    a = ((a + 0xd3a2646cL) ^ (a << 9)) & MASK;
    a = ((a + 0xfd7046c5L) + (a << 3)) & MASK;
    a = ((a ^ 0xb55a4f09L) ^ (a >>> 16)) & MASK;
    return (a * 3221225473L) & MASK;
  }

  /** The ids HAProxy gives {@code servers}: explicit, else the next free from a counter. */
  static long[] haproxyIds(List<Server> servers) {
    Set<Long> used = new HashSet<>();
    for (Server s : servers) {
      if (s.id() != 0) {
        used.add((long) s.id());
      }
    }
    long[] ids = new long[servers.size()];
    long next = 1;
    for (int i = 0; i < ids.length; i++) {
      if (servers.get(i).id() != 0) {
        ids[i] = servers.get(i).id();
      } else {
        while (used.contains(next)) {
          next++;
        }
        ids[i] = next;
        used.add(next);
      }
      next++;
    }
    return ids;
  }

  /**
   * The index of the server HAProxy picks for a key hash, or -1 when no server has a node. Nodes
   * are kept in insertion order (servers in list order, nodes 0, 1, ...); "first node at or above" is
   * the earliest inserted of the smallest key >= hash (as the tree's leftmost duplicate), "the node
   * before it" the latest inserted of the largest key below that one's.
   */
  static final class Haproxy {
    final List<long[]> nodes = new ArrayList<>(); // {key, owner}, in insertion order

    Haproxy(List<Server> servers) {
      long[] ids = haproxyIds(servers);
      for (int i = 0; i < servers.size(); i++) {
        for (long j = 0; j < servers.get(i).capacity() * 16L; j++) {
          nodes.add(new long[] {fullHash((ids[i] * 4096 + j) & MASK), i});
        }
      }
    }

    int at(long hash) {
      return haproxy(nodes, hash);
    }
  }

  private static int haproxy(List<long[]> nodes, long hash) {
    if (nodes.isEmpty()) {
      return -1;
    }
    long[] next = null;
    long[] smallest = null;
    for (long[] n : nodes) {
      if (n[0] >= hash && (next == null || n[0] < next[0])) {
        next = n;
      }
      if (smallest == null || n[0] < smallest[0]) {
        smallest = n;
      }
    }
    if (next == null) {
      next = smallest;
    }
    long[] prev = null;
    long[] largest = null;
    for (long[] n : nodes) {
      if (n[0] < next[0] && (prev == null || n[0] >= prev[0])) {
        prev = n;
      }
      if (largest == null || n[0] >= largest[0]) {
        largest = n;
      }
    }
    if (prev == null) {
      prev = largest;
    }
    long dp = (hash - prev[0]) & MASK;
    long dn = (next[0] - hash) & MASK;
    return (int) (dp <= dn ? prev[1] : next[1]);
  }
}
