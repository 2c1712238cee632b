package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every row of the Apache Dubbo 3.3.5 ConsistentHashLoadBalance vectors. */
class DubboVectorsTest {
  static Continuum build(List<Vectors.Row> invokers) {
    Continuum c = Continuum.builder(Algorithm.DUBBO).pointsPerWeight(invokers.get(0).getInt("hash_nodes"))
        .allowDuplicateServers(true).build();
    List<Server> list = new ArrayList<>();
    for (Vectors.Row s : invokers) {
      Server server = Server.of(s.get("host"), s.getInt("port"));
      assertThat(DubboRing.address(server)).as("address of %s", s).isEqualTo(s.get("address"));
      list.add(server);
    }
    c.addServers(list);
    return c;
  }

  @Test
  void everyVectorRowMatches() {
    assertThat(VectorCheck.run("dubbo", DubboVectorsTest::build, "server_idx", "key_hash",
        (row, c, key) -> Integer.toUnsignedLong(KeyHash.MD5.hash(key)))).isGreaterThan(3000);
  }

  @Test
  void fewerThanFourHashNodesIsRefusedAtBuild() {
    assertThatThrownBy(() -> Continuum.builder(Algorithm.DUBBO).pointsPerWeight(3).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 4");
  }

  @Test
  void weightsAreIgnored() {
    Continuum plain = Continuum.builder(Algorithm.DUBBO).build();
    Continuum weighted = Continuum.builder(Algorithm.DUBBO).build();
    plain.addServers(Server.of("10.0.0.1", 20880), Server.of("10.0.0.2", 20880));
    weighted.addServers(Server.of("10.0.0.1", 20880, 5), Server.of("10.0.0.2", 20880, 1));
    for (int i = 0; i < 1000; i++) {
      assertThat(weighted.resolve("arg" + i).host()).isEqualTo(plain.resolve("arg" + i).host());
    }
  }
}
