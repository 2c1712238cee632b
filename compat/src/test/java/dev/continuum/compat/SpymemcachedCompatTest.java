package dev.continuum.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import dev.continuum.Server;
import dev.continuum.Vectors;
import dev.continuum.compat.RandomInputs.KeyRule;
import dev.continuum.compat.RandomInputs.WeightRule;
import dev.continuum.compat.SpymemcachedOracle.Kind;
import dev.continuum.compat.SpymemcachedOracle.Node;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.spy.memcached.KetamaNodeKeyFormatter.Format;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** continuum's spymemcached dialects against the real spymemcached 2.12.3 KetamaNodeLocator. */
class SpymemcachedCompatTest {
  private static final int CONFIGS = 6;
  private static final int KEYS = 2000;

  /** The harness itself: the real locator over stand-in nodes reproduces every vector row and node key. */
  @Test
  void theOracleReproducesTheVectors() {
    Map<String, List<Vectors.Row>> configs = Vectors.byConfig(Vectors.read("spymemcached.configs.tsv"));
    Map<String, List<Vectors.Row>> rows = Vectors.byConfig(Vectors.read("spymemcached.tsv"));
    for (Map.Entry<String, List<Vectors.Row>> config : configs.entrySet()) {
      Vectors.Row first = config.getValue().get(0);
      Format format = Format.valueOf(first.get("format"));
      boolean weighted = first.get("weighted").equals("yes");
      List<Node> nodes = new ArrayList<>();
      for (Vectors.Row s : config.getValue()) {
        Kind kind = Kind.valueOf(s.get("kind").toUpperCase(java.util.Locale.ROOT));
        Node n = kind == Kind.IP
            ? new Node(kind, s.get("ip"), null, s.getInt("port"), s.getInt("weight"))
            : new Node(kind, s.get("host"), kind == Kind.RESOLVED ? s.get("ip") : null, s.getInt("port"), s.getInt("weight"));
        assertThat(SpymemcachedOracle.nodeKey(format, n)).as("%s node key of %s", config.getKey(), n)
            .isEqualTo(s.get("node_key"));
        nodes.add(n);
      }
      List<String> keys = new ArrayList<>();
      int[] expected = new int[rows.get(config.getKey()).size()];
      for (Vectors.Row row : rows.get(config.getKey())) {
        expected[keys.size()] = row.getInt("server_idx");
        keys.add(row.key());
      }
      Placements.assertSame("spymemcached oracle vs vectors " + config.getKey(), nodes.toString(), labels(nodes),
          RandomInputs.utf8(keys), expected, SpymemcachedOracle.place(format, weighted, nodes, keys));
    }
  }

  /**
   * continuum's dialect against the real locator on random node lists (IP literals, resolved and
   * unresolved names); the last list of each variant holds three duplicated nodes.
   */
  @ParameterizedTest
  @CsvSource({
      "SPYMEMCACHED, false, SPYMEMCACHED",
      "SPYMEMCACHED, true, SPYMEMCACHED_WEIGHTED",
      "LIBMEMCACHED, false, SPYMEMCACHED_LIBMEMCACHED",
      "LIBMEMCACHED, true, SPYMEMCACHED_LIBMEMCACHED_WEIGHTED"})
  void continuumPlacesKeysAsSpymemcachedDoes(Format format, boolean weighted, Algorithm algorithm) {
    Random r = CompatSeed.random("spymemcached-" + algorithm);
    for (int config = 0; config < CONFIGS; config++) {
      int n = RandomInputs.count(r, 200);
      List<Node> nodes = nodes(r, n, config == 0 ? WeightRule.EQUAL : WeightRule.MIN_ONE);
      boolean duplicates = config == CONFIGS - 1;
      if (duplicates) {
        nodes = RandomInputs.withDuplicates(r, nodes, 3);
      }
      List<String> hints = new ArrayList<>();
      for (Node node : nodes) {
        hints.add(SpymemcachedOracle.nodeKey(format, node) + "-0");
      }
      List<String> keys = RandomInputs.keys(r, KEYS, KeyRule.ANY, hints);
      int[] expected = SpymemcachedOracle.place(format, weighted, nodes, keys);
      Continuum c = Continuum.builder(algorithm).allowDuplicateServers(duplicates).build();
      List<Server> servers = new ArrayList<>();
      for (Node node : nodes) {
        Server s = Server.of(node.host(), node.port(), node.weight());
        servers.add(node.kind() == Kind.RESOLVED ? s.withAddress(node.ip()) : s);
      }
      c.addServers(servers);
      List<byte[]> bytes = RandomInputs.utf8(keys);
      Placements.assertSame("spymemcached " + format + (weighted ? " weighted" : "") + " vs " + algorithm,
          nodes.toString(), labels(nodes), bytes, expected, Placements.continuum(c, bytes));
    }
  }

  /** Distinct hosts: IP literals (half), names resolved to an IP, and a few unresolved names. */
  private static List<Node> nodes(Random r, int n, WeightRule weights) {
    Set<String> hosts = new LinkedHashSet<>();
    Set<String> ips = new LinkedHashSet<>();
    List<Node> out = new ArrayList<>();
    var draw = weights.start(r);
    while (out.size() < n) {
      int port = RandomInputs.port(r);
      int pick = r.nextInt(10);
      if (pick < 5) {
        String ip = RandomInputs.ipv4(r);
        if (hosts.add(ip) && ips.add(ip)) {
          out.add(new Node(Kind.IP, ip, null, port, draw.next()));
        }
      } else {
        String host = RandomInputs.hostName(r);
        String ip = RandomInputs.ipv4(r);
        if (hosts.add(host) && ips.add(ip)) {
          out.add(pick < 9
              ? new Node(Kind.RESOLVED, host, ip, port, draw.next())
              : new Node(Kind.UNRESOLVED, host, null, port, draw.next()));
        }
      }
    }
    return out;
  }

  private static List<String> labels(List<Node> nodes) {
    List<String> out = new ArrayList<>();
    for (Node n : nodes) {
      out.add(n.toString());
    }
    return out;
  }
}
