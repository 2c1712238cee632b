package dev.continuum;

import java.util.ArrayList;
import java.util.List;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Lincheck: concurrent scenarios of adds, removes, re-weights, batches, resolves and reads must be
 * linearizable, i.e. explainable by some order of the same operations run one at a time on a
 * {@link Continuum} (the sequential specification is this class itself). Model checking explores
 * thread interleavings systematically; stress runs them on real threads.
 *
 * <p>30 to 60 s on a shared 2-core machine: model checking instruments every memory access
 * (MD5 and list copies included) and explores 160 interleavings; kept because it is the check that
 * covers orderings a stress run rarely hits. The scenario sizes are the smallest that exercise a
 * change racing two reads.
 */
@Param(name = "server", gen = IntGen.class, conf = "0:3")
@Param(name = "capacity", gen = IntGen.class, conf = "0:3")
@Param(name = "key", gen = IntGen.class, conf = "0:7")
public class LinearizabilityTest {
  private final Continuum continuum = new Continuum(40);

  private static Server server(int i) {
    return Server.of("10.0.0." + i, 11211);
  }

  @Operation
  public boolean add(@Param(name = "server") int i) {
    try {
      continuum.addServer(server(i));
      return true;
    } catch (IllegalArgumentException rejected) {
      return false;
    }
  }

  @Operation
  public boolean addPair(@Param(name = "server") int i, @Param(name = "server") int j) {
    try {
      continuum.addServers(server(i), server(j));
      return true;
    } catch (IllegalArgumentException rejected) {
      return false;
    }
  }

  @Operation
  public boolean remove(@Param(name = "server") int i) {
    try {
      continuum.removeServer(server(i));
      return true;
    } catch (IllegalArgumentException rejected) {
      return false;
    }
  }

  @Operation
  public boolean reweight(@Param(name = "server") int i, @Param(name = "capacity") int capacity) {
    try {
      continuum.updateServer(server(i).withCapacity(capacity));
      return true;
    } catch (IllegalArgumentException rejected) {
      return false;
    }
  }

  @Operation
  public String resolve(@Param(name = "key") int key) {
    try {
      Server s = continuum.resolve("key-" + key);
      return s.hostPort() + "/" + s.capacity();
    } catch (IllegalStateException empty) {
      return empty.getMessage();
    }
  }

  @Operation
  public List<String> servers() {
    List<String> out = new ArrayList<>();
    for (Server s : continuum.servers()) {
      out.add(s.hostPort() + "/" + s.capacity());
    }
    return out;
  }

  @Operation
  public int size() {
    return continuum.size();
  }

  @Test
  void modelChecking() {
    // The model checker calls a loop of more than loopBound iterations (default 50) in one operation a
    // hang; building a ring loops once over its points and once over its index (64 slots at 40 dots).
    new ModelCheckingOptions().iterations(4).invocationsPerIteration(40).threads(2).actorsPerThread(3)
        .loopBound(1000).check(LinearizabilityTest.class);
  }

  @Test
  void stress() {
    new StressOptions().iterations(4).invocationsPerIteration(400).threads(3).actorsPerThread(3)
        .check(LinearizabilityTest.class);
  }
}
