package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Concurrent writers: every change lands exactly once and the result places as a fresh build.
 * (Readers racing writers, for every algorithm: {@link EveryAlgorithmStressTest}.)
 */
class ConcurrencyStressTest {
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
