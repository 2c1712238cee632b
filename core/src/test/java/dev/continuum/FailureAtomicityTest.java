package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link BadInputTest} for every algorithm and every kind of rejected update: each throws a
 * documented exception with a message, and afterwards the server list, every answer (primary,
 * replicas, bytes keys) and the memory estimate are exactly as before; with autogenerate off the
 * pending list is untouched too.
 */
class FailureAtomicityTest {
  private static final Server A = Server.of("10.0.0.1", 11211);
  private static final Server B = Server.of("10.0.0.2", 11211, 2);
  private static final Server C = Server.of("10.0.0.3", 11211, 0);
  private static final Server NEW = Server.of("10.0.0.9", 11211);

  /** Every kind of rejected update, by name. */
  static Map<String, Consumer<Continuum>> rejections() {
    Map<String, Consumer<Continuum>> r = new LinkedHashMap<>();
    r.put("duplicate add", c -> c.addServer(A));
    r.put("duplicate add with another capacity", c -> c.addServer(B.withCapacity(7)));
    r.put("duplicate add by host and port", c -> c.addServer("10.0.0.1", 11211));
    r.put("batch whose last server is present", c -> c.addServers(NEW, A));
    r.put("batch repeating a new server", c -> c.addServers(NEW, NEW));
    r.put("batch with a null", c -> c.addServers(Arrays.asList(NEW, null)));
    r.put("null server", c -> c.addServer((Server) null));
    r.put("null batch", c -> c.addServers((List<Server>) null));
    r.put("remove unknown", c -> c.removeServer(NEW));
    r.put("remove unknown by host and port", c -> c.removeServer("10.0.0.9", 11211));
    r.put("remove batch repeating a server", c -> c.removeServers(List.of(A, A)));
    r.put("remove batch ending with an unknown", c -> c.removeServers(List.of(A, B, NEW)));
    r.put("remove batch with a null", c -> c.removeServers(Arrays.asList(A, null)));
    r.put("remove null", c -> c.removeServer((Server) null));
    r.put("update unknown", c -> c.updateServer(NEW.withCapacity(3)));
    r.put("update null", c -> c.updateServer(null));
    r.put("too many servers", c -> c.addServers(new AbstractList<Server>() {
      @Override
      public Server get(int i) {
        return Server.of("10.1.0.1", 1 + i % 60000);
      }

      @Override
      public int size() {
        return Checks.MAX_SERVERS;
      }
    }));
    r.put("total capacity overflow", c -> c.addServer(Server.of("10.0.0.8", 1, Integer.MAX_VALUE)));
    r.put("re-weight to total capacity overflow", c -> c.updateServer(A.withCapacity(Integer.MAX_VALUE)));
    return r;
  }

  @ParameterizedTest
  @EnumSource(Algorithm.class)
  void everyRejectionChangesNothing(Algorithm a) {
    for (boolean autogenerate : new boolean[] {true, false}) {
      Continuum c = Continuum.builder(a).autogenerate(autogenerate).build();
      boolean w = a.supportsWeights();
      // C has capacity 0 where the algorithm can place it; twemproxy's weights are at least 1
      int zero = ModelBasedTest.ZERO_CAPACITY_REJECTED.contains(a.cliName()) ? 1 : 0;
      c.addServers(A, w ? B : B.withCapacity(1), w ? C.withCapacity(zero) : C.withCapacity(1));
      c.generate();
      if (!autogenerate) {
        c.addServer(NEW.withCapacity(w ? 5 : 1)); // pending: listed, not yet placed
        c.removeServer(NEW);
      }
      List<Server> servers = c.servers();
      List<Object> answers = ModelBasedTest.answers(c);
      long memory = c.memoryBytes();
      for (Map.Entry<String, Consumer<Continuum>> e : rejections().entrySet()) {
        String what = a.cliName() + ", autogenerate " + autogenerate + ": " + e.getKey();
        Throwable t = catchThrowable(() -> e.getValue().accept(c));
        assertThat(t).as(what).isInstanceOfAny(IllegalArgumentException.class, NullPointerException.class);
        assertThat(t.getMessage()).as(what).isNotBlank();
        assertThat(c.servers()).as(what).isEqualTo(servers);
        for (int i = 0; i < servers.size(); i++) {
          assertThat(c.servers().get(i).sameAs(servers.get(i))).as(what).isTrue();
        }
        assertThat(ModelBasedTest.answers(c)).as(what).isEqualTo(answers);
        assertThat(c.memoryBytes()).as(what).isEqualTo(memory);
      }
      c.generate(); // and the state still works afterwards
      assertThat(c.resolve("k")).isIn(servers);
    }
  }
}
