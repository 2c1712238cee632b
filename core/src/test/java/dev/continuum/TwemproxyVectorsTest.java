package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every row of the twemproxy 0.5.0 vectors (observed through nutcracker), and the worked examples. */
class TwemproxyVectorsTest {
  static Continuum build(List<Vectors.Row> servers) {
    String hash = servers.get(0).get("hash");
    Continuum c = new Continuum("md5".equals(hash) ? Algorithm.TWEMPROXY_MD5 : Algorithm.TWEMPROXY);
    List<Server> list = new ArrayList<>();
    for (Vectors.Row s : servers) {
      Server server = Server.of(s.get("host"), s.getInt("port"), s.getInt("weight"));
      list.add("-".equals(s.get("name")) ? server : server.withName(s.get("name")));
    }
    c.addServers(list);
    return c;
  }

  static Continuum pool(Algorithm a, String... specs) {
    Continuum c = new Continuum(a);
    for (String s : specs) {
      String[] parts = s.split(" ");
      Server server = Server.parse(parts[0]);
      c.addServer(parts.length > 1 ? server.withName(parts[1]) : server);
    }
    return c;
  }

  @Test
  void everyVectorRowMatches() {
    assertThat(VectorCheck.run("twemproxy", TwemproxyVectorsTest::build, "server_idx", null, null)).isGreaterThan(9000);
  }

  @Test
  void fnv1a64AsTwemproxyComputesIt() {
    assertThat(KeyHash.TWEMPROXY_FNV1A_64.hash("a")).isEqualTo(0x8601ec8c);
    assertThat(Integer.toUnsignedLong(KeyHash.TWEMPROXY_FNV1A_64.hash("foo"))).isEqualTo(4275688823L);
    assertThat(Integer.toUnsignedLong(KeyHash.TWEMPROXY_FNV1A_64.hash("café"))).isEqualTo(3472276361L);
  }

  @Test
  void t01UnnamedServersOnOtherPorts() {
    Continuum c = pool(Algorithm.TWEMPROXY_MD5, "127.0.0.1:22000:1", "127.0.0.1:22001:1", "127.0.0.1:22002:1");
    assertThat(c.resolve("foo").port()).isEqualTo(22002);
  }

  @Test
  void t02PortElevenTwoElevenIsDroppedFromTheName() {
    Continuum c = pool(Algorithm.TWEMPROXY_MD5, "127.0.0.2:11211:4", "127.0.0.3:11211:3", "127.0.0.4:11211:4",
        "127.0.0.5:11211:5", "127.0.0.6:11211:5");
    assertThat(KetamaRing.weightedPointCount(3, 21, 5)).isEqualTo(112);
    assertThat(c.resolve("127.0.0.4-0").host()).isEqualTo("127.0.0.4");
  }

  @Test
  void t11DefaultFnvHash() {
    Continuum c = pool(Algorithm.TWEMPROXY, "127.0.0.1:22000:1", "127.0.0.1:22001:1", "127.0.0.1:22002:1");
    assertThat(c.resolve("café").port()).isEqualTo(22002);
  }

  @Test
  void t16T17ShorterThenSmallerNameWinsATieWhateverTheOrder() {
    Continuum t17 = pool(Algorithm.TWEMPROXY_MD5, "127.0.0.1:22000:1 tie422.example.com",
        "127.0.0.1:22001:1 tie249.example.com", "127.0.0.1:22002:1 tiefill.example.com");
    Continuum t16 = pool(Algorithm.TWEMPROXY_MD5, "127.0.0.1:22000:1 tie249.example.com",
        "127.0.0.1:22001:1 tie422.example.com", "127.0.0.1:22002:1 tiefill.example.com");
    assertThat(t17.resolve("tiep0-475903072-3088").name()).isEqualTo("tie249.example.com");
    assertThat(t16.resolve("tiep0-475903072-3088").name()).isEqualTo("tie249.example.com");
  }

  @Test
  void weightZeroIsRejectedAsTwemproxyDoes() {
    Continuum c = new Continuum(Algorithm.TWEMPROXY);
    assertThatThrownBy(() -> c.addServer("10.0.0.1", 11211, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("capacity 0");
    assertThat(c.size()).isZero();
  }
}
