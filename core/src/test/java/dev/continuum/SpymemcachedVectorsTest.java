package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every row of the spymemcached 2.12.3 vectors (KetamaNodeLocator, KETAMA_HASH), and the worked examples. */
class SpymemcachedVectorsTest {
  static Algorithm dialect(String format, boolean weighted) {
    if ("SPYMEMCACHED".equals(format)) {
      return weighted ? Algorithm.SPYMEMCACHED_WEIGHTED : Algorithm.SPYMEMCACHED;
    }
    return weighted ? Algorithm.SPYMEMCACHED_LIBMEMCACHED_WEIGHTED : Algorithm.SPYMEMCACHED_LIBMEMCACHED;
  }

  /** The server of a row: an IP literal, or a host name with or without its resolved address. */
  static Server server(Vectors.Row s) {
    int port = s.getInt("port");
    int weight = s.getInt("weight");
    switch (s.get("kind")) {
      case "ip":
        return Server.of(s.get("ip"), port, weight);
      case "resolved":
        return Server.of(s.get("host"), port, weight).withAddress(s.get("ip"));
      default:
        return Server.of(s.get("host"), port, weight);
    }
  }

  static Continuum build(List<Vectors.Row> servers) {
    Vectors.Row first = servers.get(0);
    Continuum c = Continuum.builder(dialect(first.get("format"), "yes".equals(first.get("weighted"))))
        .allowDuplicateServers(true).build();
    List<Server> list = new ArrayList<>();
    for (Vectors.Row s : servers) {
      Server server = server(s);
      KetamaRing.NodeName names = "SPYMEMCACHED".equals(first.get("format"))
          ? KetamaRing.NodeName.SPYMEMCACHED : KetamaRing.NodeName.SPYMEMCACHED_LIBMEMCACHED;
      assertThat(names.of(server)).as("node key of %s", s).isEqualTo(s.get("node_key"));
      list.add(server);
    }
    c.addServers(list);
    return c;
  }

  @Test
  void everyVectorRowMatches() {
    assertThat(VectorCheck.run("spymemcached", SpymemcachedVectorsTest::build, "server_idx", "key_hash",
        (row, c, key) -> Integer.toUnsignedLong(KeyHash.MD5.hash(key)))).isGreaterThan(8000);
  }

  @Test
  void s01IpLiteralNodes() {
    Continuum c = new Continuum(Algorithm.SPYMEMCACHED);
    c.addServers(Server.of("192.168.10.158", 11211), Server.of("192.168.10.43", 11211), Server.of("10.0.212.81", 11211));
    assertThat(c.resolve("foo").host()).isEqualTo("192.168.10.158");
  }

  @Test
  void s06WeightedNodes() {
    Continuum c = new Continuum(Algorithm.SPYMEMCACHED_WEIGHTED);
    c.addServers(Server.of("10.0.140.161", 65535, 3), Server.of("192.168.0.96", 8080, 4),
        Server.of("10.0.170.136", 11211, 4));
    assertThat(c.resolve("my-first-key").port()).isEqualTo(65535);
  }

  @Test
  void nodeKeyFormats() {
    Server resolved = Server.of("memcache-145.example.com", 22122).withAddress("10.0.0.5");
    assertThat(KetamaRing.NodeName.SPYMEMCACHED.of(resolved)).isEqualTo("memcache-145.example.com/10.0.0.5:22122");
    assertThat(KetamaRing.NodeName.SPYMEMCACHED.of(Server.of("mc1", 11211))).isEqualTo("mc1/<unresolved>:11211");
    assertThat(KetamaRing.NodeName.SPYMEMCACHED_LIBMEMCACHED.of(resolved)).isEqualTo("memcache-145.example.com:22122");
    assertThat(KetamaRing.NodeName.SPYMEMCACHED_LIBMEMCACHED.of(Server.of("10.0.0.1", 11211))).isEqualTo("10.0.0.1");
  }

  @Test
  void s24S25LaterNodeWinsATie() {
    for (boolean swap : new boolean[] {false, true}) {
      Continuum c = new Continuum(Algorithm.SPYMEMCACHED_LIBMEMCACHED);
      String a = swap ? "tie422.example.com" : "tie249.example.com";
      String b = swap ? "tie249.example.com" : "tie422.example.com";
      c.addServers(Server.of(a, 11211).withAddress("10.0.0.1"), Server.of(b, 11211).withAddress("10.0.0.2"),
          Server.of("tiefill.example.com", 11211).withAddress("10.0.0.3"));
      assertThat(c.resolve("tiep0-475903072-3088").host()).isEqualTo(b);
    }
  }

  @Test
  void s22LaterCopyOfADuplicateOwnsEverySharedPoint() {
    Continuum c = Continuum.builder(Algorithm.SPYMEMCACHED).allowDuplicateServers(true).build();
    Server first = c.addServer(Server.of("192.168.0.238", 11211));
    c.addServers(Server.of("10.0.141.154", 11211), Server.of("10.0.208.48", 11211));
    Server last = c.addServer(Server.of("192.168.0.238", 11211));
    boolean lastSeen = false;
    for (int i = 0; i < 2000; i++) {
      Server s = c.resolve("k" + i);
      assertThat(s).isNotSameAs(first);
      lastSeen |= s == last;
    }
    assertThat(lastSeen).isTrue();
  }
}
