package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.continuum.Placements.Spec;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class WeightsAndDeterminismTest {
  /**
   * Stated tolerance on "twice the capacity gets twice the keys": the ratio of the keys of a
   * capacity-2 server to the mean of nine capacity-1 servers, over 100,000 keys, is within
   * {@code 2 * (1 +- tolerance)}.
   */
  static double weightTolerance(Spec spec) {
    return switch (spec) {
      case PYTHON_CONTINUUM -> 0.45; // 1000 dots: 90 / 181 a server, arcs vary about 10%
      case RING, BOUNDED_LOAD -> 0.30; // 160 / 320 points a server
      case RENDEZVOUS, MAGLEV -> 0.06; // exact shares; key sampling noise only
      case MULTI_PROBE -> 0.25; // 4 / 8 points a server: shares vary with the arcs (see BalanceTest)
      case JUMP, JUMPBACK, MEMENTO -> Double.NaN; // unweighted
    };
  }

  @Property(tries = 5)
  void twiceTheCapacityGetsAboutTwiceTheKeys(@ForAll long seed) {
    List<Server> servers = Placements.servers(10, seed);
    Server heavy = Server.of(servers.get(9).host(), servers.get(9).port(), 2);
    String[] keys = Placements.keys(100_000, seed);
    for (Spec spec : Spec.values()) {
      Continuum c = spec.continuum(seed);
      c.addServers(servers.subList(0, 9));
      if (!spec.algorithm.supportsWeights()) {
        assertThatThrownBy(() -> c.addServer(heavy)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("does not support weights");
        continue;
      }
      c.addServer(heavy);
      int heavyKeys = 0;
      for (String k : keys) {
        heavyKeys += c.resolve(k).equals(heavy) ? 1 : 0;
      }
      double meanLight = (keys.length - heavyKeys) / 9.0;
      double ratio = heavyKeys / meanLight;
      double tol = weightTolerance(spec);
      assertThat(ratio).as(spec.toString()).isBetween(2 * (1 - tol), 2 * (1 + tol));
    }
  }

  /**
   * A checksum over 100,000 lookups and 10,000 replica lists (n = 3) on 20 servers (capacities
   * 1, 2, 3 cycling where weights are supported), seed 42: any change of output fails here.
   */
  static long checksum(Spec spec) {
    return checksum(spec.continuum(42));
  }

  /** The checksum over an empty continuum of any algorithm (weights where it supports them). */
  static long checksum(Continuum c) {
    List<Server> servers = Placements.servers(20, 42);
    for (int i = 0; i < servers.size(); i++) {
      Server s = servers.get(i);
      c.addServer(c.algorithm().supportsWeights() ? Server.of(s.host(), s.port(), 1 + i % 3) : s);
    }
    long sum = 0;
    for (int i = 0; i < 100_000; i++) {
      sum = sum * 31 + servers.indexOf(c.resolve("checksum-" + i));
    }
    for (int i = 0; i < 10_000; i++) {
      for (Server s : c.resolve("replica-" + i, 3)) {
        sum = sum * 31 + servers.indexOf(s);
      }
    }
    return sum;
  }

  @Test
  void pinnedChecksums() {
    StringBuilder actual = new StringBuilder();
    for (Spec spec : Spec.values()) {
      actual.append(spec).append('=').append(checksum(spec)).append('\n');
    }
    assertThat(actual.toString()).isEqualTo(PINNED);
  }

  /** The Java client dialects, pinned the same way (their peers' placements never change either). */
  @Test
  void pinnedDialectChecksums() {
    StringBuilder actual = new StringBuilder();
    for (Algorithm a : new Algorithm[] {Algorithm.JEDIS, Algorithm.XMEMCACHED, Algorithm.XMEMCACHED_NGINX, Algorithm.DUBBO}) {
      actual.append(a.cliName()).append('=').append(checksum(new Continuum(a))).append('\n');
    }
    assertThat(actual.toString()).isEqualTo(PINNED_DIALECTS);
  }

  private static final String PINNED_DIALECTS = """
      jedis=170133499405980350
      xmemcached=-5800831576192266392
      xmemcached-nginx=6567506859983667577
      dubbo=-9024977346721450382
      """;

  /** Jump and memento agree while nothing has been removed: memento is jump plus its removals. */
  private static final String PINNED = """
      PYTHON_CONTINUUM=3846171067115657899
      RING=2848298732940672183
      JUMP=7483494011639533095
      JUMPBACK=-3127108145837882030
      RENDEZVOUS=3627177951816884785
      MAGLEV=-4119792761503994015
      MULTI_PROBE=-3313677344617038304
      BOUNDED_LOAD=2848298732940672183
      MEMENTO=7483494011639533095
      """;
}
