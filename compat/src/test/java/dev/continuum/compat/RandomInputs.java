package dev.continuum.compat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Random server lists and keys for the live comparisons. */
final class RandomInputs {
  /** A host, port and weight, before it becomes a {@code Server} or another program's node. */
  record HostPort(String host, int port, int weight) {
    String hostPort() {
      return host + ":" + port;
    }

    @Override
    public String toString() {
      return hostPort() + " w" + weight;
    }
  }

  private static final String[] NAME_STEMS = {"cache", "mc", "memcache", "node", "mc-a", "cache-us"};
  private static final String[] DOMAINS = {"", ".example.com", ".svc.local", ".cache.example.org"};
  private static final int[] COMMON_PORTS = {11211, 11211, 11211, 11212, 11213, 21201, 22122, 8080, 1, 65535};
  /** Code points from every UTF-8 length: ASCII letters, Latin-1, Greek, CJK, emoji. */
  private static final int[] WIDE = {'é', 'ü', 'ß', 'Ā', 'λ', 'Ж', '日', '本', '語', 0x1F600, 0x1F680, 0x10348};

  private RandomInputs() {}

  /** A server count in 1..max, small counts likelier, with max itself sometimes. */
  static int count(Random r, int max) {
    int pick = r.nextInt(10);
    if (pick == 0) {
      return max;
    }
    if (pick < 5) {
      return 1 + r.nextInt(Math.min(max, 10));
    }
    return 1 + r.nextInt(max);
  }

  /**
   * {@code n} servers with distinct host:port: IPv4 literals and host names, port 11211 often.
   * Weights are drawn with {@code weights}.
   */
  static List<HostPort> servers(Random r, int n, WeightRule weights) {
    Set<String> seen = new LinkedHashSet<>();
    List<HostPort> out = new ArrayList<>(n);
    WeightRule.Draw draw = weights.start(r);
    while (out.size() < n) {
      String host = r.nextInt(3) == 0 ? hostName(r) : ipv4(r);
      int port = port(r);
      if (seen.add(host + ":" + port)) {
        out.add(new HostPort(host, port, draw.next()));
      }
    }
    return out;
  }

  /**
   * {@code list} with {@code copies} more entries, each a copy of a random entry inserted at a
   * random place (libmemcached and spymemcached accept the same server twice).
   */
  static <T> List<T> withDuplicates(Random r, List<T> list, int copies) {
    List<T> out = new ArrayList<>(list);
    for (int i = 0; i < copies; i++) {
      out.add(r.nextInt(out.size() + 1), list.get(r.nextInt(list.size())));
    }
    return out;
  }

  static String ipv4(Random r) {
    return switch (r.nextInt(3)) {
      case 0 -> "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
      case 1 -> "192.168." + r.nextInt(256) + "." + (1 + r.nextInt(254));
      default -> "172." + (16 + r.nextInt(16)) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    };
  }

  static String hostName(Random r) {
    String stem = NAME_STEMS[r.nextInt(NAME_STEMS.length)];
    String sep = r.nextBoolean() ? "-" : "";
    return stem + sep + r.nextInt(10_000) + DOMAINS[r.nextInt(DOMAINS.length)];
  }

  static int port(Random r) {
    return r.nextInt(3) == 0 ? 1 + r.nextInt(65535) : COMMON_PORTS[r.nextInt(COMMON_PORTS.length)];
  }

  /** How weights are drawn for one server list. */
  enum WeightRule {
    /** Every server 1. */
    EQUAL,
    /** 0 to 5 (0 only where the program accepts it; see {@link #MIN_ONE}). */
    SMALL_WITH_ZERO,
    /** 1 to 5. */
    SMALL,
    /** A mix: equal, small, wide (1..100) or one heavy server. */
    MIXED_WITH_ZERO,
    /** As {@link #MIXED_WITH_ZERO} without 0. */
    MIN_ONE;

    interface Draw {
      int next();
    }

