package dev.continuum.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import dev.continuum.Server;
import dev.continuum.Vectors;
import dev.continuum.compat.RandomInputs.HostPort;
import dev.continuum.compat.RandomInputs.KeyRule;
import dev.continuum.compat.RandomInputs.WeightRule;
import dev.continuum.compat.SpymemcachedOracle.Kind;
import dev.continuum.testkit.Memcached;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.XMemcachedClientBuilder;
import net.rubyeye.xmemcached.impl.KetamaMemcachedSessionLocator;
import net.spy.memcached.KetamaNodeKeyFormatter.Format;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * continuum's {@code xmemcached} and {@code xmemcached-nginx} dialects against the real xmemcached
 * 2.4.8: its {@code KetamaMemcachedSessionLocator} over stand-in sessions on random server lists, and a
 * connected {@code XMemcachedClient} storing keys into memcached servers on loopback, read back from
 * each server. Also measures how far xmemcached's default mode is from spymemcached's.
 */
class XmemcachedCompatTest {
  private static final int CONFIGS = 6;
  private static final int KEYS = 2000;

  /** The harness itself: the real locator reproduces every vector row and ring name. */
  @Test
  void theOracleReproducesTheVectors() {
    Map<String, List<Vectors.Row>> configs = Vectors.byConfig(Vectors.read("xmemcached.configs.tsv"));
    Map<String, List<Vectors.Row>> rows = Vectors.byConfig(Vectors.read("xmemcached.tsv"));
    for (Map.Entry<String, List<Vectors.Row>> config : configs.entrySet()) {
      List<XmemcachedOracle.Node> nodes = new ArrayList<>();
      for (Vectors.Row s : config.getValue()) {
        XmemcachedOracle.Node n = new XmemcachedOracle.Node(s.get("host"),
            "resolved".equals(s.get("kind")) ? s.get("ip") : null, s.getInt("port"), s.getInt("weight"));
        assertThat(XmemcachedOracle.sockStr(n)).as("sock_str of %s", n).isEqualTo(s.get("sock_str"));
        nodes.add(n);
      }
      List<String> keys = new ArrayList<>();
      int[] expected = new int[rows.get(config.getKey()).size()];
      for (Vectors.Row row : rows.get(config.getKey())) {
        expected[keys.size()] = row.getInt("server_idx");
        keys.add(row.key());
      }
      boolean nginx = "nginx".equals(config.getValue().get(0).get("mode"));
      Placements.assertSame("xmemcached oracle vs vectors " + config.getKey(), nodes.toString(), labels(nodes),
          RandomInputs.utf8(keys), expected, XmemcachedOracle.place(nginx, nodes, keys));
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void continuumPlacesKeysAsXmemcachedDoes(boolean nginx) {
    Random r = CompatSeed.random("xmemcached-" + nginx);
    for (int config = 0; config < CONFIGS; config++) {
      // Wide weights (up to 1000) on short lists only: the real locator keeps a list object per point.
      List<XmemcachedOracle.Node> nodes = config == 1 ? nodes(r, RandomInputs.count(r, 20), WeightRule.MIN_ONE)
          : nodes(r, RandomInputs.count(r, 200), config == 0 ? WeightRule.EQUAL : WeightRule.SMALL);
      if (config == CONFIGS - 1) {
        nodes = RandomInputs.withDuplicates(r, nodes, 3);
      }
      List<String> hints = new ArrayList<>();
      for (XmemcachedOracle.Node n : nodes) {
        hints.add(XmemcachedOracle.sockStr(n) + "-0");
        hints.add((n.ip() == null ? n.host() : n.ip()) + (n.port() == 11211 ? "" : ":" + n.port()) + "-0");
      }
      List<String> keys = RandomInputs.keys(r, KEYS, KeyRule.ANY, hints);
      keys.remove(""); // xmemcached refuses the empty key
      List<byte[]> bytes = RandomInputs.utf8(keys);
      Placements.assertSame("xmemcached 2.4.8 " + (nginx ? "cwNginxUpstreamConsistent" : "default") + " vs continuum",
          nodes.toString(), labels(nodes), bytes, XmemcachedOracle.place(nginx, nodes, keys),
          Placements.continuum(continuum(nginx, nodes), bytes));
    }
  }

  /**
   * Where xmemcached's default mode and spymemcached's part, measured with both real libraries over
   * the same lists (weight 1). IP literals: xmemcached names a node {@code ip/ip:port} where
   * spymemcached says {@code ip:port}, so every point moves and only about what chance gives is placed
   * alike. Host names with a resolved address: both say {@code host/ip:port}, so at weight 1 the two
   * rings are the same and every key is placed alike (ties aside: there xmemcached orders by name,
   * spymemcached lets the later node win, and 2,000 random keys practically never land on a tied
   * point). So the dialect is its own (literals, weights, ties), and where it is not, the test says so.
   */
  @Test
  void theDefaultModeIsSpymemcachedOnlyForNamedServersOfWeightOne() {
    Random r = CompatSeed.random("xmemcached-vs-spymemcached");
    for (boolean literals : new boolean[] {true, false}) {
      for (int n : new int[] {2, 5, 20}) {
        List<XmemcachedOracle.Node> nodes = new ArrayList<>();
        List<SpymemcachedOracle.Node> spy = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          int port = RandomInputs.port(r);
          String ip = RandomInputs.ipv4(r);
          if (literals) {
            nodes.add(new XmemcachedOracle.Node(ip, null, port, 1));
            spy.add(new SpymemcachedOracle.Node(Kind.IP, ip, null, port, 1));
          } else {
            String host = RandomInputs.hostName(r);
            nodes.add(new XmemcachedOracle.Node(host, ip, port, 1));
            spy.add(new SpymemcachedOracle.Node(Kind.RESOLVED, host, ip, port, 1));
          }
        }
        List<String> keys = RandomInputs.keys(r, KEYS, KeyRule.PROTOCOL, List.of());
        int[] a = XmemcachedOracle.place(false, nodes, keys);
        int[] b = SpymemcachedOracle.place(Format.SPYMEMCACHED, false, spy, keys);
        int same = 0;
        for (int i = 0; i < a.length; i++) {
          same += a[i] == b[i] ? 1 : 0;
        }
        double share = same / (double) a.length;
        System.out.printf("[compat] xmemcached default vs spymemcached, %d servers given by %s: %.1f%% of %d keys placed"
            + " alike%n", n, literals ? "IP literal" : "name and address", 100 * share, a.length);
        if (literals) {
          assertThat(share).as(CompatSeed.replay() + "share placed alike on %d IP literals %s", n, nodes).isLessThan(0.9);
        } else {
          assertThat(share).as(CompatSeed.replay() + "share placed alike on %d named servers %s", n, nodes)
              .isGreaterThanOrEqualTo(0.999);
        }
      }
    }
  }

  /**
   * A connected {@code XMemcachedClient} (default locator, or cwNginxUpstreamConsistent) stores keys
   * into memcached servers on 127.0.0.1; each server's keys, listed by the testkit, are exactly the
   * keys continuum places on it. The ring names come from the connected sockets here, so this also
   * checks the naming the stand-in sessions assume.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void keysStoredByXmemcachedAreWhereContinuumPlacesThem(boolean nginx) throws Exception {
    Random r = CompatSeed.random("xmemcached-live-" + nginx);
    List<Memcached> servers = Memcached.startMany(2 + r.nextInt(4));
    try {
      List<InetSocketAddress> addresses = new ArrayList<>();
      int[] weights = new int[servers.size()];
      List<Server> expected = new ArrayList<>();
      // xmemcached asks each address for its host name: the reverse name of 127.0.0.1 on this machine.
      String hostName = new InetSocketAddress("127.0.0.1", 1).getHostName();
      for (int i = 0; i < servers.size(); i++) {
        addresses.add(new InetSocketAddress("127.0.0.1", servers.get(i).port()));
        weights[i] = 1 + r.nextInt(3);
        expected.add(Server.of(hostName, servers.get(i).port(), weights[i]).withAddress("127.0.0.1"));
      }
      XMemcachedClientBuilder builder = new XMemcachedClientBuilder(addresses, weights);
      builder.setSessionLocator(new KetamaMemcachedSessionLocator(nginx));
      List<String> keys = RandomInputs.keys(r, 1000, KeyRule.PROTOCOL, List.of());
      MemcachedClient client = builder.build();
      try {
        for (String k : keys) {
          assertThat(client.set(k, 0, "v")).as("set %s", k).isTrue();
        }
      } finally {
        client.shutdown();
      }
      Map<String, Integer> found = new HashMap<>();
      for (int i = 0; i < servers.size(); i++) {
        for (String k : servers.get(i).keys()) {
          assertThat(found.put(k, i)).as(CompatSeed.replay() + "key %s on two servers", k).isNull();
        }
      }
      assertThat(found).hasSize(keys.size());
      int[] stored = new int[keys.size()];
      for (int i = 0; i < stored.length; i++) {
        stored[i] = found.get(keys.get(i));
      }
      Continuum c = Continuum.builder(nginx ? Algorithm.XMEMCACHED_NGINX : Algorithm.XMEMCACHED).build();
      c.addServers(expected);
      List<byte[]> bytes = RandomInputs.utf8(keys);
      List<String> labels = new ArrayList<>();
      for (Server s : expected) {
        labels.add(s.toString());
      }
      Placements.assertSame("memcached servers written by XMemcachedClient vs " + c.algorithm(), expected.toString(),
          labels, bytes, stored, Placements.continuum(c, bytes));
    } finally {
      Memcached.closeAll(servers);
    }
  }

  /** Distinct servers: IP literals, names resolved to an IP, now and then an IPv6 literal. */
  private static List<XmemcachedOracle.Node> nodes(Random r, int n, WeightRule weights) {
    List<XmemcachedOracle.Node> out = new ArrayList<>();
    for (HostPort hp : RandomInputs.servers(r, n, weights)) {
      boolean literal = Character.isDigit(hp.host().charAt(0));
      if (literal && r.nextInt(20) == 0) {
        out.add(new XmemcachedOracle.Node("fd00:0:0:0:0:0:" + Integer.toHexString(r.nextInt(65536)) + ":" + (1 + out.size()),
            null, hp.port(), hp.weight()));
      } else {
        out.add(literal ? new XmemcachedOracle.Node(hp.host(), null, hp.port(), hp.weight())
            : new XmemcachedOracle.Node(hp.host(), RandomInputs.ipv4(r), hp.port(), hp.weight()));
      }
    }
    return out;
  }

  private static Continuum continuum(boolean nginx, List<XmemcachedOracle.Node> nodes) {
    Continuum c = Continuum.builder(nginx ? Algorithm.XMEMCACHED_NGINX : Algorithm.XMEMCACHED).allowDuplicateServers(true).build();
    List<Server> servers = new ArrayList<>();
    for (XmemcachedOracle.Node n : nodes) {
      Server s = Server.of(n.host(), n.port(), n.weight());
      servers.add(n.ip() == null ? s : s.withAddress(n.ip()));
    }
    c.addServers(servers);
    return c;
  }

  private static List<String> labels(List<XmemcachedOracle.Node> nodes) {
    List<String> out = new ArrayList<>();
    for (XmemcachedOracle.Node n : nodes) {
      out.add(n.toString());
    }
    return out;
  }
}
