package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class BoundedLoadsTest {
  private static Continuum continuum(int n, double c) {
    Continuum cont = Continuum.builder(Algorithm.BOUNDED_LOAD).loadFactor(c).seed(3).build();
    cont.addServers(Placements.servers(n, 3));
    return cont;
  }

  @Test
  void noServerAboveCeilOfCTimesTheAverage() {
    Continuum c = continuum(10, 1.25);
    BoundedLoads loads = c.boundedLoads();
    // A hot key: without the bound every request would go to one server.
    for (int m = 1; m <= 1000; m++) {
      loads.acquire(m % 3 == 0 ? "hot" : "key-" + m);
      long bound = (long) Math.ceil(1.25 * m / 10);
      for (Server s : c.servers()) {
        assertThat(loads.load(s)).isLessThanOrEqualTo((int) bound);
      }
    }
    assertThat(loads.totalLoad()).isEqualTo(1000);
  }

  @Test
  void withoutLoadTheFirstRequestGoesWhereResolveSays() {
    Continuum c = continuum(10, 1.25);
    BoundedLoads loads = c.boundedLoads();
    for (int i = 0; i < 100; i++) {
      String key = "key-" + i;
      Server s = loads.acquire(key);
      assertThat(s).isEqualTo(c.resolve(key));
      loads.release(s);
    }
    assertThat(loads.totalLoad()).isZero();
  }

  @Test
  void weightedBounds() {
    Continuum c = Continuum.builder(Algorithm.BOUNDED_LOAD).loadFactor(1.1).build();
    c.addServer("a", 1, 1);
    Server big = c.addServer("b", 1, 3);
    BoundedLoads loads = c.boundedLoads();
    for (int m = 1; m <= 400; m++) {
      loads.acquire("hot");
      assertThat(loads.load(big)).isLessThanOrEqualTo((int) Math.ceil(1.1 * m * 3 / 4));
      assertThat(loads.load(Server.of("a", 1))).isLessThanOrEqualTo((int) Math.ceil(1.1 * m / 4));
    }
  }

  @Test
  void concurrentAcquiresRespectTheBoundAndReleasesBalance() throws Exception {
    Continuum c = continuum(16, 1.25);
    BoundedLoads loads = c.boundedLoads();
    int threads = 4;
    int perThread = 5000;
    CountDownLatch start = new CountDownLatch(1);
    ConcurrentLinkedQueue<Server> acquired = new ConcurrentLinkedQueue<>();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread w = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < perThread; i++) {
          acquired.add(loads.acquire(i % 2 == 0 ? "hot" : "key-" + id + "-" + i));
        }
      });
      workers.add(w);
      w.start();
    }
    start.countDown();
    for (Thread w : workers) {
      w.join();
    }
    int m = threads * perThread;
    assertThat(loads.totalLoad()).isEqualTo(m);
    long bound = (long) Math.ceil(1.25 * m / 16);
    int sum = 0;
    for (Server s : c.servers()) {
      assertThat(loads.load(s)).isLessThanOrEqualTo((int) bound);
      sum += loads.load(s);
    }
    assertThat(sum).isEqualTo(m);
    // Concurrent releases bring every counter back to zero.
    List<Thread> releasers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread w = new Thread(() -> {
        Server s;
        while ((s = acquired.poll()) != null) {
          loads.release(s);
        }
      });
      releasers.add(w);
      w.start();
    }
    for (Thread w : releasers) {
      w.join();
    }
    assertThat(loads.totalLoad()).isZero();
    for (Server s : c.servers()) {
      assertThat(loads.load(s)).isZero();
    }
  }

  @Test
  void errors() {
    Continuum c = continuum(2, 1.25);
    assertThatThrownBy(() -> c.boundedLoads().release(Server.of("x", 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("no acquired load to release on x:1");
    assertThatThrownBy(() -> new Continuum(Algorithm.RING).boundedLoads())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("bounded loads need algorithm bounded-load, this continuum uses ring");
    assertThatThrownBy(() -> new Continuum(Algorithm.BOUNDED_LOAD).boundedLoads().acquire("k"))
        .isInstanceOf(IllegalStateException.class).hasMessage("empty continuum");
    assertThat(c.boundedLoads()).isSameAs(c.boundedLoads());
  }

  /** Regression: the counter map kept an entry for every server ever removed. */
  @Test
  void countersOfRemovedServersAreDropped() {
    Continuum c = continuum(10, 1.25);
    BoundedLoads loads = c.boundedLoads();
    List<Server> inFlight = new ArrayList<>();
    for (int round = 0; round < 50; round++) {
      Server s = Server.of("10.9." + round + ".1", 11211);
      c.addServer(s);
      for (int i = 0; i < 30; i++) {
        inFlight.add(loads.acquire("r" + round + "-" + i));
      }
      c.removeServer(s);
      for (Server done : inFlight) {
        loads.release(done);
      }
      inFlight.clear();
    }
    assertThat(loads.totalLoad()).isZero();
    assertThat(loads.counters()).isLessThanOrEqualTo(10);
    Server held = loads.acquire("x");
    c.removeServer(held); // still loaded: kept until its release
    assertThat(loads.load(held)).isEqualTo(1);
    loads.release(held);
    assertThat(loads.counters()).isLessThanOrEqualTo(9);
    assertThatThrownBy(() -> loads.release(held)).hasMessageStartingWith("no acquired load to release");
  }
}
