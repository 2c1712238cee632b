package dev.continuum.xmemcached;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.testkit.LoopbackPorts;
import dev.continuum.testkit.Memcached;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.MemcachedSessionLocator;
import net.rubyeye.xmemcached.XMemcachedClientBuilder;

/** xmemcached clients for the live tests, random keys, and bulk writes and reads over them. */
final class XmemClients {
  private XmemClients() {}

  /**
   * A client over {@code servers} (given as {@code 127.0.0.1:port}, xmemcached's default address
   * resolution on) with {@code weights} and {@code locator}; waits (at most 10 s) until the locator
   * knows every server.
   */
  static MemcachedClient connect(List<Memcached> servers, int[] weights, MemcachedSessionLocator locator) {
    List<InetSocketAddress> addresses = new ArrayList<>();
    for (Memcached m : servers) {
      addresses.add(new InetSocketAddress(LoopbackPorts.HOST, m.port()));
    }
    XMemcachedClientBuilder builder = new XMemcachedClientBuilder(addresses, weights);
    builder.setSessionLocator(locator);
    try {
      MemcachedClient client = builder.build();
      if (locator instanceof ContinuumSessionLocator) {
        awaitServers((ContinuumSessionLocator) locator, servers.size());
      }
      return client;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits (at most 10 s) until the client has told the locator about exactly {@code n} servers. */
  static void awaitServers(ContinuumSessionLocator locator, int n) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (locator.continuum().size() != n && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    assertThat(locator.continuum().size()).as("servers the client reports").isEqualTo(n);
  }

  /** Stores every key with the key as its value; fails on the first set not stored. */
  static void setAll(MemcachedClient client, Collection<String> keys) throws Exception {
    for (String k : keys) {
      assertThat(client.set(k, 0, k)).as("set %s", k).isTrue();
    }
  }

  /** How many of {@code keys} read back with their own value (bulk gets of 500). */
  static int hits(MemcachedClient client, List<String> keys) throws Exception {
    int hits = 0;
    for (int from = 0; from < keys.size(); from += 500) {
      Map<String, Object> got = client.get(keys.subList(from, Math.min(keys.size(), from + 500)));
      for (Map.Entry<String, Object> e : got.entrySet()) {
        if (e.getKey().equals(e.getValue())) {
          hits++;
        }
      }
    }
    return hits;
  }

  /**
   * {@code n} random keys none of {@code taken} holds (added to it): 1 to 60 printable ASCII
   * characters without space, which memcached, nutcracker, xmemcached and pymemcache all accept.
   */
  static List<String> randomKeys(Random random, int n, Set<String> taken) {
    List<String> keys = new ArrayList<>(n);
    while (keys.size() < n) {
      char[] c = new char[1 + random.nextInt(60)];
      for (int i = 0; i < c.length; i++) {
        c[i] = (char) ('!' + random.nextInt('~' - '!' + 1));
      }
      String k = new String(c);
      if (taken.add(k)) {
        keys.add(k);
      }
    }
    return keys;
  }
}
