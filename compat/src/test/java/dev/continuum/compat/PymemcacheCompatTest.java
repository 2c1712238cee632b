package dev.continuum.compat;

import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import dev.continuum.Server;
import dev.continuum.Vectors;
import dev.continuum.compat.PymemcacheOracle.Via;
import dev.continuum.compat.RandomInputs.HostPort;
import dev.continuum.compat.RandomInputs.KeyRule;
import dev.continuum.compat.RandomInputs.WeightRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** continuum's pymemcache dialect against the real pymemcache 3.5.2 under Debian's Python. */
class PymemcacheCompatTest {
  private static final int CONFIGS = 3;
  private static final int KEYS = 1500;

  /** The harness itself: the real RendezvousHash and HashClient reproduce every vector row. */
  @Test
  void theOracleReproducesTheVectors() {
    Map<String, List<Vectors.Row>> configs = Vectors.byConfig(Vectors.read("pymemcache.configs.tsv"));
    Map<String, List<Vectors.Row>> rows = Vectors.byConfig(Vectors.read("pymemcache.tsv"));
    for (Map.Entry<String, List<Vectors.Row>> config : configs.entrySet()) {
      Vectors.Row first = config.getValue().get(0);
      long seed = first.getLong("seed");
      List<String> names = new ArrayList<>();
      List<HostPort> hostPorts = new ArrayList<>();
      for (Vectors.Row n : config.getValue()) {
        names.add(n.get("node"));
        if (!n.get("host").equals("-")) {
          hostPorts.add(new HostPort(n.get("host"), n.getInt("port"), 1));
        }
      }
      List<String> keys = new ArrayList<>();
      int[] expected = new int[rows.get(config.getKey()).size()];
      for (Vectors.Row row : rows.get(config.getKey())) {
        expected[keys.size()] = row.getInt("node_idx");
        keys.add(row.key());
      }
      int[] got = first.get("via").equals("HashClient")
          ? PymemcacheOracle.place(Via.HASH_CLIENT, seed, hostPorts, keys)
          : PymemcacheOracle.placeOnNamedNodes(seed, names, keys);
      Placements.assertSame("pymemcache oracle vs vectors " + config.getKey(), names.toString(), names,
          RandomInputs.utf8(keys), expected, got);
    }
  }

  /** continuum's dialect against RendezvousHash and HashClient on random nodes, keys and seeds. */
  @ParameterizedTest
  @EnumSource(Via.class)
  void continuumPlacesKeysAsPymemcacheDoes(Via via) {
    Random r = CompatSeed.random("pymemcache-" + via);
    for (int config = 0; config < CONFIGS; config++) {
      long seed = config == 0 ? 0 : r.nextInt(3) == 0 ? r.nextInt(100) : r.nextInt() & 0xffffffffL;
      List<HostPort> nodes = RandomInputs.servers(r, RandomInputs.count(r, 60), WeightRule.EQUAL);
      // HashClient checks keys as memcached would; a bare RendezvousHash takes any str.
      List<String> keys = RandomInputs.keys(r, KEYS, via == Via.HASH_CLIENT ? KeyRule.PROTOCOL : KeyRule.ANY, List.of());
      int[] expected = PymemcacheOracle.place(via, seed, nodes, keys);
      Continuum c = seed == 0
          ? new Continuum(Algorithm.PYMEMCACHE)
          : Continuum.builder(Algorithm.PYMEMCACHE).seed(seed).build();
      List<Server> servers = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      for (HostPort n : nodes) {
        servers.add(Server.of(n.host(), n.port()));
        labels.add(n.hostPort());
      }
      c.addServers(servers);
      List<byte[]> bytes = RandomInputs.utf8(keys);
      Placements.assertSame("pymemcache " + via.pythonName + " seed " + seed + " vs " + Algorithm.PYMEMCACHE,
          "seed " + seed + " nodes " + labels, labels, bytes, expected, Placements.continuum(c, bytes));
    }
  }
}
