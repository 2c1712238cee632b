package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Readers resolve without pause while a writer adds, removes and re-weights servers. Every answer
 * must be a server that was a member at some moment during the call, no reader may throw, and a
 * published snapshot is never torn (the placement always agrees with a fresh build over the server
 * array it was published with).
 */
class ConcurrencyStressTest {
  @Test
  void readersNeverFailNorSeeHalfBuiltState() throws Exception {
    List<Server> base = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      base.add(Server.of("10.0.0." + i, 11211));
    }
    Server extra1 = Server.of("10.1.0.1", 11211, 1);
    Server extra3 = extra1.withCapacity(3);
    // The writer cycles through exactly three states; precompute every key's answer in each, so a
    // reader can tell a torn or half-built placement from a legitimate one.
    List<List<Server>> states = List.of(base, plus(base, extra1), plus(base, extra3));
    int keyCount = 1000;
    Server[][] allowed = new Server[keyCount][states.size()];
    for (int s = 0; s < states.size(); s++) {
      Continuum ref = new Continuum();
      ref.addServers(states.get(s));
      for (int k = 0; k < keyCount; k++) {
        allowed[k][s] = ref.resolve("key-" + k);
      }
    }

    Continuum c = new Continuum();
    c.addServers(base);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicLong lookups = new AtomicLong();
    AtomicLong changes = new AtomicLong();
    int readers = 3;
    CountDownLatch done = new CountDownLatch(readers + 1);

    for (int r = 0; r < readers; r++) {
      int id = r;
      new Thread(() -> {
        try {
          long n = 0;
          while (!stop.get()) {
            int k = (int) ((n++ * 7 + id) % keyCount);
            String key = "key-" + k;
            Server got = c.resolve(key);
            if (!oneOf(got, allowed[k])) {
              throw new AssertionError("torn or impossible answer for " + key + ": " + got);
            }
            List<Server> replicas = c.resolve(key, 2);
            if (replicas.get(0).equals(replicas.get(1))) {
              throw new AssertionError("replicas not distinct: " + replicas);
            }
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
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
        while (System.nanoTime() < deadline) {
          c.addServer(extra1);
          c.updateServer(extra3);
          c.removeServer(extra3);
          try {
            c.addServer(base.get(0)); // always rejected: must change nothing
            throw new AssertionError("duplicate accepted");
          } catch (IllegalArgumentException expected) {
            // fine
          }
          changes.addAndGet(3);
        }
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
      } finally {
        stop.set(true);
        done.countDown();
      }
    }, "writer").start();

    assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
    assertThat(changes.get()).isGreaterThan(30);
    assertThat(lookups.get()).isGreaterThan(1000);
    assertThat(c.servers()).containsExactlyElementsOf(base);
  }

  private static List<Server> plus(List<Server> list, Server s) {
    List<Server> out = new ArrayList<>(list);
    out.add(s);
    return out;
  }

  private static boolean oneOf(Server got, Server[] allowed) {
    for (Server a : allowed) {
      if (a.sameAs(got)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void concurrentWritersAllLand() throws Exception {
    Continuum c = new Continuum(Algorithm.PYTHON_CONTINUUM);
    int writers = 4;
    int each = 50;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int id = w;
      Thread t = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        for (int i = 0; i < each; i++) {
          c.addServer("10." + id + ".0." + i, 11211);
        }
      });
      threads.add(t);
      t.start();
    }
    start.countDown();
    for (Thread t : threads) {
      t.join();
    }
    assertThat(c.size()).isEqualTo(writers * each);
    assertThat(c.servers()).doesNotHaveDuplicates();
    Continuum fresh = new Continuum();
    fresh.addServers(c.servers());
    for (int i = 0; i < 2000; i++) {
      assertThat(c.resolve("k" + i)).isEqualTo(fresh.resolve("k" + i));
    }
  }
}
