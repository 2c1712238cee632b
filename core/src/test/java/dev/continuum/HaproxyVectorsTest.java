package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every row of the HAProxy 2.6.12 vectors (observed through the Debian build), and its edge cases. */
class HaproxyVectorsTest {
  static Algorithm algorithm(String function) {
    return Algorithm.byName("haproxy-" + function);
  }

  /** The backend of one configuration: servers in line order, ids only where the line wrote one. */
  static Continuum build(List<Vectors.Row> lines) {
    Vectors.Row first = lines.get(0);
    Continuum c = Continuum.builder(algorithm(first.get("fn")))
        .avalanche("avalanche".equals(first.get("modifier"))).build();
    List<Server> servers = new ArrayList<>();
    for (Vectors.Row line : lines) {
      Server s = Server.parse(line.get("addr")).withCapacity(line.getInt("weight")).withName(line.get("name"));
      servers.add(line.get("id_explicit").equals("yes") ? s.withId(line.getInt("puid")) : s);
    }
    c.addServers(servers);
    return c;
  }

  static KeyHash keyHash(Vectors.Row config) {
    KeyHash h = switch (config.get("fn")) {
      case "sdbm" -> KeyHash.SDBM;
      case "djb2" -> KeyHash.DJB2;
      case "wt6" -> KeyHash.WT6;
      case "crc32" -> KeyHash.CRC32;
      default -> throw new IllegalArgumentException(config.toString());
    };
    return "avalanche".equals(config.get("modifier")) ? h.avalanched() : h;
  }

  @Test
  void everyVectorRowMatches() {
    Map<String, List<Vectors.Row>> configs = Vectors.byConfig(Vectors.read("haproxy.configs.tsv"));
    int rows = VectorCheck.runHexHash("haproxy", HaproxyVectorsTest::build, "server_idx", "key_hash",
        (row, c, key) -> Integer.toUnsignedLong(keyHash(configs.get(row.get("config_id")).get(0)).hash(key)));
    assertThat(rows).isEqualTo(6945 - 24 - 1);
  }

  @Test
  void assignedIdsAreTheOnesHaproxyUsed() {
    for (List<Vectors.Row> lines : Vectors.byConfig(Vectors.read("haproxy.configs.tsv")).values()) {
      Server[] servers = build(lines).servers().toArray(new Server[0]);
      int[] ids = HaproxyTree.ids("test", servers);
      for (int i = 0; i < lines.size(); i++) {
        assertThat(ids[i]).as(lines.get(i).toString()).isEqualTo(lines.get(i).getInt("puid"));
      }
    }
  }

  @Test
  void hashFunctionsAgreeWithPublishedValues() {
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertThat(KeyHash.CRC32.hash(check)).isEqualTo(0xCBF43926);
    // djb2("a") = 5381 * 33 + 97; sdbm("a") = 97; sdbm("ab") = 98 + 97 * 65599.
    assertThat(KeyHash.DJB2.hash("a".getBytes(StandardCharsets.US_ASCII))).isEqualTo(5381 * 33 + 97);
    assertThat(KeyHash.SDBM.hash("ab".getBytes(StandardCharsets.US_ASCII))).isEqualTo(98 + 97 * 65599);
    // Bytes above 0x7f are unsigned in all four.
    assertThat(KeyHash.SDBM.hash(new byte[] {(byte) 0xe9})).isEqualTo(0xe9);
    assertThat(KeyHash.DJB2.hash(new byte[] {(byte) 0xe9})).isEqualTo(5381 * 33 + 0xe9);
  }

  @Test
  void bareHashTypeConsistentIsSdbmWithAvalanche() {
    Continuum c = Continuum.builder(Algorithm.HAPROXY_SDBM).avalanche(true).build();
    assertThat(c.algorithm()).isEqualTo(Algorithm.HAPROXY_SDBM);
    assertThatThrownBy(() -> Continuum.builder(Algorithm.RING).avalanche(true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("avalanche does not apply");
  }

  @Test
  void weightsAboveHaproxysAndDuplicateIdsAreRejected() {
    Continuum c = new Continuum(Algorithm.HAPROXY_CRC32);
    assertThatThrownBy(() -> c.addServer("10.0.0.1", 80, 257)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0..256");
    assertThatThrownBy(() -> c.addServers(List.of(Server.of("10.0.0.1", 80).withId(7), Server.of("10.0.0.2", 80).withId(7))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same id 7");
    assertThat(c.size()).isZero();
  }

  @Test
  void weightZeroHoldsNoNodes() {
    Continuum c = new Continuum(Algorithm.HAPROXY_SDBM);
    c.addServers(List.of(Server.of("10.0.0.1", 80, 0), Server.of("10.0.0.2", 80, 1)));
    for (int i = 0; i < 200; i++) {
      assertThat(c.resolve("k" + i).host()).isEqualTo("10.0.0.2");
    }
  }
}
