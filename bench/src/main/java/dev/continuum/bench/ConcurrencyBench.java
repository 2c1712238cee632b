package dev.continuum.bench;

import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import dev.continuum.Server;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Readers of one {@link Continuum} while a writer adds and removes a server: the readers' total
 * throughput with two reader threads ({@code twoReaders}) against one ({@code oneReader}). The writer
 * makes one change every {@code writerPauseMicros} (plus the change's own time), so that on a 2-core
 * machine it does not simply take a reader's core; readers never take a lock.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ConcurrencyBench {
  @State(Scope.Group)
  public static class Shared {
    @Param({"1000"})
    public int servers;

    @Param({"10000"})
    public int writerPauseMicros;

    Continuum continuum;
    Server extra;
    String[] keys;

    @Setup(Level.Trial)
    public void setUp() {
      Fleet fleet = new Fleet(servers + 1);
      Server[] all = Contenders.servers(fleet);
      continuum = new Continuum(Algorithm.SPYMEMCACHED);
      for (int i = 0; i < servers; i++) {
        continuum.addServer(all[i]);
      }
      extra = all[servers];
      keys = fleet.keys;
    }

    void change(Writer w) {
      if (w.present) {
        continuum.removeServer(extra);
      } else {
        continuum.addServer(extra);
      }
      w.present = !w.present;
      LockSupport.parkNanos(writerPauseMicros * 1000L);
    }
  }

  /** Reader-local (JMH pads thread states), so readers share no written cache line. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  /**
   * The writer's own flag, kept out of {@link Shared}: writing it there would invalidate the line
   * holding {@code continuum} and {@code keys}, which every reader loads on every lookup.
   */
  @State(Scope.Thread)
  public static class Writer {
    boolean present;
  }

  @Benchmark
  @Group("oneReader")
  @GroupThreads(1)
  public Server oneReaderLookup(Shared s, Cursor c) {
    return s.continuum.resolve(s.keys[c.next++ & (Fleet.KEYS - 1)]);
  }

  @Benchmark
  @Group("oneReader")
  @GroupThreads(1)
  public void oneReaderWriter(Shared s, Writer w) {
    s.change(w);
  }

  @Benchmark
  @Group("twoReaders")
  @GroupThreads(2)
  public Server twoReadersLookup(Shared s, Cursor c) {
    return s.continuum.resolve(s.keys[c.next++ & (Fleet.KEYS - 1)]);
  }

  @Benchmark
  @Group("twoReaders")
  @GroupThreads(1)
  public void twoReadersWriter(Shared s, Writer w) {
    s.change(w);
  }
}
