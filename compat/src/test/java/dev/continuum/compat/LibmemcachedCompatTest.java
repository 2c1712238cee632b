package dev.continuum.compat;

import dev.continuum.Continuum;
import dev.continuum.Server;
import dev.continuum.Vectors;
import dev.continuum.compat.LibmemcachedOracle.Mode;
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

/** continuum's libmemcached dialects against the real libmemcached 1.1.4, through a small C program. */
class LibmemcachedCompatTest {
  private static final int CONFIGS_PER_MODE = 4;
  private static final int KEYS = 1500;

  /** The harness itself: the real library, driven by the C program, reproduces every vector row. */
  @Test
  void theOracleReproducesTheVectors() {
    Map<String, List<Vectors.Row>> configs = Vectors.byConfig(Vectors.read("libmemcached.configs.tsv"));
    Map<String, List<Vectors.Row>> rows = Vectors.byConfig(Vectors.read("libmemcached.tsv"));
    for (Map.Entry<String, List<Vectors.Row>> config : configs.entrySet()) {
      Mode mode = Mode.byVectorName(config.getValue().get(0).get("mode"));
      List<HostPort> servers = new ArrayList<>();
      for (Vectors.Row s : config.getValue()) {
        servers.add(new HostPort(s.get("host"), s.getInt("port"), s.getInt("weight")));
      }
      List<byte[]> keys = new ArrayList<>();
      int[] expected = new int[rows.get(config.getKey()).size()];
      for (Vectors.Row row : rows.get(config.getKey())) {
        expected[keys.size()] = row.getInt("server_idx");
        keys.add(row.keyBytes());
      }
      Placements.assertSame("libmemcached oracle vs vectors " + config.getKey(), servers.toString(),
          labels(servers), keys, expected, LibmemcachedOracle.place(mode, servers, keys));
    }
  }

  /**
   * continuum's dialect against the real library on random server lists (up to 100) and keys; the
   * last list of each mode holds three duplicated servers.
   */
  @ParameterizedTest
  @EnumSource(Mode.class)
  void continuumPlacesKeysAsLibmemcachedDoes(Mode mode) {
    Random r = CompatSeed.random("libmemcached-" + mode);
    for (int config = 0; config < CONFIGS_PER_MODE; config++) {
      int n = RandomInputs.count(r, LibmemcachedOracle.MAX_SERVERS);
      WeightRule weights = config == 0 ? WeightRule.EQUAL : WeightRule.MIXED_WITH_ZERO;
      List<HostPort> servers = RandomInputs.servers(r, n, weights);
      boolean duplicates = config == CONFIGS_PER_MODE - 1;
      if (duplicates) {
        servers = RandomInputs.withDuplicates(r, servers.subList(0, Math.min(n, LibmemcachedOracle.MAX_SERVERS - 3)), 3);
      }
      List<byte[]> keys = RandomInputs.withRawByteKeys(
          RandomInputs.utf8(RandomInputs.keys(r, KEYS, KeyRule.ANY, pointStrings(servers))), r, KEYS / 10);
      int[] expected = LibmemcachedOracle.place(mode, servers, keys);
      Continuum c = Continuum.builder(mode.algorithm).allowDuplicateServers(duplicates).build();
      List<Server> list = new ArrayList<>();
      for (HostPort s : servers) {
        list.add(Server.of(s.host(), s.port(), s.weight()));
      }
      c.addServers(list);
      Placements.assertSame("libmemcached " + mode.vectorName + " vs " + mode.algorithm, servers.toString(),
          labels(servers), keys, expected, Placements.continuum(c, keys));
    }
  }

  /** Ring-point strings ("host-0", "host:port-7", "/host:port-3"): keys hashing exactly onto points. */
  private static List<String> pointStrings(List<HostPort> servers) {
    List<String> out = new ArrayList<>();
    for (HostPort s : servers) {
      String name = s.port() == 11211 ? s.host() : s.hostPort();
      out.add(name + "-0");
      out.add(name + "-17");
      out.add("/" + s.hostPort() + "-5");
    }
    return out;
  }

  private static List<String> labels(List<HostPort> servers) {
    List<String> out = new ArrayList<>();
    for (HostPort s : servers) {
      out.add(s.toString());
    }
    return out;
  }
}
