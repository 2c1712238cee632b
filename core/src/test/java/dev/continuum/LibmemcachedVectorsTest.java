package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every row of the libmemcached 1.1.4 vectors, and the spec's worked examples L01-L35. */
class LibmemcachedVectorsTest {
  /** The dialect of each mode of the vectors' README. */
  static Algorithm dialect(String mode) {
    switch (mode) {
      case "ketama_weighted":
      case "ketama_weighted_sf":
        return Algorithm.LIBMEMCACHED_KETAMA_WEIGHTED;
      case "ketama":
      case "ketama_kh_md5": // KETAMA_HASH has no effect in 1.1.4
        return Algorithm.LIBMEMCACHED_KETAMA;
      case "ketama_sf":
        return Algorithm.LIBMEMCACHED_KETAMA_UNWEIGHTED;
      case "ketama_md5":
        return Algorithm.LIBMEMCACHED_KETAMA_MD5;
      case "spy":
        return Algorithm.LIBMEMCACHED_SPY;
      case "spy_md5":
        return Algorithm.LIBMEMCACHED_SPY_MD5;
      case "spy_weighted":
        return Algorithm.LIBMEMCACHED_SPY_WEIGHTED;
      default:
        throw new IllegalArgumentException("unknown mode " + mode);
    }
  }

  static Continuum build(List<Vectors.Row> servers) {
    Continuum c = Continuum.builder(dialect(servers.get(0).get("mode"))).allowDuplicateServers(true).build();
    List<Server> list = new ArrayList<>();
    for (Vectors.Row s : servers) {
      int port = s.getInt("port");
      // Server cannot hold port 0; libmemcached stores it as 11211.
      list.add(Server.of(s.get("host"), port == 0 ? 11211 : port, s.getInt("weight")));
    }
    c.addServers(list);
    return c;
  }

  static Continuum ring(Algorithm a, String... specs) {
    Continuum c = new Continuum(a);
    for (String s : specs) {
      c.addServer(Server.parse(s));
    }
    return c;
  }

  @Test
  void everyVectorRowMatches() {
    int checked = VectorCheck.run("libmemcached", LibmemcachedVectorsTest::build, "server_idx", "key_hash",
        (row, c, key) -> Integer.toUnsignedLong(
            (c.algorithm() == Algorithm.LIBMEMCACHED_KETAMA || c.algorithm() == Algorithm.LIBMEMCACHED_KETAMA_UNWEIGHTED
                || c.algorithm() == Algorithm.LIBMEMCACHED_SPY ? KeyHash.ONE_AT_A_TIME : KeyHash.MD5).hash(key)));
    assertThat(checked).isGreaterThan(10_000);
  }

