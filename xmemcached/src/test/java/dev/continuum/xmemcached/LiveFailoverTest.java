package dev.continuum.xmemcached;

import static dev.continuum.xmemcached.XmemClients.awaitServers;
import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import dev.continuum.Server;
import dev.continuum.testkit.Memcached;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.rubyeye.xmemcached.MemcachedClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Failover and scale-out through a real {@code XMemcachedClient}: when a memcached server is killed,
 * xmemcached drops its session and the locator's continuum loses that server; keys stored afterwards
 * land, on the wire, where the smaller continuum says, and (for algorithms with minimal disruption)
 * only the dead server's keys move. Adding a server moves keys only onto it. Prints the moved shares.
 */
class LiveFailoverTest {
  private static final int KEYS = 2000;

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"XMEMCACHED", "RING", "RENDEZVOUS"})
  void aKilledServerMovesOnlyItsKeysAndANewOneTakesOnlyKeysOntoItself(Algorithm algorithm) throws Exception {
    List<Memcached> servers = Memcached.startMany(5);
    try {
      ContinuumSessionLocator locator = new ContinuumSessionLocator(algorithm);
      MemcachedClient client = XmemClients.connect(servers.subList(0, 4), new int[] {1, 1, 1, 1}, locator);
      try {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
          keys.add("failover:" + i);
        }
        Map<String, Integer> before = placeOnTheWire(client, keys, servers);
        assertThat(before).isEqualTo(expected(locator.continuum(), keys, servers));

        servers.get(0).kill();
        awaitServers(locator, 3);
        Map<String, Integer> after = placeOnTheWire(client, keys, servers);
        assertThat(after).isEqualTo(expected(locator.continuum(), keys, servers));
        int moved = 0;
        for (String k : keys) {
          if (!before.get(k).equals(after.get(k))) {
            moved++;
            assertThat(before.get(k)).as("%s: key %s moved though its server lives", algorithm, k).isZero();
          }
        }
        long onDead = before.values().stream().filter(i -> i == 0).count();
        System.out.printf("[xmemcached] %s: server 1 of 4 killed: %d of %d keys moved (%.1f%%), all of them its own%n",
            algorithm.cliName(), moved, KEYS, 100.0 * moved / KEYS);
        assertThat(moved).isEqualTo((int) onDead);

        client.addServer("127.0.0.1", servers.get(4).port());
        awaitServers(locator, 4);
        Map<String, Integer> grown = placeOnTheWire(client, keys, servers);
        assertThat(grown).isEqualTo(expected(locator.continuum(), keys, servers));
        int onto = 0;
        for (String k : keys) {
          if (!after.get(k).equals(grown.get(k))) {
            assertThat(grown.get(k)).as("%s: key %s moved elsewhere than onto the new server", algorithm, k).isEqualTo(4);
            onto++;
          }
        }
        System.out.printf("[xmemcached] %s: server added to 3: %d of %d keys moved (%.1f%%), all onto it%n",
            algorithm.cliName(), onto, KEYS, 100.0 * onto / KEYS);
        assertThat(onto).isPositive();
      } finally {
        client.shutdown();
      }
    } finally {
      Memcached.closeAll(servers);
    }
  }

  /** Deletes everything on the live servers, stores every key, and reads where each landed. */
  private static Map<String, Integer> placeOnTheWire(MemcachedClient client, List<String> keys, List<Memcached> servers)
      throws Exception {
    for (Memcached m : servers) {
      if (m.isAlive()) {
        try (var c = m.client()) {
          c.deleteEverything();
        }
      }
    }
    for (String k : keys) {
      assertThat(client.set(k, 0, "v")).isTrue();
    }
    Map<String, Integer> found = new HashMap<>();
    for (int i = 0; i < servers.size(); i++) {
      if (servers.get(i).isAlive()) {
        for (String k : servers.get(i).keys()) {
          assertThat(found.put(k, i)).as("key %s on two servers", k).isNull();
        }
      }
    }
    assertThat(found).hasSize(keys.size());
    return found;
  }

  private static Map<String, Integer> expected(Continuum c, List<String> keys, List<Memcached> servers) {
    Map<String, Integer> out = new HashMap<>();
    for (String k : keys) {
      Server s = c.resolve(k);
      for (int i = 0; i < servers.size(); i++) {
        if (servers.get(i).port() == s.port()) {
          out.put(k, i);
        }
      }
    }
    return out;
  }
}
