package dev.continuum.bench;

import com.google.code.yanf4j.core.Session;
import dev.continuum.Algorithm;
import dev.continuum.BenchSupport;
import dev.continuum.Continuum;
import dev.continuum.Server;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.rubyeye.xmemcached.impl.KetamaMemcachedSessionLocator;
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

/**
 * Adding or removing one server of {@code servers} (160 points each on the rings): each call toggles
 * the same extra server in or out, so the average covers adds and removes equally.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class UpdateBench {
  @Param({"1000"})
  public int servers;

  /** continuum-spymemcached and continuum-ring merge; the -rebuild variant and continuum-python rebuild everything. */
  @Param({"continuum-spymemcached", "continuum-spymemcached-rebuild", "continuum-ring", "continuum-python", "spymemcached", "xmemcached"})
  public String contender;

  private Runnable add;
  private Runnable remove;
  private boolean present;

  @Setup(Level.Trial)
  public void setUp() {
    Fleet fleet = new Fleet(servers + 1);
    switch (contender) {
      case "continuum-spymemcached" -> continuum(new Continuum(Algorithm.SPYMEMCACHED), fleet);
      case "continuum-spymemcached-rebuild" -> continuum(BenchSupport.fullBuilds(Algorithm.SPYMEMCACHED), fleet);
      case "continuum-ring" -> continuum(new Continuum(Algorithm.RING), fleet);
      case "continuum-python" -> continuum(Continuum.builder(Algorithm.PYTHON_CONTINUUM).totalDots(160 * servers).build(), fleet);
      case "spymemcached" -> {
        List<MemcachedNode> with = Contenders.spyNodes(fleet, 0, servers + 1);
        List<MemcachedNode> without = new ArrayList<>(with.subList(0, servers));
        KetamaNodeLocator locator = new KetamaNodeLocator(without, DefaultHashAlgorithm.KETAMA_HASH);
        add = () -> locator.updateLocator(with);
        remove = () -> locator.updateLocator(without);
      }
      case "xmemcached" -> {
        List<Session> with = Contenders.xmemcachedSessions(fleet, 0, servers + 1);
        List<Session> without = new ArrayList<>(with.subList(0, servers));
        KetamaMemcachedSessionLocator locator = new KetamaMemcachedSessionLocator();
        locator.updateSessions(without);
        add = () -> locator.updateSessions(with);
        remove = () -> locator.updateSessions(without);
      }
      default -> throw new IllegalArgumentException(contender);
    }
  }

  private void continuum(Continuum c, Fleet fleet) {
    Server[] all = Contenders.servers(fleet);
    for (int i = 0; i < servers; i++) {
      c.addServer(all[i]);
    }
    Server extra = all[servers];
    add = () -> c.addServer(extra);
    remove = () -> c.removeServer(extra);
  }

  @Benchmark
  public boolean addOrRemoveOne() {
    if (present) {
      remove.run();
    } else {
      add.run();
    }
    present = !present;
    return present;
  }
}
