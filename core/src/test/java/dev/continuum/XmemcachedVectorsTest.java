package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every row of the xmemcached 2.4.8 vectors (KetamaMemcachedSessionLocator, both modes). */
class XmemcachedVectorsTest {
  static Server server(Vectors.Row s) {
    Server server = Server.of(s.get("host"), s.getInt("port"), s.getInt("weight"));
    return "resolved".equals(s.get("kind")) ? server.withAddress(s.get("ip")) : server;
  }

  static Continuum build(List<Vectors.Row> nodes) {
    boolean nginx = "nginx".equals(nodes.get(0).get("mode"));
    Continuum c = Continuum.builder(nginx ? Algorithm.XMEMCACHED_NGINX : Algorithm.XMEMCACHED)
        .allowDuplicateServers(true).build();
    List<Server> list = new ArrayList<>();
    for (Vectors.Row s : nodes) {
      Server server = server(s);
      assertThat(XmemcachedRing.sockStr("xmemcached", server, false)).as("sock_str of %s", s).isEqualTo(s.get("sock_str"));
      list.add(server);
    }
    c.addServers(list);
    return c;
  }

  @Test
  void everyVectorRowMatches() {
    assertThat(VectorCheck.run("xmemcached", XmemcachedVectorsTest::build, "server_idx", "key_hash",
        (row, c, key) -> Integer.toUnsignedLong(KeyHash.MD5.hash(key)))).isGreaterThan(4000);
  }

  @Test
  void ringNamesOfBothModes() {
    Server literal = Server.of("10.0.0.1", 11211);
    Server named = Server.of("mc1.example.com", 11212).withAddress("10.0.0.2");
    assertThat(XmemcachedRing.sockStr("x", literal, false)).isEqualTo("10.0.0.1/10.0.0.1:11211");
    assertThat(XmemcachedRing.sockStr("x", named, false)).isEqualTo("mc1.example.com/10.0.0.2:11212");
    assertThat(XmemcachedRing.sockStr("x", literal, true)).isEqualTo("10.0.0.1");
    assertThat(XmemcachedRing.sockStr("x", named, true)).isEqualTo("10.0.0.2:11212");
  }

  @Test
  void aHostNameWithoutItsAddressIsRefusedByName() {
    Continuum c = new Continuum(Algorithm.XMEMCACHED);
    assertThatThrownBy(() -> c.addServer(Server.of("mc1.example.com", 11211)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mc1.example.com:11211")
        .hasMessageContaining("resolved address");
    assertThat(c.servers()).isEmpty();
  }

  @Test
  void weightZeroIsRefusedAsXmemcachedDoes() {
    Continuum c = new Continuum(Algorithm.XMEMCACHED_NGINX);
    assertThatThrownBy(() -> c.addServer(Server.of("10.0.0.1", 11211, 0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity 0");
  }
}
