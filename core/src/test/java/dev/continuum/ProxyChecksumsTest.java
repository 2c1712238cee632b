package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Pinned checksums of the nginx and HAProxy dialects (every HAProxy function, with and without
 * avalanche): any change of their output fails here, besides the vectors. The one place they are
 * pinned ({@link WeightsAndDeterminismTest#pinnedDialectChecksums} leaves {@link #PROXIES} to this
 * richer fleet). A deliberate change updates this table, the algorithm's placement version and
 * CHANGELOG.md together.
 */
class ProxyChecksumsTest {
  /** The dialects pinned here: their servers carry names (nginx) and ids (HAProxy) that count. */
  static final Set<Algorithm> PROXIES = EnumSet.of(Algorithm.NGINX_HASH_CONSISTENT, Algorithm.HAPROXY_SDBM,
      Algorithm.HAPROXY_DJB2, Algorithm.HAPROXY_WT6, Algorithm.HAPROXY_CRC32);

  /**
   * 100,000 lookups and 10,000 replica lists (n = 3) over 20 servers of capacities 1, 2, 3 cycling,
   * every third with a name (nginx's address as written) and every fifth with an explicit id (HAProxy).
   */
  static long checksum(Continuum c) {
    List<Server> servers = new ArrayList<>();
    for (Server s : Placements.servers(20, 42)) {
      int i = servers.size();
      Server t = s.withCapacity(1 + i % 3);
      t = i % 3 == 0 ? t.withName("cache-" + i + ".example:11211") : t;
      servers.add(i % 5 == 0 ? t.withId(100 + i) : t);
    }
    c.addServers(servers);
    return WeightsAndDeterminismTest.lookupChecksum(c, servers);
  }

  @Test
  void pinnedChecksums() {
    StringBuilder actual = new StringBuilder();
    for (Algorithm a : PROXIES) {
      actual.append(a.cliName()).append('=').append(checksum(new Continuum(a))).append('\n');
      if (a.options().contains("avalanche")) {
        actual.append(a.cliName()).append("+avalanche=")
            .append(checksum(Continuum.builder(a).avalanche(true).build())).append('\n');
      }
    }
    assertThat(actual.toString()).isEqualTo(PINNED);
  }

  private static final String PINNED = """
      nginx-hash-consistent=-2199805390350689029
      haproxy-sdbm=3400718850559990048
      haproxy-sdbm+avalanche=3169487898764848013
      haproxy-djb2=3285156684074442752
      haproxy-djb2+avalanche=-2738489458112521120
      haproxy-wt6=5495783839649391067
      haproxy-wt6+avalanche=-4953885307795583868
      haproxy-crc32=-3853956457990277235
      haproxy-crc32+avalanche=1068125375123186846
      """;
}
