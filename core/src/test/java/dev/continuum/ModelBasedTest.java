package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Model-based test of the update path: random sequences of adds, removes, re-weights, batch changes,
 * rejected changes and {@code generate()}, run on a {@link Continuum} and on a reference model small
 * enough to be obviously right: a list with insertion order, duplicates and unknown servers rejected,
 * all-or-nothing batches, every limit checked at the change (autogenerate on or off), and for the
 * placement a brute-force model of the algorithm from {@link Models#TABLE}, written independently
 * of the code under test. After every step:
 *
 * <ol type="a">
 *   <li>{@code servers()} equals the model's list, capacities included;
 *   <li>every answer ({@code resolve} of strings and bytes, replicas, "empty continuum", too many
 *       replicas) equals the brute-force model's answer over the list last generated (the model is
 *       fed the same generated lists, so jump's and memento's history is modelled too);
 *   <li>replicas are distinct and the first is the primary;
 *   <li>a rejected operation throws and changes nothing.
 * </ol>
 *
 * Capacities reach the limits: now and then a server of capacity above 2^28, which no ring can hold
 * (point limit) and which two such servers exceed in total (capacity limit), while rendezvous, maglev,
 * python-continuum and the ketama dialects must place it. Runs over every {@link Algorithm};
 * failures shrink to a minimal sequence.
 */
class ModelBasedTest {
  /** Dialects whose peer rejects a weight of 0 (twemproxy, nginx and xmemcached: weights are at least 1). */
  static final Set<String> ZERO_CAPACITY_REJECTED = Set.of("twemproxy", "twemproxy-md5", "nginx-hash-consistent",
      "xmemcached", "xmemcached-nginx");

  /** Keys checked after every step: ASCII, empty, multi-byte, a broken surrogate, a long one. */
  private static final List<String> KEYS = keys();