    Draw start(Random r) {
      boolean zero = this == SMALL_WITH_ZERO || this == MIXED_WITH_ZERO;
      int lowest = zero ? 0 : 1;
      return switch (this) {
        case EQUAL -> () -> 1;
        case SMALL, SMALL_WITH_ZERO -> () -> lowest + r.nextInt(6 - lowest);
        case MIXED_WITH_ZERO, MIN_ONE -> switch (r.nextInt(4)) {
          case 0 -> () -> 1;
          case 1 -> () -> lowest + r.nextInt(6 - lowest);
          case 2 -> () -> r.nextInt(20) == 0 ? lowest : 1 + r.nextInt(100);
          default -> () -> r.nextInt(8) == 0 ? 1000 : (r.nextInt(10) == 0 ? lowest : 1);
        };
      };
    }
  }

  /** What a program accepts as a key. */
  enum KeyRule {
    /** Any string: empty, spaces, longer than 250 bytes. */
    ANY,
    /** What the memcached text protocol carries: 1 to 250 bytes, no spaces or control characters. */
    PROTOCOL
  }

  /**
   * {@code n} distinct random keys as strings (valid UTF-8), with {@code hints} (such as ring-point
   * strings like {@code host-0}, whose hash is exactly a point) mixed in.
   */
  static List<String> keys(Random r, int n, KeyRule rule, List<String> hints) {
    Set<String> keys = new LinkedHashSet<>();
    if (rule == KeyRule.ANY) {
      keys.add("");
    }
    for (String h : hints) {
      if (keys.size() < n / 5 && accepts(rule, h)) {
        keys.add(h);
      }
    }
    while (keys.size() < n) {
      String k = key(r, rule);
      if (accepts(rule, k)) {
        keys.add(k);
      }
    }
    return new ArrayList<>(keys);
  }

  private static String key(Random r, KeyRule rule) {
    int length = r.nextInt(30) == 0 ? 100 + r.nextInt(200) : 1 + r.nextInt(24);
    StringBuilder b = new StringBuilder(length);
    int style = r.nextInt(4);
    for (int i = 0; i < length; i++) {
      int kind = style == 0 ? 0 : r.nextInt(style == 1 ? 3 : 8);
      if (kind == 1 && rule == KeyRule.ANY && r.nextInt(4) == 0) {
        b.append(' ');
      } else if (kind == 2) {
        b.appendCodePoint(WIDE[r.nextInt(WIDE.length)]);
      } else {
        b.append((char) (0x21 + r.nextInt(0x7e - 0x21 + 1)));
      }
    }
    return b.toString();
  }

  static boolean accepts(KeyRule rule, String key) {
    if (rule == KeyRule.ANY) {
      return true;
    }
    byte[] b = key.getBytes(StandardCharsets.UTF_8);
    if (b.length == 0 || b.length > 250) {
      return false;
    }
    for (byte x : b) {
      if ((x & 0xff) <= 0x20 || x == 0x7f) {
        return false;
      }
    }
    return true;
  }

  /** UTF-8 bytes of every key. */
  static List<byte[]> utf8(List<String> keys) {
    List<byte[]> out = new ArrayList<>(keys.size());
    for (String k : keys) {
      out.add(k.getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  /**
   * {@code keys} followed by {@code n} more keys of random bytes 0x21..0xff (so mostly not UTF-8)
   * that the text protocol still carries (programs hashing bytes must agree on them too), all
   * distinct.
   */
  static List<byte[]> withRawByteKeys(List<byte[]> keys, Random r, int n) {
    Set<String> seen = new LinkedHashSet<>();
    List<byte[]> out = new ArrayList<>(keys.size() + n);
    for (byte[] k : keys) {
      if (seen.add(java.util.HexFormat.of().formatHex(k))) {
        out.add(k);
      }
    }
    int target = out.size() + n;
    while (out.size() < target) {
      byte[] k = new byte[1 + r.nextInt(20)];
      for (int i = 0; i < k.length; i++) {
        int v = 0x21 + r.nextInt(0x100 - 0x21);
        k[i] = (byte) (v == 0x7f ? 0x80 : v);
      }
      if (seen.add(java.util.HexFormat.of().formatHex(k))) {
        out.add(k);
      }
    }
    return out;
  }
}
