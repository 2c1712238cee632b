package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.Placements.Spec;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Placement.index and Continuum.resolve (of a String, bytes, a 64-bit hash) allocate nothing: counted with the JVM's per-thread
 * allocation counter.
 */
class AllocationFreeLookupTest {
  @Test
  void indexAllocatesNothing() {
    com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    String[] keys = Placements.keys(1000, 7);
    keys[1] = "ключ-é-🔑"; // non-ASCII: encoded into the per-thread scratch buffer
    byte[][] bytes = new byte[keys.length][];
    for (int i = 0; i < keys.length; i++) {
      bytes[i] = keys[i].getBytes(StandardCharsets.UTF_8);
    }
    for (Spec spec : Spec.values()) {
      Continuum c = spec.continuum(7);
      c.addServers(Placements.servers(50, 7));
      Placement p = c.snapshot().placement;
      boolean prehashed = spec.algorithm.has(Algorithm.Capability.PREHASHED_KEYS);
      long sink = 0;
      for (int round = 0; round < 20; round++) { // warm-up: scratch buffers, class init, compilation
        for (int i = 0; i < keys.length; i++) {
          sink += p.index(keys[i]) + p.index(bytes[i], 0, bytes[i].length);
          sink += prehashed ? c.resolve(i * 0x9E3779B97F4A7C15L).port() : 0;
          sink += c.resolve(keys[i]).port() + c.resolve(bytes[i]).port();
        }
      }
      long before = bean.getThreadAllocatedBytes(thread);
      for (int round = 0; round < 10; round++) {
        for (int i = 0; i < keys.length; i++) {
          sink += p.index(keys[i]) + p.index(bytes[i], 0, bytes[i].length);
          sink += prehashed ? c.resolve(i * 0x9E3779B97F4A7C15L).port() : 0;
          sink += c.resolve(keys[i]).port() + c.resolve(bytes[i]).port();
        }
      }
      long allocated = bean.getThreadAllocatedBytes(thread) - before;
      // 40,000 lookups (50,000 with the prehashed ones); the counter call itself may account a few bytes.
      assertThat(allocated).as(spec + " (sink " + sink + ")").isLessThan(1024);
    }
  }

  /**
   * The rendezvous placements rank replicas with {@link TopRanked}, whose heap lives in the caller's
   * array and whose scores live in per-thread scratch: {@code indexes} allocates nothing either.
   */
  @Test
  void rendezvousReplicasAllocateNothing() {
    com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    String[] keys = Placements.keys(1000, 7);
    int[] out = new int[50];
    for (Algorithm a : new Algorithm[] {Algorithm.RENDEZVOUS, Algorithm.PYMEMCACHE}) {
      Continuum c = Continuum.builder(a).seed(7).build();
      c.addServers(Placements.servers(50, 7));
      Placement p = c.snapshot().placement;
      long sink = 0;
      for (int round = 0; round < 20; round++) { // warm-up: scratch buffers, class init, compilation
        for (int i = 0; i < keys.length; i++) {
          p.indexes(keys[i], out, 1 + i % 50);
          sink += out[0];
        }
      }
      long before = bean.getThreadAllocatedBytes(thread);
      for (int round = 0; round < 10; round++) {
        for (int i = 0; i < keys.length; i++) {
          p.indexes(keys[i], out, 1 + i % 50);
          sink += out[0];
        }
      }
      long allocated = bean.getThreadAllocatedBytes(thread) - before;
      assertThat(allocated).as(a + " (sink " + sink + ")").isLessThan(1024);
    }
  }
}
