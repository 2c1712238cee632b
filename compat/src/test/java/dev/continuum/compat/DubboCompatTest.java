package dev.continuum.compat;

import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import dev.continuum.Server;
import dev.continuum.Vectors;
import dev.continuum.compat.RandomInputs.HostPort;
import dev.continuum.compat.RandomInputs.KeyRule;
import dev.continuum.compat.RandomInputs.WeightRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * continuum's {@code dubbo} dialect against the real Apache Dubbo 3.3.5 {@code ConsistentHashLoadBalance}
 * (a test dependency) selecting among stand-in invokers, on random provider lists, {@code hash.nodes}
 * values and argument strings.
 */
class DubboCompatTest {
  private static final int CONFIGS = 6;
  private static final int KEYS = 2000;
  private static final int[] HASH_NODES = {160, 4, 7, 40, 161, 320};

  /** The harness itself: the real load balancer reproduces every vector row. */
  @Test
  void theOracleReproducesTheVectors() {
    Map<String, List<Vectors.Row>> configs = Vectors.byConfig(Vectors.read("dubbo.configs.tsv"));
    Map<String, List<Vectors.Row>> rows = Vectors.byConfig(Vectors.read("dubbo.tsv"));
    for (Map.Entry<String, List<Vectors.Row>> config : configs.entrySet()) {
      List<HostPort> providers = new ArrayList<>();
      for (Vectors.Row s : config.getValue()) {
        providers.add(new HostPort(s.get("host"), s.getInt("port"), 1));
      }
      int hashNodes = config.getValue().get(0).getInt("hash_nodes");
      List<String> keys = new ArrayList<>();
      int[] expected = new int[rows.get(config.getKey()).size()];
      for (Vectors.Row row : rows.get(config.getKey())) {
        expected[keys.size()] = row.getInt("server_idx");
        keys.add(row.key());
      }
      Placements.assertSame("dubbo oracle vs vectors " + config.getKey(), providers.toString(), labels(providers),
          RandomInputs.utf8(keys), expected, DubboOracle.place(providers, hashNodes == 160 ? 0 : hashNodes, keys));
    }
  }

  @Test
  void continuumPlacesCallsAsDubboDoes() {
    Random r = CompatSeed.random("dubbo");
    for (int config = 0; config < CONFIGS; config++) {
      List<HostPort> providers = RandomInputs.servers(r, RandomInputs.count(r, 200), WeightRule.EQUAL);
      if (config == CONFIGS - 1) {
        providers = RandomInputs.withDuplicates(r, providers, 2);
      }
      int hashNodes = HASH_NODES[config % HASH_NODES.length];
      List<String> hints = new ArrayList<>();
      for (HostPort p : providers) {
        hints.add(p.hostPort() + "0");
      }
      List<String> keys = RandomInputs.keys(r, KEYS, KeyRule.ANY, hints);
      Continuum c = Continuum.builder(Algorithm.DUBBO).pointsPerWeight(hashNodes).allowDuplicateServers(true).build();
      List<Server> servers = new ArrayList<>();
      for (HostPort p : providers) {
        servers.add(Server.of(p.host(), p.port()));
      }
      c.addServers(servers);
      List<byte[]> bytes = RandomInputs.utf8(keys);
      Placements.assertSame("Dubbo 3.3.5 ConsistentHashLoadBalance (hash.nodes " + hashNodes + ") vs dubbo",
          providers.toString(), labels(providers), bytes,
          DubboOracle.place(providers, hashNodes == 160 ? 0 : hashNodes, keys), Placements.continuum(c, bytes));
    }
  }

  private static List<String> labels(List<HostPort> providers) {
    List<String> out = new ArrayList<>();
    for (HostPort p : providers) {
      out.add(p.hostPort());
    }
    return out;
  }
}
