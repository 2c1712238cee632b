package dev.continuum.compat;

import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import dev.continuum.Server;
import dev.continuum.Vectors;
import dev.continuum.compat.RandomInputs.KeyRule;
import dev.continuum.compat.TwemproxyOracle.Member;
import dev.continuum.testkit.LoopbackPorts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * continuum's twemproxy dialects against real nutcracker + memcached processes on 127.0.0.1. Every
 * process is started here and stopped in {@link #stop()} (and by the testkit's safety nets).
 */
class TwemproxyCompatTest {
  private static final int BACKENDS = 10;
  private static final int CONFIGS = 3;
  private static final int KEYS = 1500;

  private static TwemproxyOracle oracle;

  @BeforeAll
  static void start() {
    oracle = new TwemproxyOracle(BACKENDS);
  }

  @AfterAll
  static void stop() {
    if (oracle != null) {
      oracle.close();
    }
  }

  /**
   * The harness itself: every vector configuration of up to 10 servers, replayed on our backends,
   * stores every vector key on the vector's server. The vectors' servers had other addresses, so
   * each is given its ring name explicitly: its own name, else {@code host} (port 11211) or
   * {@code host:port}, the string an unnamed server hashes.
   */
  @Test
  void theOracleReproducesTheVectors() {
    Map<String, List<Vectors.Row>> configs = Vectors.byConfig(Vectors.read("twemproxy.configs.tsv"));
    Map<String, List<Vectors.Row>> rows = Vectors.byConfig(Vectors.read("twemproxy.tsv"));
    int replayed = 0;
    for (Map.Entry<String, List<Vectors.Row>> config : configs.entrySet()) {
      List<Vectors.Row> lines = config.getValue();
      if (lines.size() > BACKENDS) {
        continue;
      }
      String hash = lines.get(0).get("hash_explicit").equals("yes") ? lines.get(0).get("hash") : null;
      List<Member> members = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      for (Vectors.Row s : lines) {
        String name = s.get("name");
        if (name.equals("-")) {
          name = s.getInt("port") == 11211 ? s.get("host") : s.get("host") + ":" + s.get("port");
        }
        members.add(new Member(s.getInt("weight"), name));
        labels.add(name + " w" + s.get("weight"));
      }
      List<byte[]> keys = new ArrayList<>();
      int[] expected = new int[rows.get(config.getKey()).size()];
      for (Vectors.Row row : rows.get(config.getKey())) {
        expected[keys.size()] = row.getInt("server_idx");
        keys.add(row.keyBytes());
      }
      Placements.assertSame("twemproxy oracle vs vectors " + config.getKey(), labels.toString(), labels, keys,
          expected, oracle.place(hash, members, keys));
      replayed++;
    }
    org.assertj.core.api.Assertions.assertThat(replayed).isEqualTo(13);
  }

  /** continuum's dialect against nutcracker on random pools: names or none, weights, both key hashes. */
  @ParameterizedTest
  @CsvSource({
      "md5, none, TWEMPROXY_MD5",
      "md5, all, TWEMPROXY_MD5",
      "md5, some, TWEMPROXY_MD5",
      ", none, TWEMPROXY",
      ", some, TWEMPROXY",
      "fnv1a_64, all, TWEMPROXY"})
  void continuumPlacesKeysAsTwemproxyDoes(String hash, String names, Algorithm algorithm) {
    Random r = CompatSeed.random("twemproxy-" + hash + "-" + names);
    for (int config = 0; config < CONFIGS; config++) {
      int n = RandomInputs.count(r, BACKENDS);
      List<Member> members = new ArrayList<>();
      List<Server> servers = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      List<String> hints = new ArrayList<>();
      Set<String> used = new LinkedHashSet<>();
      var weights = (config == 0 ? RandomInputs.WeightRule.EQUAL : RandomInputs.WeightRule.MIN_ONE).start(r);
      for (int i = 0; i < n; i++) {
        String name = null;
        if (names.equals("all") || (names.equals("some") && r.nextBoolean())) {
          do {
            name = r.nextBoolean() ? RandomInputs.hostName(r) : RandomInputs.ipv4(r) + ":" + RandomInputs.port(r);
          } while (!used.add(name));
        }
        int weight = weights.next();
        members.add(new Member(weight, name));
        servers.add(Server.of(LoopbackPorts.HOST, oracle.port(i), weight).withName(name));
        String ringName = name != null ? name : LoopbackPorts.HOST + ":" + oracle.port(i);
        labels.add(ringName + " w" + weight);
        hints.add(ringName + "-0");
        hints.add(ringName + "-3");
      }
      List<byte[]> keys = RandomInputs.withRawByteKeys(
          RandomInputs.utf8(RandomInputs.keys(r, KEYS, KeyRule.PROTOCOL, hints)), r, KEYS / 10);
      int[] expected = oracle.place(hash, members, keys);
      Continuum c = new Continuum(algorithm);
      c.addServers(servers);
      Placements.assertSame("twemproxy hash " + (hash == null ? "(default)" : hash) + " vs " + algorithm,
          labels.toString(), labels, keys, expected, Placements.continuum(c, keys));
    }
  }
}
