package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link ConcurrencyStressTest} for every algorithm, and stricter: a writer cycles through known
 * server lists (add, re-weight, remove, batch add, batch remove, and rejected changes in between)
 * and counts completed changes; readers note the count before and after each call, and the answer
 * must be exactly the answer of one of the server lists current at some moment during the call
 * (from the list before the call to the list of a change completing after it). That covers
 * "a server that was a member during the call" and "never torn": primary, replicas and
 * {@code servers()} are each checked against whole precomputed states.
 */
class EveryAlgorithmStressTest {
  private static final int KEYS = 256;
  private static final long MILLIS = 400;

  @ParameterizedTest
  @EnumSource(Algorithm.class)
  void readersSeeOnlyWholeStatesCurrentDuringTheCall(Algorithm a) throws Exception {
    int heavy = a.supportsWeights() ? 2 : 1; // an algorithm without weights takes capacity 1 only
    List<Server> base = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      base.add(Server.of("10.0.0." + i, 11211, i % 2 == 0 ? 1 : heavy));
    }
    Server e1 = Server.of("10.1.0.1", 11211, 1);
    Server e3 = e1.withCapacity(heavy == 1 ? 1 : 3);
    Server e2 = Server.of("10.1.0.2", 11211, heavy);
    List<Server> s0 = base;
    List<Server> s1 = plus(base, e1);
    List<Server> s2 = plus(base, e3);
    List<Server> s3 = plus(plus(base, e1), e2);
    // The state after v completed changes is cycle[v % 5].
    List<List<Server>> cycle = List.of(s0, s1, s2, s0, s3);
    int states = cycle.size();
    String[][] primary = new String[states][KEYS];
    String[][] replicas = new String[states][KEYS];
    String[] lists = new String[states];
    for (int s = 0; s < states; s++) {
      Continuum ref = Continuum.builder(a).build();
      ref.addServers(cycle.get(s));
      lists[s] = describe(ref.servers());
      for (int k = 0; k < KEYS; k++) {
        primary[s][k] = describe(List.of(ref.resolve("key-" + k)));
        replicas[s][k] = describe(ref.resolve("key-" + k, 2));
      }
    }

    Continuum c = Continuum.builder(a).build();
    c.addServers(base);
    AtomicLong version = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicLong lookups = new AtomicLong();
    int readers = 2;
    CountDownLatch done = new CountDownLatch(readers + 1);
    for (int r = 0; r < readers; r++) {
      int id = r;
      new Thread(() -> {
        try {
          long n = 0;
          while (!stop.get()) {
            int k = (int) ((n++ * 31 + id) % KEYS);
            long before = version.get();
            String p = describe(List.of(c.resolve("key-" + k)));
            String rep = describe(c.resolve("key-" + k, 2));
            String list = describe(c.servers());
            long after = version.get();
            check("primary of key-" + k, p, v -> primary[(int) (v % states)][k], before, after, states);
            check("replicas of key-" + k, rep, v -> replicas[(int) (v % states)][k], before, after, states);
            check("servers()", list, v -> lists[(int) (v % states)], before, after, states);
          }
          lookups.addAndGet(n);
        } catch (Throwable t) {
          failure.compareAndSet(null, t);
        } finally {
          done.countDown();
        }
      }, "reader-" + r).start();
    }
    new Thread(() -> {
      try {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MILLIS);
        while (System.nanoTime() < deadline) {
          c.addServer(e1);
          version.incrementAndGet();
          c.updateServer(e3);
          version.incrementAndGet();
          rejected(() -> c.addServer(base.get(0)));
          c.removeServer(e3);
          version.incrementAndGet();
          c.addServers(e1, e2);
          version.incrementAndGet();
          rejected(() -> c.removeServers(List.of(e1, e1)));
          c.removeServers(List.of(e2, e1));
          version.incrementAndGet();
          rejected(() -> c.updateServer(e2));
        }
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
      } finally {
        stop.set(true);
        done.countDown();
      }
    }, "writer").start();

    assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
    if (failure.get() != null) {
      throw new AssertionError(a.cliName(), failure.get());
    }
    assertThat(version.get()).isGreaterThan(5);
    assertThat(lookups.get()).isGreaterThan(100);
    assertThat(describe(c.servers())).isEqualTo(lists[0]);
  }

  /** The answer must be the one of a state current at some version in [before, after + 1]. */
  private static void check(String what, String got, LongFunction<String> expectedAt, long before, long after, int states) {
    // A change may publish before the writer counts it: allow the state one version beyond.
    for (long v = before; v <= after + 1 && v < before + states; v++) {
      if (expectedAt.apply(v).equals(got)) {
        return;
      }
    }
    throw new AssertionError(what + ": " + got + " is not the answer of any state current between versions "
        + before + " and " + (after + 1));
  }

  private static void rejected(Runnable change) {
    try {
      change.run();
    } catch (IllegalArgumentException expected) {
      return;
    }
    throw new AssertionError("change should have been rejected");
  }

  private static List<Server> plus(List<Server> list, Server s) {
    List<Server> out = new ArrayList<>(list);
    out.add(s);
    return out;
  }

  private static String describe(List<Server> servers) {
    StringBuilder b = new StringBuilder();
    for (Server s : servers) {
      b.append(s.hostPort()).append('/').append(s.capacity()).append(' ');
    }
    return b.toString();
  }
}
