package dev.continuum.bench;

import com.google.code.yanf4j.core.Session;
import dev.continuum.Algorithm;
import dev.continuum.BenchSupport;
import dev.continuum.Continuum;
import java.util.ArrayList;
import java.util.List;
import net.rubyeye.xmemcached.impl.KetamaMemcachedSessionLocator;
import net.spy.memcached.DefaultHashAlgorithm;
import net.spy.memcached.KetamaNodeLocator;
import net.spy.memcached.MemcachedNode;
import org.openjdk.jol.info.GraphLayout;

/**
 * Retained bytes per ring point, measured with JOL by walking the object graph: continuum's
 * placement (its arrays) against the peers' locators less their nodes.
 */
final class MemoryReport {
  private MemoryReport() {}

  /** Rows: name, servers, points, bytes, bytes per point. */
  static List<Object[]> measure(int[] serverCounts) {
    List<Object[]> rows = new ArrayList<>();
    for (int n : serverCounts) {
      Fleet fleet = new Fleet(n);
      long points = 160L * n;
      Continuum spy = new Continuum(Algorithm.SPYMEMCACHED);
      spy.addServers(Contenders.servers(fleet));
      rows.add(row("continuum-spymemcached", n, points, GraphLayout.parseInstance(BenchSupport.placementOf(spy)).totalSize()));
      Continuum python = Continuum.builder(Algorithm.PYTHON_CONTINUUM).totalDots(160 * n).build();
      python.addServers(Contenders.servers(fleet));
      rows.add(row("continuum-python", n, points, GraphLayout.parseInstance(BenchSupport.placementOf(python)).totalSize()));

      List<MemcachedNode> nodes = Contenders.spyNodes(fleet, 0, n);
      KetamaNodeLocator locator = new KetamaNodeLocator(nodes, DefaultHashAlgorithm.KETAMA_HASH);
      rows.add(row("spymemcached", n, points, without(locator, nodes.toArray())));
      List<Session> sessions = Contenders.xmemcachedSessions(fleet, 0, n);
      KetamaMemcachedSessionLocator xmem = new KetamaMemcachedSessionLocator();
      xmem.updateSessions(sessions);
      rows.add(row("xmemcached", n, points, without(xmem, sessions.toArray())));
    }
    return rows;
  }

  private static long without(Object root, Object[] excluded) {
    return GraphLayout.parseInstance(root).subtract(GraphLayout.parseInstance(excluded)).totalSize();
  }

  private static Object[] row(String name, int servers, long points, long bytes) {
    return new Object[] {name, servers, points, bytes, (double) bytes / points};
  }

  public static void main(String[] args) {
    for (Object[] r : measure(new int[] {1000})) {
      System.out.printf("%-18s %6d servers %9d points %11d B %7.2f B/point%n", r);
    }
  }
}