  private static List<String> keys() {
    List<String> k = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      k.add("key-" + i);
    }
    k.addAll(List.of("", "é", "日本語", "\uD83D\uDE00", "\uD800x", "k".repeat(300)));
    return List.copyOf(k);
  }

  // ---- The reference model ------------------------------------------------------------------

  /** The obviously-correct reference: a list, plus the brute-force placement of what was generated. */
  static final class Model {
    final boolean autogenerate;
    /** Any capacity is accepted: weighted algorithms, and dialects whose peer ignores weights. */
    final boolean anyCapacity;
    final Models.Model placement;
    List<Server> servers = List.of();
    List<Server> generated = List.of();

    Model(boolean autogenerate, Algorithm algorithm, Models.Config config) {
      this.autogenerate = autogenerate;
      this.anyCapacity = algorithm.supportsWeights() || algorithm.isCompatibilityDialect();
      this.placement = Models.TABLE.get(algorithm).apply(config);
    }

    /** Applies a change; false (and nothing changed) when it must be rejected. */
    boolean commit(List<Server> next) {
      if (next == null || next.size() > Checks.MAX_SERVERS) {
        return false;
      }
      long total = 0;
      for (Server s : next) {
        if (!anyCapacity && s.capacity() != 1) {
          return false; // continuum's own algorithms without weights take capacity 1 only
        }
        total += s.capacity();
      }
      if (total > Integer.MAX_VALUE || placement.rejects(next) != null) {
        return false; // a limit: rejected at the change, whether or not it generates at once
      }
      servers = List.copyOf(next);
      if (autogenerate) {
        generate();
      }
      return true;
    }

    void generate() {
      generated = servers;
      placement.generate(generated);
    }

    List<Server> added(List<Server> batch) {
      List<Server> next = new ArrayList<>(servers);
      for (Server s : batch) {
        if (s == null || next.contains(s)) {
          return null;
        }
        next.add(s);
      }
      return next;
    }

    List<Server> removed(List<Server> batch) {
      List<Server> next = new ArrayList<>(servers);
      for (Server s : batch) {
        if (s == null || !next.remove(s)) {
          return null;
        }
      }
      return next;
    }

    List<Server> updated(Server s) {
      int i = servers.indexOf(s);
      if (i < 0) {
        return null;
      }
      List<Server> next = new ArrayList<>(servers);
      next.set(i, s);
      return next;
    }

    /** The model's answers for {@link #KEYS}, in the form of {@link #answers(Continuum)}. */
    List<Object> answers() {
      List<Object> out = new ArrayList<>();
      int reachable = placement.reachable();
      for (String key : KEYS) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        out.add(reachable == 0 ? "IllegalStateException" : describe(placement.place(bytes, 1).get(0)));
        for (int n = 1; n <= 2; n++) {
          if (reachable == 0) {
            out.add("IllegalStateException");
          } else if (n > reachable) {
            out.add("IllegalArgumentException");
          } else {
            List<String> list = new ArrayList<>();
            for (Server s : placement.place(bytes, n)) {
              list.add(describe(s));
            }
            out.add(list);
          }
        }
      }
      return out;
    }
  }

  // ---- Operations ---------------------------------------------------------------------------

  /** One step of a sequence: what it does to the continuum and to the model. */
  interface Op {
    /** Applies to the model; false when the model says the operation must be rejected. */
    boolean model(Model m);

    void apply(Continuum c);
  }

  record Add(Server server) implements Op {
    public boolean model(Model m) {
      return m.commit(m.added(List.of(server)));
    }

    public void apply(Continuum c) {
      c.addServer(server);
    }
  }

  record AddBatch(List<Server> batch) implements Op {
    public boolean model(Model m) {
      return m.commit(m.added(batch));
    }

    public void apply(Continuum c) {
      c.addServers(batch);
    }
  }

  record Remove(Server server) implements Op {
    public boolean model(Model m) {
      return m.commit(m.removed(List.of(server)));
    }

    public void apply(Continuum c) {
      c.removeServer(server);
    }
  }

  record RemoveBatch(List<Server> batch) implements Op {
    public boolean model(Model m) {
      return m.commit(m.removed(batch));
    }

    public void apply(Continuum c) {
      c.removeServers(batch);
    }
  }

  record Update(Server server) implements Op {
    public boolean model(Model m) {
      return m.commit(m.updated(server));
    }

    public void apply(Continuum c) {
      c.updateServer(server);
    }
  }

  record Generate() implements Op {
    public boolean model(Model m) {
      m.generate(); // every change was checked against the limits when it was made
      return true;
    }

    public void apply(Continuum c) {
      c.generate();
    }
  }

  // ---- Generators ---------------------------------------------------------------------------

  @Provide
  Arbitrary<Algorithm> algorithms() {
    return Arbitraries.of(Algorithm.class);
  }

  /** A small pool of hosts, so that duplicates and known removals are frequent. */
  private static Arbitrary<Server> servers() {
    Arbitrary<String> host = Arbitraries.of("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5",
        "10.0.0.6", "10.0.0.7", "10.0.0.8", "cache-a.example", "::1");
    Arbitrary<Integer> port = Arbitraries.of(11211, 11212);
    Arbitrary<Integer> capacity = Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.just(1)), Tuple.of(3, Arbitraries.integers().between(0, 5)),
        Tuple.of(1, Arbitraries.integers().between(6, 40)),
        Tuple.of(1, Arbitraries.integers().between((1 << 28) + 1, 1 << 30)));
    return Combinators.combine(host, port, capacity).as(Server::of);
  }

  @Provide
  Arbitrary<List<Op>> operations() {
    Arbitrary<Server> server = servers();
    Arbitrary<List<Server>> batch = server.list().ofMaxSize(4);
    Arbitrary<List<Server>> batchWithNull = batch.map(b -> {
      List<Server> l = new ArrayList<>(b);
      l.add(l.size() / 2, null);
      return l;
    });
    Arbitrary<Op> op = Arbitraries.frequencyOf(
        Tuple.of(8, server.map(Add::new)),
        Tuple.of(3, batch.map(AddBatch::new)),
        Tuple.of(1, batchWithNull.map(AddBatch::new)),
        Tuple.of(4, server.map(Remove::new)),
        Tuple.of(2, batch.map(RemoveBatch::new)),
        Tuple.of(1, batchWithNull.map(RemoveBatch::new)),
        Tuple.of(4, server.map(Update::new)),
        Tuple.of(1, Arbitraries.just(new Generate())));
    return op.list().ofMaxSize(25);
  }

  // ---- The property -------------------------------------------------------------------------

  @Property(tries = 2000, shrinking = ShrinkingMode.FULL)
  void continuumBehavesLikeTheModel(
      @ForAll("algorithms") Algorithm algorithm,
      @ForAll boolean autogenerate,
      @ForAll long seed,
      @ForAll("operations") List<Op> ops) {
    Statistics.label("algorithm").collect(algorithm.cliName());
    Models.Config config = config(seed);
    Continuum c = config.builder(algorithm).autogenerate(autogenerate).build();
    Model m = new Model(autogenerate, algorithm, config);
    int rejected = 0;
    for (Op op : ops) {
      List<Object> before = answers(c);
      boolean accepted = op.model(m); // a rejected operation leaves the model as it was
      RuntimeException thrown = null;
      try {
        op.apply(c);
      } catch (IllegalArgumentException | NullPointerException e) {
        thrown = e;
        assertThat(e.getMessage()).as("message of %s", op).isNotBlank();
      }
      if (accepted) {
        assertThat(thrown).as("%s was accepted by the model", op).isNull();
      } else {
        rejected++;
        assertThat(thrown).as("%s must be rejected", op).isNotNull();
        assertThat(answers(c)).as("(d) %s was rejected and must change nothing", op).isEqualTo(before);
      }
      check(c, m, op);
    }
    Statistics.label("rejected operations").collect(rejected > 0);
  }

  /**
   * The knobs varied with the seed: totalDots, pointsPerWeight, probes and table sizes near limits,
   * HAProxy's avalanche on or off.
   */
  private static Models.Config config(long seed) {
    int[] dots = {1000, 7, 40, 1001};
    int[] pointsPerWeight = {160, 1, 13};
    int[] probes = {21, 1, 3};
    int[] tables = {65537, 13, 101};
    int r = (int) (seed >>> 40);
    return new Models.Config(seed, dots[Math.floorMod(r, 4)], pointsPerWeight[Math.floorMod(r >> 2, 3)],
        probes[Math.floorMod(r >> 4, 3)], tables[Math.floorMod(r >> 6, 3)], ((r >> 8) & 1) == 1);
  }

  private static void check(Continuum c, Model m, Op after) {
    // (a) the server list, in order, capacities included
    assertThat(c.size()).isEqualTo(m.servers.size());
    List<Server> actual = c.servers();
    assertThat(actual).as("(a) servers() after %s", after).hasSize(m.servers.size());
    for (int i = 0; i < actual.size(); i++) {
      assertThat(actual.get(i).sameAs(m.servers.get(i)))
          .as("(a) server %d after %s: %s vs model %s", i, after, actual.get(i), m.servers.get(i)).isTrue();
    }
    // (b) the brute-force model's answers over what was last generated
    assertThat(answers(c)).as("(b) answers after %s, model %s", after, m.generated).isEqualTo(m.answers());
  }

  /**
   * Every answer the continuum gives for {@link #KEYS}, as comparable values: a server's full
   * description, or the exception's class and message. Also checks (c) on the way.
   */
  static List<Object> answers(Continuum c) {
    List<Object> out = new ArrayList<>();
    for (String key : KEYS) {
      Object primary = outcome(() -> c.resolve(key));
      out.add(primary);
      byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
      assertThat(outcome(() -> c.resolve(bytes))).as("bytes of %s", key).isEqualTo(primary);
      for (int n = 1; n <= 2; n++) {
        int count = n;
        Object replicas = outcome(() -> c.resolve(key, count));
        out.add(replicas);
        assertThat(outcome(() -> c.resolve(bytes, count))).isEqualTo(replicas);
        if (replicas instanceof List<?> list) {
          // (c) n distinct servers, the first the primary
          assertThat(list).hasSize(n).doesNotHaveDuplicates();
          assertThat(list.get(0)).isEqualTo(primary);
        }
      }
    }
    return out;
  }

  private static Object outcome(Supplier<Object> call) {
    try {
      Object r = call.get();
      if (r instanceof Server s) {
        return describe(s);
      }
      List<String> list = new ArrayList<>();
      for (Object o : (List<?>) r) {
        list.add(describe((Server) o));
      }
      return list;
    } catch (IllegalArgumentException | IllegalStateException e) {
      return e.getClass().getSimpleName();
    }
  }

  private static String describe(Server s) {
    return s.hostPort() + "/" + s.capacity() + "/" + s.name() + "/" + s.address();
  }

  /** Every algorithm has a brute-force model, and a fixed sequence checks it against the model. */
  @ParameterizedTest
  @EnumSource(Algorithm.class)
  void everyAlgorithmIsModelChecked(Algorithm a) {
    assertThat(Models.TABLE).as("add a brute-force model of %s to Models.TABLE", a).containsKey(a);
    // a short fixed sequence, so each algorithm runs here even if the random draw is unlucky
    Models.Config config = Models.Config.defaults();
    Continuum c = config.builder(a).build();
    Model m = new Model(true, a, config);
    List<Op> ops = List.of(new Add(Server.of("10.0.0.1", 1)), new Add(Server.of("10.0.0.2", 1, 3)),
        new AddBatch(Arrays.asList(Server.of("10.0.0.3", 1), Server.of("10.0.0.1", 1))),
        new Add(Server.of("10.0.0.4", 11211)), new Add(Server.of("cache-b.example", 11211).withAddress("10.0.0.66")),
        new Update(Server.of("10.0.0.1", 1, 2)), new Remove(Server.of("10.0.0.9", 1)),
        new RemoveBatch(List.of(Server.of("10.0.0.2", 1))), new Remove(Server.of("10.0.0.4", 11211)),
        new Remove(Server.of("10.0.0.1", 1)), new Add(Server.of("10.0.0.2", 1)));
    for (Op op : ops) {
      boolean accepted = op.model(m);
      try {
        op.apply(c);
        assertThat(accepted).as("%s", op).isTrue();
      } catch (IllegalArgumentException e) {
        assertThat(accepted).as("%s", op).isFalse();
      }
      check(c, m, op);
    }
    assertThat(c.servers()).hasSize(2);
  }
}
