package dev.continuum.bench;

import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import dev.continuum.Server;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One replica list, {@code resolve(key, n)}, of a String key, cycling through {@link Fleet#KEYS}
 * keys: the path of the rendezvous placements that ranks every server (one pass, a heap of n). The
 * list {@code resolve} returns is part of the cost; the ranking itself allocates nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ReplicaBench {
  @Param({"100", "1000"})
  public int servers;

  @Param({"rendezvous", "pymemcache"})
  public String algorithm;

  @Param({"3"})
  public int n;

  private Continuum c;
  private String[] keys;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    Fleet fleet = new Fleet(servers);
    c = Continuum.builder(Algorithm.valueOf(algorithm.toUpperCase(java.util.Locale.ROOT))).build();
    for (String host : fleet.hosts) {
      c.addServer(Server.of(host, Fleet.PORT));
    }
    keys = fleet.keys;
    if (c.resolve(keys[0], n).size() != n) {
      throw new IllegalStateException(algorithm + ": expected " + n + " replicas");
    }
  }

  @Benchmark
  public Object replicas() {
    return c.resolve(keys[next++ & (Fleet.KEYS - 1)], n);
  }
}
