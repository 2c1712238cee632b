package dev.continuum.xmemcached;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import dev.continuum.Server;
import dev.continuum.testkit.Memcached;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.XMemcachedClientBuilder;
import net.rubyeye.xmemcached.impl.KetamaMemcachedSessionLocator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real {@code XMemcachedClient} with {@link ContinuumSessionLocator} storing keys into memcached
 * servers on 127.0.0.1: each server holds exactly the keys the locator's continuum places on it, and
 * with the {@code xmemcached} dialect exactly the keys xmemcached's own ketama locator puts there.
 */
class LivePlacementTest {
  private static final int KEYS = 1500;

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"XMEMCACHED", "XMEMCACHED_NGINX", "RING", "RENDEZVOUS", "TWEMPROXY_MD5"})
  void everyKeyIsOnTheServerContinuumNames(Algorithm algorithm) throws Exception {
    List<Memcached> servers = Memcached.startMany(4);
    try {
      int[] weights = {1, 2, 1, 3};
      List<InetSocketAddress> addresses = new ArrayList<>();
      for (Memcached m : servers) {
        addresses.add(new InetSocketAddress("127.0.0.1", m.port()));
      }
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < KEYS; i++) {
        keys.add("live:" + algorithm.cliName() + ":" + i);
      }
      ContinuumSessionLocator locator = new ContinuumSessionLocator(algorithm);
      Continuum[] placing = new Continuum[1];
      Map<String, Integer> ours = store(addresses, weights, locator, keys, servers,
          () -> placing[0] = locator.continuum());
      Continuum c = placing[0];
      assertThat(c.servers()).hasSize(servers.size());
      for (String k : keys) {
        Server s = c.resolve(k);
        assertThat(ours.get(k)).as("%s: key %s", algorithm, k).isEqualTo(indexOfPort(servers, s.port()));
      }
      if (algorithm == Algorithm.XMEMCACHED || algorithm == Algorithm.XMEMCACHED_NGINX) {
        for (Memcached m : servers) {
          try (var client = m.client()) {
            client.deleteEverything();
          }
        }
        Map<String, Integer> theirs = store(addresses, weights,
            new KetamaMemcachedSessionLocator(algorithm == Algorithm.XMEMCACHED_NGINX), keys, servers, () -> { });
        assertThat(ours).as("%s vs xmemcached's own locator", algorithm).isEqualTo(theirs);
      }
    } finally {
      Memcached.closeAll(servers);
    }
  }

  /** Stores every key through a client with {@code locator}; returns each key's server index, read from the servers. */
  private static Map<String, Integer> store(List<InetSocketAddress> addresses, int[] weights,
      net.rubyeye.xmemcached.MemcachedSessionLocator locator, List<String> keys, List<Memcached> servers,
      Runnable beforeShutdown) throws Exception {
    XMemcachedClientBuilder builder = new XMemcachedClientBuilder(addresses, weights);
    builder.setSessionLocator(locator);
    MemcachedClient client = builder.build();
    try {
      for (String k : keys) {
        assertThat(client.set(k, 0, "v")).isTrue();
      }
      beforeShutdown.run(); // the client empties its locator as it shuts down
    } finally {
      client.shutdown();
    }
    Map<String, Integer> found = new HashMap<>();
    for (int i = 0; i < servers.size(); i++) {
      for (String k : servers.get(i).keys()) {
        assertThat(found.put(k, i)).as("key %s on two servers", k).isNull();
      }
    }
    assertThat(found).hasSize(keys.size());
    return found;
  }

  private static int indexOfPort(List<Memcached> servers, int port) {
    for (int i = 0; i < servers.size(); i++) {
      if (servers.get(i).port() == port) {
        return i;
      }
    }
    return -1;
  }
}