  @Test
  void oneAtATimePublishedValues() {
    assertThat(KeyHash.ONE_AT_A_TIME.hash("foo")).isEqualTo(596015325);
    assertThat(Integer.toUnsignedLong(KeyHash.ONE_AT_A_TIME.hash("café"))).isEqualTo(3650908318L);
    assertThat(KeyHash.ONE_AT_A_TIME.hash("")).isZero();
    assertThat(KeyHash.ONE_AT_A_TIME.hash("café".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isEqualTo(KeyHash.ONE_AT_A_TIME.hash("café"));
  }

  @Test
  void l01KetamaWeightedFoo() {
    Continuum c = ring(Algorithm.LIBMEMCACHED_KETAMA_WEIGHTED, "10.0.74.94:11211", "192.168.0.37:11211", "192.168.0.8:11211");
    assertThat(Integer.toUnsignedLong(KeyHash.MD5.hash("foo"))).isEqualTo(3675831724L);
    assertThat(c.resolve("foo").host()).isEqualTo("192.168.0.37");
  }

  @Test
  void l02KeyEqualToAPointGoesToThatPoint() {
    Continuum c = ring(Algorithm.LIBMEMCACHED_KETAMA_WEIGHTED, "cache-c-97.example.com:43664:1", "mc7336:21026:5",
        "node-c-22.svc.local:11211:5");
    assertThat(KetamaRing.weightedPointCount(1, 11, 3)).isEqualTo(40);
    assertThat(KetamaRing.weightedPointCount(5, 11, 3)).isEqualTo(216);
    assertThat(c.resolve("cache-c-97.example.com:43664-0").host()).isEqualTo("cache-c-97.example.com");
  }

  @Test
  void l13OneAtATimeUnweightedCafe() {
    Continuum c = ring(Algorithm.LIBMEMCACHED_KETAMA, "10.0.158.148:11211", "10.0.211.164:11211", "192.168.10.217:11211");
    assertThat(Integer.toUnsignedLong(KeyHash.ONE_AT_A_TIME.hash("café"))).isEqualTo(3650908318L);
    assertThat(c.resolve("café").host()).isEqualTo("192.168.10.217");
  }

  @Test
  void l17WeightAboveOneSwitchesToTheWeightedRingButKeepsOneAtATime() {
    String[] servers = {"10.1.130.78:21201:1", "10.1.22.111:11211:1", "10.0.106.101:1:1", "192.168.0.145:11211:4",
        "10.1.190.74:8080:3"};
    assertThat(ring(Algorithm.LIBMEMCACHED_KETAMA, servers).resolve("foo").host()).isEqualTo("10.1.190.74");
    // Set after the servers (ketama_sf): always unweighted, so a different ring.
    assertThat(ring(Algorithm.LIBMEMCACHED_KETAMA_UNWEIGHTED, servers).algorithm().supportsWeights()).isFalse();
  }

  @Test
  void l34L35FirstListedServerWinsATie() {
    Continuum a = ring(Algorithm.LIBMEMCACHED_KETAMA_WEIGHTED, "tie249.example.com:11211", "tie422.example.com:11211",
        "tiefill.example.com:11211");
    Continuum b = ring(Algorithm.LIBMEMCACHED_KETAMA_WEIGHTED, "tie422.example.com:11211", "tie249.example.com:11211",
        "tiefill.example.com:11211");
    assertThat(Integer.toUnsignedLong(KeyHash.MD5.hash("tiep0-475903072-3088"))).isEqualTo(1805655632L);
    assertThat(a.resolve("tiep0-475903072-3088").host()).isEqualTo("tie249.example.com");
    assertThat(b.resolve("tiep0-475903072-3088").host()).isEqualTo("tie422.example.com");
  }

  @Test
  void fiftyEqualServersGet156PointsInFloat32() {
    assertThat(KetamaRing.weightedPointCount(1, 50, 50)).isEqualTo(156);
    assertThat(KetamaRing.weightedPointCount(1, 49, 49)).isEqualTo(160);
  }

  @Test
  void singleServerSkipsTheHash() {
    Continuum c = ring(Algorithm.LIBMEMCACHED_KETAMA_WEIGHTED, "10.0.0.1:11211:0");
    assertThat(c.resolve("anything").host()).isEqualTo("10.0.0.1");
    assertThat(c.resolve("anything", 1)).hasSize(1);
  }

  @Test
  void moreThanOneHundredServersAreRejectedNamingTheLimit() {
    Continuum c = new Continuum(Algorithm.LIBMEMCACHED_KETAMA_WEIGHTED);
    List<Server> list = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      list.add(Server.of("10.0.0." + i, 11211));
    }
    assertThatThrownBy(() -> c.addServers(list)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("101 servers").hasMessageContaining("limit is 100");
    assertThat(c.size()).isZero();
    c.addServers(list.subList(0, 100));
    assertThat(c.size()).isEqualTo(100);
  }

  @Test
  void duplicatesAreRejectedUnlessAllowed() {
    Continuum strict = new Continuum(Algorithm.LIBMEMCACHED_KETAMA_WEIGHTED);
    strict.addServer("10.0.0.1", 11211);
    assertThatThrownBy(() -> strict.addServer("10.0.0.1", 11211)).hasMessageContaining("already added");
    assertThatThrownBy(() -> Continuum.builder(Algorithm.TWEMPROXY).allowDuplicateServers(true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowDuplicateServers");
  }

  @Test
  void l31FirstCopyOfADuplicateOwnsEverySharedPointAndRemovalPicksTheInstance() {
    Continuum c = Continuum.builder(Algorithm.LIBMEMCACHED_KETAMA_WEIGHTED).allowDuplicateServers(true).build();
    Server first = c.addServer(Server.of("10.1.78.225", 11211));
    Server other = c.addServer(Server.of("192.168.10.74", 22122));
    Server second = c.addServer(Server.of("10.1.78.225", 11211));
    for (int i = 0; i < 2000; i++) {
      assertThat(c.resolve("k" + i)).isNotSameAs(second);
    }
    c.removeServer(first); // that instance, not merely the first equal one
    assertThat(c.servers()).containsExactly(other, second);
    assertThat(c.servers().get(1)).isSameAs(second);
    c.removeServer(Server.of("10.1.78.225", 11211)); // an equal stranger: the first equal one
    assertThat(c.servers()).containsExactly(other);
  }
}
