package dev.continuum.bench;

import dev.continuum.BenchSupport;
import dev.continuum.Continuum;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import java.util.function.ToIntFunction;
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
 * A ring lookup taken apart, on the same keys as {@link LookupBench} with their ring positions
 * computed before timing: {@code slot}, the read of the index slot alone; {@code lookup}, the index
 * and the search that follows it (no hash). With the key hash alone (the floors of
 * {@link LookupBench}) these show what bounds a ring lookup: hash, index, search.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RingStepBench {
  /** The rings taken apart: the md5 dialects of issue 11's target and continuum's own ring. */
  static final String[] RINGS = {"continuum-python", "continuum-spymemcached", "continuum-twemproxy-md5", "continuum-ring"};

  @Param({"1000"})
  public int servers;

  @Param({"continuum-spymemcached"})
  public String contender;

  @Param({"slot", "lookup"})
  public String step;

  private IntUnaryOperator op;
  private int[] positions;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    Fleet fleet = new Fleet(servers);
    Continuum c = Contenders.built(contender, fleet);
    ToIntFunction<CharSequence> hash = BenchSupport.ringHash(c);
    IntUnaryOperator lookup = BenchSupport.ringLookup(c);
    IntUnaryOperator slot = BenchSupport.ringSlot(c);
    positions = new int[Fleet.KEYS];
    for (int i = 0; i < positions.length; i++) {
      String key = fleet.keys[i];
      positions[i] = hash.applyAsInt(key);
      if (c.servers().get(lookup.applyAsInt(positions[i])) != c.resolve(key)) {
        throw new IllegalStateException(contender + ": the ring from the hash differs from resolve on " + key);
      }
    }
    op = step.equals("slot") ? slot : lookup;
  }

  @Benchmark
  public int ring() {
    return op.applyAsInt(positions[next++ & (Fleet.KEYS - 1)]);
  }
}
