package dev.continuum.spymemcached;

import dev.continuum.Algorithm;
import dev.continuum.testkit.LoopbackPorts;
import dev.continuum.testkit.Memcached;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.spy.memcached.ConnectionFactory;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.FailureMode;
import net.spy.memcached.MemcachedClient;
import net.spy.memcached.MemcachedNode;

/** spymemcached clients for the live tests, and bulk writes and reads over them. */
final class LiveClients {
  static final Logger SPY_LOG = Logger.getLogger("net.spy.memcached");

  static {
    // spymemcached logs every connect and reconnect at INFO; keep the test output to the figures
    System.setProperty("net.spy.log.LoggerImpl", "net.spy.memcached.compat.log.SunLogger");
    SPY_LOG.setLevel(Level.SEVERE); // the failover test provokes reconnect warnings on purpose
  }

  private LiveClients() {}

  /**
   * Short timeouts so that a dead server costs the tests little; Redistribute so that a key whose
   * server is down goes to the next server of its replica order (a miss, not an error).
   */
  static ConnectionFactoryBuilder settings() {
    return new ConnectionFactoryBuilder()
        .setOpTimeout(1000)
        .setFailureMode(FailureMode.Redistribute)
        .setMaxReconnectDelay(1)
        .setDaemon(true);
  }

  static MemcachedClient continuum(List<Memcached> servers, Algorithm algorithm) {
    return client(ContinuumConnectionFactory.wrap(settings().build(), algorithm), addresses(servers));
  }

  /** A plain client to one address (nutcracker): spymemcached's own locator over one node. */
  static MemcachedClient single(int port) {
    return client(settings().build(), List.of(new InetSocketAddress(LoopbackPorts.HOST, port)));
  }

  /**
   * A connected client. Waits (at most 10 s) until every node is connected: under Redistribute,
   * spymemcached sends an operation whose node is not connected yet to the next node of the
   * sequence, so writes issued right after construction could land off their server.
   */
  static MemcachedClient client(ConnectionFactory factory, List<InetSocketAddress> addresses) {
    MemcachedClient client;
    try {
      client = new MemcachedClient(factory, addresses);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    awaitConnected(client);
    return client;
  }

  static void awaitConnected(MemcachedClient client) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!allActive(client)) {
      if (System.nanoTime() > deadline) {
        client.shutdown();
        throw new AssertionError("client not connected to every node after 10 s");
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  static boolean allActive(MemcachedClient client) {
    for (MemcachedNode n : client.getNodeLocator().getAll()) {
      if (!n.isActive()) {
        return false;
      }
    }
    return true;
  }

  static List<InetSocketAddress> addresses(List<Memcached> servers) {
    List<InetSocketAddress> out = new ArrayList<>();
    for (Memcached m : servers) {
      out.add(new InetSocketAddress(LoopbackPorts.HOST, m.port()));
    }
    return out;
  }

  static List<String> keys(String prefix, int n) {
    List<String> keys = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      keys.add(prefix + i);
    }
    return keys;
  }

  /** Sets every key (value = the key), at most 2,000 sets in flight; fails if any set fails. */
  static void setAll(MemcachedClient client, List<String> keys) {
    ArrayDeque<Future<Boolean>> inFlight = new ArrayDeque<>();
    for (String k : keys) {
      inFlight.add(client.set(k, 0, k));
      if (inFlight.size() >= 2_000) {
        await(inFlight.poll());
      }
    }
    while (!inFlight.isEmpty()) {
      await(inFlight.poll());
    }
  }

  private static void await(Future<Boolean> f) {
    try {
      if (!f.get(10, TimeUnit.SECONDS)) {
        throw new AssertionError("set failed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("set failed", e);
    }
  }

  /** How many of {@code keys} are read back with their own value, through getBulk in chunks of 1,000. */
  static int hits(MemcachedClient client, List<String> keys) {
    int hits = 0;
    for (int from = 0; from < keys.size(); from += 1_000) {
      List<String> chunk = keys.subList(from, Math.min(keys.size(), from + 1_000));
      Map<String, Object> found = client.getBulk(chunk);
      for (Map.Entry<String, Object> e : found.entrySet()) {
        if (e.getKey().equals(e.getValue())) {
          hits++;
        }
      }
    }
    return hits;
  }
}
