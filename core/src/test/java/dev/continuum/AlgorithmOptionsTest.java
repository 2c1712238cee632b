package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Knob validation and capability flags of continuum's own algorithms. */
class AlgorithmOptionsTest {
  @Test
  void knobsAreValidated() {
    assertThatThrownBy(() -> Continuum.builder(Algorithm.RING).pointsPerWeight(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("pointsPerWeight must be in 1..65536, got 0");
    assertThatThrownBy(() -> Continuum.builder(Algorithm.MULTI_PROBE).probes(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("probes must be in 1..1024, got 0");
    assertThatThrownBy(() -> Continuum.builder(Algorithm.MAGLEV).tableSize(65536))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tableSize must be prime, got 65536 (e.g. 65537, 655373)");
    assertThatThrownBy(() -> Continuum.builder(Algorithm.MAGLEV).tableSize(Integer.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("tableSize 2147483647 would need");
    assertThatThrownBy(() -> Continuum.builder(Algorithm.MAGLEV).tableSize(1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("tableSize must be a prime of at least 2, got 1");
    assertThatThrownBy(() -> Continuum.builder(Algorithm.BOUNDED_LOAD).loadFactor(0.9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("loadFactor must be a finite number of at least 1, got 0.9");
    assertThatThrownBy(() -> Continuum.builder(Algorithm.BOUNDED_LOAD).loadFactor(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Continuum.builder(Algorithm.JUMP).probes(3))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("probes does not apply to algorithm jump");
    assertThatThrownBy(() -> Continuum.builder(Algorithm.PYTHON_CONTINUUM).seed(3))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void maglevTableMustHoldTheServers() {
    Continuum c = Continuum.builder(Algorithm.MAGLEV).tableSize(3).build();
    c.addServers(Placements.servers(3, 1));
    assertThatThrownBy(() -> c.addServer("x", 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("maglev tableSize 3 is smaller than the 4 servers");
    assertThat(c.size()).isEqualTo(3);
  }

  @Test
  void ringPointsAreLimited() {
    Continuum c = Continuum.builder(Algorithm.RING).pointsPerWeight(65536).build();
    assertThatThrownBy(() -> c.addServer("x", 1, 1 << 20)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("points; the limit is");
    assertThat(c.size()).isZero();
  }

  @Test
  void capabilities() {
    assertThat(Algorithm.RING.supportsWeights()).isTrue();
    assertThat(Algorithm.RING.supportsArbitraryRemoval()).isTrue();
    assertThat(Algorithm.RENDEZVOUS.supportsArbitraryRemoval()).isTrue();
    assertThat(Algorithm.MULTI_PROBE.supportsArbitraryRemoval()).isTrue();
    assertThat(Algorithm.MEMENTO.supportsArbitraryRemoval()).isTrue();
    assertThat(Algorithm.MEMENTO.supportsWeights()).isFalse();
    assertThat(Algorithm.MAGLEV.supportsArbitraryRemoval()).isFalse();
    assertThat(Algorithm.BOUNDED_LOAD.supportsArbitraryRemoval()).isTrue(); // resolve is the ring
    for (Algorithm a : new Algorithm[] {Algorithm.RING, Algorithm.JUMP, Algorithm.JUMPBACK, Algorithm.RENDEZVOUS, Algorithm.MAGLEV,
        Algorithm.MULTI_PROBE, Algorithm.BOUNDED_LOAD, Algorithm.MEMENTO}) {
      assertThat(a.isCompatibilityDialect()).isFalse();
      assertThat(a.accepts(Options.Knob.SEED)).isTrue();
      assertThat(Algorithm.byName(a.cliName())).isSameAs(a);
    }
  }

  @Test
  void capabilitySetsAgreeWithTheFlagsAndOptions() {
    for (Algorithm a : Algorithm.values()) {
      Set<Algorithm.Capability> caps = a.capabilities();
      assertThat(caps.contains(Algorithm.Capability.WEIGHTS)).as(a.cliName()).isEqualTo(a.supportsWeights());
      assertThat(caps.contains(Algorithm.Capability.SEEDABLE)).as(a.cliName())
          .isEqualTo(a.accepts(Options.Knob.SEED)).isEqualTo(a.options().contains("seed"));
      assertThat(a.has(Algorithm.Capability.HISTORY_DEPENDENT)).as(a.cliName())
          .isEqualTo(a == Algorithm.JUMP || a == Algorithm.JUMPBACK || a == Algorithm.MEMENTO);
      assertThat(a.has(Algorithm.Capability.PREHASHED_KEYS)).as(a.cliName()).isEqualTo(!a.isCompatibilityDialect());
      assertThat(a.has(Algorithm.Capability.BOUNDED_LOADS)).as(a.cliName()).isEqualTo(a == Algorithm.BOUNDED_LOAD);
      assertThatThrownBy(() -> caps.add(Algorithm.Capability.WEIGHTS)).isInstanceOf(UnsupportedOperationException.class);
    }
    Continuum ring = new Continuum(Algorithm.RING);
    assertThatThrownBy(ring::boundedLoads).isInstanceOf(IllegalStateException.class)
        .hasMessage("bounded loads need algorithm bounded-load, this continuum uses ring");
  }

  /**
   * The placement versions, pinned: a deliberate change of an algorithm's output bumps its version,
   * its pinned checksum or vectors, this table and CHANGELOG.md together. memento 2: rebuilt over
   * jumpback.
   */
  @Test
  void placementVersionsArePinned() {
    StringBuilder actual = new StringBuilder();
    for (Algorithm a : Algorithm.values()) {
      actual.append(a.cliName()).append('=').append(a.placementVersion()).append('\n');
    }
    assertThat(actual.toString()).isEqualTo("""
        python-continuum=1
        ring=1
        jump=1
        jumpback=2
        rendezvous=1
        maglev=1
        multi-probe=1
        bounded-load=1
        memento=3
        libmemcached-ketama-weighted=1
        libmemcached-ketama=1
        libmemcached-ketama-unweighted=1
        libmemcached-ketama-md5=1
        libmemcached-spy=1
        libmemcached-spy-md5=1
        libmemcached-spy-weighted=1
        twemproxy=1
        twemproxy-md5=1
        spymemcached=1
        spymemcached-weighted=1
        spymemcached-libmemcached=1
        spymemcached-libmemcached-weighted=1
        jedis=1
        xmemcached=1
        xmemcached-nginx=1
        dubbo=1
        pymemcache=1
        nginx-hash-consistent=1
        haproxy-sdbm=1
        haproxy-djb2=1
        haproxy-wt6=1
        haproxy-crc32=1
        """);
  }

  @Test
  void seedsChangeThePlacement() {
    for (Algorithm a : new Algorithm[] {Algorithm.RING, Algorithm.JUMP, Algorithm.JUMPBACK, Algorithm.RENDEZVOUS, Algorithm.MAGLEV,
        Algorithm.MULTI_PROBE, Algorithm.MEMENTO}) {
      Continuum x = Continuum.builder(a).seed(1).build();
      Continuum y = Continuum.builder(a).seed(2).build();
      x.addServers(Placements.servers(10, 5));
      y.addServers(Placements.servers(10, 5));
      String[] keys = Placements.keys(200, 1);
      assertThat(Placements.resolveAll(x, keys)).as(a.cliName()).isNotEqualTo(Placements.resolveAll(y, keys));
    }
  }

  @Test
  void emptyAndZeroCapacity() {
    for (Algorithm a : new Algorithm[] {Algorithm.RING, Algorithm.RENDEZVOUS, Algorithm.MAGLEV,
        Algorithm.MULTI_PROBE, Algorithm.JUMP, Algorithm.JUMPBACK, Algorithm.MEMENTO}) {
      Continuum c = new Continuum(a);
      assertThatThrownBy(() -> c.resolve("k")).isInstanceOf(IllegalStateException.class).hasMessage("empty continuum");
      assertThatThrownBy(() -> c.resolve("k", 1)).isInstanceOf(IllegalStateException.class);
      if (a.supportsWeights()) {
        c.addServer("zero", 1, 0);
        assertThatThrownBy(() -> c.resolve("k")).isInstanceOf(IllegalStateException.class);
        Server one = c.addServer("one", 1, 1);
        assertThat(c.resolve("k")).isEqualTo(one);
        assertThatThrownBy(() -> c.resolve("k", 2)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("replica count must be in 1..1");
      }
    }
  }
}
