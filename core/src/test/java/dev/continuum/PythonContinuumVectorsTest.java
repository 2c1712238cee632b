package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every row of the python-continuum 0.1.1 vectors, produced by running the real library. */
class PythonContinuumVectorsTest {
  @Test
  void everyVectorRowMatches() {
    Map<String, List<Vectors.Row>> configs = Vectors.byConfig(Vectors.read("continuum.configs.tsv"));
    List<Vectors.Row> rows = Vectors.read("continuum.tsv");
    assertThat(rows).hasSizeGreaterThan(6000);
    List<String> mismatches = new ArrayList<>();
    String current = null;
    Continuum c = null;
    for (Vectors.Row row : rows) {
      String id = row.get("config_id");
      if (!id.equals(current)) {
        current = id;
        List<Vectors.Row> servers = configs.get(id);
        c = new Continuum(servers.get(0).getInt("totaldots"));
        List<Server> list = new ArrayList<>();
        for (Vectors.Row s : servers) {
          list.add(Server.of(s.get("hostname"), s.getInt("port"), s.getInt("capacity")));
        }
        c.addServers(list);
      }
      byte[] key = row.keyBytes();
      assertThat(Integer.toUnsignedLong(KeyHash.MD5.hash(key))).as("key hash, %s", row).isEqualTo(row.getLong("key_hash"));
      Server expected = c.servers().get(row.getInt("server_idx"));
      Server viaBytes = c.resolve(key);
      Server viaString = c.resolve(new String(key, StandardCharsets.UTF_8));
      if (!viaBytes.equals(expected) || !viaString.equals(expected)) {
        mismatches.add(row + " got " + viaBytes + " / " + viaString);
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void configurationsBuiltWithAddAndRemoveMatch() {
    // C17-style rows: servers added in between and removed again must leave the order of the rest.
    Continuum c = new Continuum();
    c.addServer("10.0.0.1", 11211);
    Server gone = c.addServer("10.0.0.2", 11211);
    c.addServer("10.0.0.3", 11211);
    c.removeServer(gone);
    assertThat(c.servers()).extracting(Server::host).containsExactly("10.0.0.1", "10.0.0.3");
  }
}
