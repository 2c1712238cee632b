package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Concurrent writers on every algorithm: four threads add, remove and re-weight servers of their own
 * while a reader resolves. Every change lands exactly once, every answer is a server listed at some
 * moment, and the final placement is the brute-force model's over the final list (for jump and
 * memento, whose slots follow the order of the changes, every key goes to a member). Readers racing
 * writers with a check of each answer against the lists of the moment: {@link EveryAlgorithmStressTest}.
 */
class ConcurrencyStressTest {
  private static final int WRITERS = 4;
  private static final int EACH = 12;

  private static Server server(int writer, int i, int capacity) {
    return Server.of("10." + writer + ".0." + i, 11211, capacity);
  }

  @ParameterizedTest
  @EnumSource(Algorithm.class)
  void concurrentAddsRemovesAndReweightsAllLand(Algorithm a) throws Exception {
    Continuum c = Continuum.builder(a).build();
    boolean weighted = a.supportsWeights();
    CountDownLatch start = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    Set<Server> everListed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    for (int w = 0; w < WRITERS; w++) {
      int id = w;
      threads.add(new Thread(() -> {
        try {
          start.await();
          for (int i = 0; i < EACH; i++) {
            Server s = server(id, i, 1);
            everListed.add(s);
            c.addServer(s);
            if (i % 3 == 1) {
              c.removeServer(server(id, i - 1, 1)); // one of its own, added before
            } else if (i % 3 == 2 && weighted) {
              c.updateServer(server(id, i, 1 + i % 4));
            }
          }
        } catch (Throwable t) {
          failure.compareAndSet(null, t);
        }
      }));
    }
    AtomicReference<Boolean> stop = new AtomicReference<>(false);
    Thread reader = new Thread(() -> {
      try {
        start.await();
        for (int k = 0; !stop.get(); k++) {
          try {
            assertThat(everListed).contains(c.resolve("key-" + k));
          } catch (IllegalStateException empty) {
            // before the first add
          }
        }
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
      }
    });
    threads.forEach(Thread::start);
    reader.start();
    start.countDown();
    for (Thread t : threads) {
      t.join();
    }
    stop.set(true);
    reader.join();
    assertThat(failure.get()).isNull();

    Set<Server> expected = new HashSet<>();
    for (int w = 0; w < WRITERS; w++) {
      for (int i = 0; i < EACH; i++) {
        if (i % 3 != 0) {
          expected.add(server(w, i, 1));
        }
      }
    }
    assertThat(c.servers()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
    for (Server s : c.servers()) {
      int i = Integer.parseInt(s.host().substring(s.host().lastIndexOf('.') + 1));
      assertThat(s.capacity()).as("%s", s).isEqualTo(i % 3 == 2 && weighted ? 1 + i % 4 : 1);
    }
    Models.Model model = Models.TABLE.get(a).apply(Models.Config.defaults());
    if (!a.dependsOnHistory()) {
      model.generate(c.servers());
    }
    for (int k = 0; k < 500; k++) {
      Server got = c.resolve("k" + k);
      if (a.dependsOnHistory()) {
        assertThat(c.servers()).contains(got);
      } else {
        assertThat(got).as("%s key k%d", a, k).isSameAs(model.place(Models.utf8("k" + k), 1).get(0));
      }
    }
  }
}
