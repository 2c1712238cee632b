package dev.continuum.bench;

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

/** One lookup of a String key, cycling through {@link Fleet#KEYS} keys, for every contender. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LookupBench {
  @Param({"1000"})
  public int servers;

  @Param({"continuum-spymemcached"})
  public String contender;

  private Contender c;
  private String[] keys;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    Fleet fleet = new Fleet(servers);
    c = Contenders.create(contender, fleet);
    Verify.contender(contender, c, fleet);
    keys = fleet.keys;
  }

  @Benchmark
  public Object lookup() {
    return c.locate(keys[next++ & (Fleet.KEYS - 1)]);
  }
}
