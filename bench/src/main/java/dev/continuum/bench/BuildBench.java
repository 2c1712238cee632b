package dev.continuum.bench;

import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import dev.continuum.Server;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.spy.memcached.DefaultHashAlgorithm;
import net.spy.memcached.KetamaNodeLocator;
import net.spy.memcached.MemcachedNode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Building a placement over {@code servers} servers from nothing (160 points each on the rings). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BuildBench {
  @Param({"10000"})
  public int servers;

  @Param({"continuum-spymemcached", "continuum-python", "spymemcached"})
  public String contender;

  private Server[] all;
  private List<MemcachedNode> nodes;

  @Setup(Level.Trial)
  public void setUp() {
    Fleet fleet = new Fleet(servers);
    all = Contenders.servers(fleet);
    nodes = Contenders.spyNodes(fleet, 0, servers);
  }

  @Benchmark
  public Object build() {
    switch (contender) {
      case "continuum-spymemcached": {
        Continuum c = new Continuum(Algorithm.SPYMEMCACHED);
        c.addServers(all);
        return c;
      }
      case "continuum-python": {
        Continuum c = Continuum.builder(Algorithm.PYTHON_CONTINUUM).totalDots(160 * servers).build();
        c.addServers(all);
        return c;
      }
      case "spymemcached":
        return new KetamaNodeLocator(nodes, DefaultHashAlgorithm.KETAMA_HASH);
      default:
        throw new IllegalArgumentException(contender);
    }
  }
}
