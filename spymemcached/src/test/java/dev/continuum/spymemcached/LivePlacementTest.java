package dev.continuum.spymemcached;

import static dev.continuum.spymemcached.LiveClients.continuum;
import static dev.continuum.spymemcached.LiveClients.hits;
import static dev.continuum.spymemcached.LiveClients.keys;
import static dev.continuum.spymemcached.LiveClients.setAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import dev.continuum.testkit.Memcached;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.spy.memcached.MemcachedClient;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Against 10 real memcached servers: where keys land, and what scale-out costs. */
class LivePlacementTest {
  private static final int KEYS = 100_000;
  @RegisterExtension
  final Started started = new Started();

  @ParameterizedTest
  @EnumSource(names = {"SPYMEMCACHED", "PYTHON_CONTINUUM"})
  void everyKeyIsOnTheServerResolveNames(Algorithm algorithm) {
    List<Memcached> servers = started.memcached(10);
    MemcachedClient client = started.client(continuum(servers, algorithm));
    List<String> keys = keys("placed:", KEYS);
    setAll(client, keys);

    Continuum reference = new Continuum(algorithm);
    for (Memcached m : servers) {
      reference.addServer("127.0.0.1", m.port());
    }
    // metadump is a crawl of the LRUs, best effort: an item moving between LRU segments at that
    // moment can be skipped (1 key in 100,000 seen once). Up to three dumps, merged.
    Map<String, Integer> holder = new HashMap<>();
    int duplicates = 0;
    int dumps = 0;
    while (dumps < 3 && holder.size() < KEYS) {
      dumps++;
      Map<String, Integer> dump = new HashMap<>();
      for (Memcached m : servers) {
        for (String k : m.keys()) {
          if (dump.put(k, m.port()) != null) {
            duplicates++;
          }
        }
      }
      holder.putAll(dump);
    }
    int onNamedServer = 0;
    int elsewhere = 0;
    int missing = 0;
    for (String k : keys) {
      Integer port = holder.get(k);
      if (port == null) {
        missing++;
      } else if (port == reference.resolve(k).port()) {
        onNamedServer++;
      } else {
        elsewhere++;
      }
    }
    System.out.printf("placement on the wire (%s, 10 memcached, %d keys): on the server resolve names %d,"
        + " elsewhere %d, missing %d, on two servers %d (metadump rounds %d)%n",
        algorithm.cliName(), KEYS, onNamedServer, elsewhere, missing, duplicates, dumps);
    assertThat(onNamedServer).isEqualTo(KEYS);
    assertThat(holder).hasSize(KEYS);
    assertThat(duplicates).isZero();
  }

  /**
   * The hits must be exactly the keys whose server did not change, and at least 90%. The 90% floor is
   * held by rendezvous (pymemcache) and jump, whose moved share varies only with the keys (10/11 +-
   * 0.1%). A ketama ring gives the newcomer 160 points whose arcs vary with the (random, free) ports:
   * its share is 9.1% +- 0.7%, so one run in ten moves more than 10% (89.77% hits in one CI run);
   * ketama dialects are held to the exact prediction and to 87% (the ideal minus three standard
   * deviations), since no ring of 160 points a server can promise 90% for every port.
   */
  @ParameterizedTest
  @EnumSource(names = {"SPYMEMCACHED", "TWEMPROXY_MD5", "PYMEMCACHE", "JUMP"})
  void anEleventhServerKeepsAtLeastNinetyPercentOfKeys(Algorithm algorithm) {
    List<Memcached> servers = started.memcached(10);
    List<String> keys = keys("scale:", KEYS);
    MemcachedClient ten = started.client(continuum(servers, algorithm));
    setAll(ten, keys);
    List<Memcached> eleven = new ArrayList<>(servers);
    eleven.addAll(started.memcached(1));
    MemcachedClient client = started.client(continuum(eleven, algorithm));
    int hits = hits(client, keys);
    int predictedMoves = moves(algorithm, servers, eleven, keys);
    System.out.printf("scale-out 10 -> 11 servers (%s, %d keys): hits %d (%.2f%%), misses %d (moved keys,"
        + " predicted %d); ideal %.2f%%%n", algorithm.cliName(), KEYS, hits, 100.0 * hits / KEYS, KEYS - hits,
        predictedMoves, 100.0 * 10 / 11);
    assertThat(KEYS - hits).isEqualTo(predictedMoves);
    boolean ring = algorithm != Algorithm.PYMEMCACHE && algorithm != Algorithm.JUMP;
    assertThat(hits).isGreaterThanOrEqualTo(ring ? KEYS * 87 / 100 : KEYS * 90 / 100);
  }

  private static int moves(Algorithm algorithm, List<Memcached> before, List<Memcached> after,
      List<String> keys) {
    Continuum a = new Continuum(algorithm);
    Continuum b = new Continuum(algorithm);
    before.forEach(m -> a.addServer("127.0.0.1", m.port()));
    after.forEach(m -> b.addServer("127.0.0.1", m.port()));
    int moved = 0;
    for (String k : keys) {
      if (!a.resolve(k).equals(b.resolve(k))) {
        moved++;
      }
    }
    return moved;
  }
}
