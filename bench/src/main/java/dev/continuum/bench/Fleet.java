package dev.continuum.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The servers and keys every contender gets: {@code n} IP-literal servers on port 11311 and a fixed
 * set of ASCII keys. IP literals on a port other than 11211 make spymemcached's default node key
 * ({@code ip:port-i}) equal libketama's ({@code host:port-i}), so the md5 rings can be checked for
 * agreement; no name is ever resolved.
 */
final class Fleet {
  static final int PORT = 11311;
  /** Keys per benchmark; a power of two so the next key is one mask away. */
  static final int KEYS = 1 << 12;

  final String[] hosts;
  final String[] names;
  final String[] keys;

  Fleet(int servers) {
    hosts = new String[servers];
    names = new String[servers];
    for (int i = 0; i < servers; i++) {
      hosts[i] = host(i);
      names[i] = hosts[i] + ":" + PORT;
    }
    keys = keys(KEYS, 42);
  }

  int size() {
    return hosts.length;
  }

  /** The i-th server's host, 10.x.y.z. */
  static String host(int i) {
    return "10." + ((i >>> 16) & 0xFF) + "." + ((i >>> 8) & 0xFF) + "." + (i & 0xFF);
  }

  /** Keys like {@code user:3kq9x1z:session}: 15 to 30 ASCII chars, typical cache keys. */
  static String[] keys(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<String> out = new ArrayList<>(count);
    String[] prefixes = {"user:", "session:", "product:", "cart:"};
    for (int i = 0; i < count; i++) {
      StringBuilder key = new StringBuilder(prefixes[random.nextInt(prefixes.length)]);
      for (int c = 7 + random.nextInt(6); c > 0; c--) {
        key.append(Character.forDigit(random.nextInt(36), 36));
      }
      out.add(key.append(':').append(random.nextInt(1000)).toString());
    }
    return out.toArray(new String[0]);
  }
}
