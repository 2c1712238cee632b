package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every row of the python-continuum 0.1.1 vectors, produced by running the real library. */
class PythonContinuumVectorsTest {
  static Continuum build(List<Vectors.Row> servers) {
    Continuum c = new Continuum(servers.get(0).getInt("totaldots"));
    List<Server> list = new ArrayList<>();
    for (Vectors.Row s : servers) {
      list.add(Server.of(s.get("hostname"), s.getInt("port"), s.getInt("capacity")));
    }
    c.addServers(list);
    return c;
  }

  @Test
  void everyVectorRowMatches() {
    assertThat(VectorCheck.run("continuum", PythonContinuumVectorsTest::build, "server_idx", "key_hash",
        (row, c, key) -> Integer.toUnsignedLong(KeyHash.MD5.hash(key)))).isGreaterThan(6000);
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
