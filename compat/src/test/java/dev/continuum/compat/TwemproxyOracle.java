package dev.continuum.compat;

import dev.continuum.testkit.MemcacheTextClient;
import dev.continuum.testkit.Memcached;
import dev.continuum.testkit.Nutcracker;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The real twemproxy (Debian nutcracker 0.5.0) in front of real memcached servers (Debian
 * memcached), all on 127.0.0.1: keys are stored through nutcracker and found again on the backends
 * with {@code lru_crawler metadump all}. The placement is observed, not computed.
 *
 * <p>Owns a fixed set of memcached backends (server {@code i} of a pool is backend {@code i}); each
 * {@link #place} starts its own nutcracker and leaves the backends empty again.
 */
final class TwemproxyOracle implements AutoCloseable {
  /** One line of the pool's {@code servers:} list: its weight (at least 1) and optional name. */
  record Member(int weight, String name) {}

  private static final byte[] VALUE = {'1'};

  private final List<Memcached> backends;

  TwemproxyOracle(int backends) {
    this.backends = Memcached.startMany(backends);
  }

  int backends() {
    return backends.size();
  }

  /** The port of backend {@code i}. */
  int port(int i) {
    return backends.get(i).port();
  }

  /**
   * The index of the server each key is stored on, for a ketama pool with the key hash {@code hash}
   * ({@code null}: no {@code hash:} line, twemproxy's default). Keys must be distinct.
   */
  int[] place(String hash, List<Member> members, List<byte[]> keys) {
    if (members.isEmpty() || members.size() > backends.size()) {
      throw new IllegalArgumentException("1.." + backends.size() + " servers, not " + members.size());
    }
    Nutcracker.Pool pool = Nutcracker.Pool.ketama().hash(hash);
    for (int i = 0; i < members.size(); i++) {
      pool.server(port(i), members.get(i).weight(), members.get(i).name());
    }
    try (Nutcracker proxy = Nutcracker.start(pool); MemcacheTextClient c = proxy.client()) {
      c.setAll(keys, VALUE);
    }
    HexFormat hex = HexFormat.of();
    Map<String, Integer> where = new HashMap<>();
    for (int i = 0; i < backends.size(); i++) {
      try (MemcacheTextClient c = backends.get(i).client()) {
        List<byte[]> found = c.metadumpKeys();
        for (byte[] k : found) {
          Integer before = where.put(hex.formatHex(k), i);
          if (before != null) {
            throw new AssertionError("key \"" + new String(k, java.nio.charset.StandardCharsets.UTF_8)
                + "\" found on backends " + before + " and " + i);
          }
          c.delete(k);
        }
      }
    }
    int[] out = new int[keys.size()];
    for (int i = 0; i < out.length; i++) {
      Integer b = where.remove(hex.formatHex(keys.get(i)));
      if (b == null) {
        throw new AssertionError("key " + hex.formatHex(keys.get(i)) + " was stored through nutcracker but found on no backend");
      }
      out[i] = b;
    }
    if (!where.isEmpty()) {
      throw new AssertionError("backends held keys that were not stored in this round: " + where.keySet());
    }
    return out;
  }

  @Override
  public void close() {
    Memcached.closeAll(backends);
  }
}
