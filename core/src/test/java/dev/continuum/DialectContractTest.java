package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The {@link Placement} contract, for every algorithm: strings and bytes agree, replicas are distinct. */
class DialectContractTest {
  /** One 7-server continuum per algorithm, built once: the properties only read them. */
  private static final java.util.Map<Algorithm, Continuum> FILLED = new java.util.EnumMap<>(Algorithm.class);

  static {
    for (Algorithm a : Algorithm.values()) {
      FILLED.put(a, build(a));
    }
  }

  private static Continuum filled(Algorithm a) {
    return FILLED.get(a);
  }

  private static Continuum build(Algorithm a) {
    Continuum c = new Continuum(a);
    for (int i = 0; i < 7; i++) {
      // continuum's own unweighted algorithms (jump, memento) reject capacities above 1.
      int capacity = a.supportsWeights() || a.isCompatibilityDialect() ? 1 + i % 3 : 1;
      Server s = Server.of("10.0.0." + (i + 1), 11211 + i % 2, capacity);
      c.addServer(i % 3 == 0 ? s.withName("node-" + i).withAddress("10.9.0." + i) : s);
    }
    return c;
  }

  @Property(tries = 200)
  void stringsAndTheirUtf8BytesGoToTheSameServer(@ForAll String key) {
    for (Algorithm a : Algorithm.values()) {
      Continuum c = filled(a);
      assertThat(c.resolve(key)).as("%s", a).isSameAs(c.resolve(key.getBytes(StandardCharsets.UTF_8)));
    }
  }

  @Property(tries = 100)
  void replicasAreDistinctAndStartWithTheResolvedServer(@ForAll String key) {
    for (Algorithm a : Algorithm.values()) {
      Continuum c = filled(a);
      List<Server> all = c.resolve(key, 7);
      assertThat(all.get(0)).as("%s", a).isSameAs(c.resolve(key));
      assertThat(new HashSet<>(all)).as("%s", a).hasSize(7);
      assertThat(c.resolve(key, 3)).isEqualTo(all.subList(0, 3));
    }
  }

  @Test
  void updateServerWithDuplicatesActsOnTheInstancePassed() {
    Continuum c = Continuum.builder(Algorithm.SPYMEMCACHED_WEIGHTED).allowDuplicateServers(true).build();
    Server a = c.addServer(Server.of("10.0.0.1", 11211));
    Server b = c.addServer(Server.of("10.0.0.2", 11211));
    Server a2 = c.addServer(Server.of("10.0.0.1", 11211));
    c.updateServer(a2); // the same instance: stays where it is
    assertThat(c.servers().get(2)).isSameAs(a2);
    Server heavier = a.withCapacity(5);
    c.updateServer(heavier); // not listed itself: replaces the first equal server
    assertThat(c.servers()).extracting(Server::capacity).containsExactly(5, 1, 1);
    assertThat(c.servers().get(1)).isSameAs(b);
  }
}
