package dev.continuum.spymemcached;

import static dev.continuum.spymemcached.StandInNodes.loopback;
import static dev.continuum.spymemcached.StandInNodes.node;
import static dev.continuum.spymemcached.StandInNodes.port;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import dev.continuum.Server;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.spy.memcached.DefaultHashAlgorithm;
import net.spy.memcached.KetamaNodeLocator;
import net.spy.memcached.MemcachedNode;
import net.spy.memcached.MemcachedNodeROImpl;
import net.spy.memcached.NodeLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ContinuumNodeLocatorTest {
  private static final int KEYS = 20_000;

  private static String key(int i) {
    return "key:" + i;
  }

  @Test
  void defaultPlacesEveryKeyWhereSpymemcachedsKetamaLocatorDoes() {
    List<MemcachedNode> nodes = new ArrayList<>(loopback(6, 11211));
    nodes.add(node(new InetSocketAddress("localhost", 22122))); // node key "localhost/127.0.0.1:22122"
    ContinuumNodeLocator ours = new ContinuumNodeLocator(nodes);
    KetamaNodeLocator theirs = new KetamaNodeLocator(nodes, DefaultHashAlgorithm.KETAMA_HASH);
    int same = 0;
    for (int i = 0; i < KEYS; i++) {
      if (ours.getPrimary(key(i)) == theirs.getPrimary(key(i))) {
        same++;
      }
    }
    System.out.printf("spymemcached KetamaNodeLocator agreement: %d of %d keys%n", same, KEYS);
    assertThat(ours.algorithm()).isEqualTo(Algorithm.SPYMEMCACHED);
    assertThat(same).isEqualTo(KEYS);
  }

  @Test
  void fingerprintIsTheContinuumsOfTheSameServersAndAddresses() {
    List<MemcachedNode> nodes = new ArrayList<>(loopback(3, 11211));
    nodes.add(node(new InetSocketAddress("localhost", 22122)));
    ContinuumNodeLocator locator = new ContinuumNodeLocator(nodes);
    Continuum same = new Continuum(Algorithm.SPYMEMCACHED);
    for (int i = 0; i < 3; i++) {
      same.addServer(Server.of("127.0.0.1", 11211 + i));
    }
    Server local = Server.of("localhost", 22122);
    same.addServer(local.withAddress("127.0.0.1"));
    assertThat(locator.fingerprint()).isEqualTo(same.fingerprint());
    Continuum unresolved = new Continuum(Algorithm.SPYMEMCACHED);
    for (int i = 0; i < 3; i++) {
      unresolved.addServer(Server.of("127.0.0.1", 11211 + i));
    }
    unresolved.addServer(local); // spymemcached's node key then reads "localhost/<unresolved>:22122"
    assertThat(locator.fingerprint()).isNotEqualTo(unresolved.fingerprint());
  }

  @Test
  void sequenceIsTheReplicaOrderWithoutThePrimary() {
    List<MemcachedNode> nodes = loopback(10, 11211);
    ContinuumNodeLocator locator = new ContinuumNodeLocator(nodes, Algorithm.PYTHON_CONTINUUM);
    Continuum reference = new Continuum();
    for (MemcachedNode n : nodes) {
      reference.addServer("127.0.0.1", port(n));
    }
    for (int i = 0; i < 2_000; i++) {
      String k = key(i);
      List<Server> replicas = reference.resolve(k, 10);
      assertThat(port(locator.getPrimary(k))).isEqualTo(replicas.get(0).port());
      List<Integer> sequence = new ArrayList<>();
      for (Iterator<MemcachedNode> it = locator.getSequence(k); it.hasNext(); ) {
        MemcachedNode n = it.next();
        assertThat(n).isNotSameAs(locator.getPrimary(k));
        sequence.add(port(n));
      }
      List<Integer> expected = new ArrayList<>();
      for (Server s : replicas.subList(1, 10)) {
        expected.add(s.port());
      }
      assertThat(sequence).isEqualTo(expected);
    }
  }

  @Test
  void singleNodeHasAnEmptySequence() {
    ContinuumNodeLocator locator = new ContinuumNodeLocator(loopback(1, 11211));
    assertThat(locator.getSequence("a").hasNext()).isFalse();
  }

  @Test
  void getAllKeepsTheGivenOrder() {
    List<MemcachedNode> nodes = loopback(5, 11211);
    assertThat(new ContinuumNodeLocator(nodes).getAll()).containsExactlyElementsOf(nodes);
  }

  @Test
  void readonlyCopyPlacesTheSameWayOverReadOnlyNodesAndCannotChange() {
    List<MemcachedNode> nodes = loopback(5, 11211);
    ContinuumNodeLocator locator = new ContinuumNodeLocator(nodes, Algorithm.TWEMPROXY_MD5);
    NodeLocator copy = locator.getReadonlyCopy();
    assertThat(copy.getAll()).hasSize(5).allSatisfy(n -> assertThat(n).isInstanceOf(MemcachedNodeROImpl.class));
    for (int i = 0; i < 2_000; i++) {
      MemcachedNode ro = copy.getPrimary(key(i));
      assertThat(ro).isInstanceOf(MemcachedNodeROImpl.class);
      assertThat(ro.getSocketAddress()).isEqualTo(locator.getPrimary(key(i)).getSocketAddress());
    }
    assertThatThrownBy(() -> copy.updateLocator(nodes)).isInstanceOf(UnsupportedOperationException.class);
    locator.updateLocator(nodes.subList(0, 2)); // the copy is a snapshot
    assertThat(copy.getAll()).hasSize(5);
  }

  @Test
  void removingAndReAddingANodeMovesOnlyThatNodesKeys() {
    // Rings with a fixed number of points per server and rendezvous; not python-continuum, which
    // spreads a fixed total of dots over the servers, so a removal re-slices every server.
    for (Algorithm algorithm : List.of(Algorithm.SPYMEMCACHED, Algorithm.TWEMPROXY,
        Algorithm.PYMEMCACHE)) {
      List<MemcachedNode> nodes = loopback(10, 11211);
      ContinuumNodeLocator locator = new ContinuumNodeLocator(nodes, algorithm);
      MemcachedNode[] before = primaries(locator);
      MemcachedNode removed = nodes.get(3);
      List<MemcachedNode> rest = new ArrayList<>(nodes);
      rest.remove(removed);
      locator.updateLocator(rest);
      MemcachedNode[] during = primaries(locator);
      int ownedByRemoved = 0;
      int movedOthers = 0;
      for (int i = 0; i < KEYS; i++) {
        if (before[i] == removed) {
          ownedByRemoved++;
        } else if (during[i] != before[i]) {
          movedOthers++;
        }
      }
      locator.updateLocator(nodes);
      MemcachedNode[] after = primaries(locator);
      int notBack = 0;
      for (int i = 0; i < KEYS; i++) {
        if (after[i] != before[i]) {
          notBack++;
        }
      }
      System.out.printf("%s remove/re-add 1 of 10 nodes over %d keys: moved %d (the removed node's keys),"
          + " other keys moved %d, keys not back after re-adding %d%n",
          algorithm.cliName(), KEYS, ownedByRemoved, movedOthers, notBack);
      assertThat(movedOthers).isZero();
      assertThat(notBack).isZero();
      assertThat(ownedByRemoved).isBetween(KEYS / 20, KEYS / 5);
    }
  }

  private static MemcachedNode[] primaries(NodeLocator locator) {
    MemcachedNode[] out = new MemcachedNode[KEYS];
    for (int i = 0; i < KEYS; i++) {
      out[i] = locator.getPrimary(key(i));
    }
    return out;
  }

  @Test
  void weightsGoToTheNamedNodes() {
    List<MemcachedNode> nodes = loopback(2, 11211);
    ContinuumNodeLocator locator = new ContinuumNodeLocator(nodes, Continuum.builder(Algorithm.TWEMPROXY),
        Map.of("127.0.0.1:11211", 3));
    int first = 0;
    for (int i = 0; i < KEYS; i++) {
      if (locator.getPrimary(key(i)) == nodes.get(0)) {
        first++;
      }
    }
    System.out.printf("twemproxy weights 3:1 -> %d of %d keys on the heavy node%n", first, KEYS);
    assertThat(locator.serverFor(key(0)).capacity()).isIn(1, 3);
    assertThat(first).isBetween(KEYS * 65 / 100, KEYS * 85 / 100);
  }

  @Test
  void aZeroWeightNodeIsNeitherPrimaryNorInTheSequence() {
    // (pymemcache's rendezvous has no weights: there a capacity-0 node still takes keys)
    for (Algorithm algorithm : List.of(Algorithm.SPYMEMCACHED_WEIGHTED, Algorithm.PYTHON_CONTINUUM)) {
      List<MemcachedNode> nodes = loopback(4, 11211);
      ContinuumNodeLocator locator = new ContinuumNodeLocator(nodes, Continuum.builder(algorithm),
          Map.of("127.0.0.1:11212", 0));
      for (int i = 0; i < 2_000; i++) {
        assertThat(locator.getPrimary(key(i))).isNotSameAs(nodes.get(1));
        List<MemcachedNode> sequence = new ArrayList<>();
        locator.getSequence(key(i)).forEachRemaining(sequence::add);
        assertThat(sequence).as(algorithm.cliName()).hasSize(2).doesNotContain(nodes.get(1), locator.getPrimary(key(i)));
      }
    }
  }

  /**
   * Readers run while three updaters switch the node list between two lists of equal size that share
   * only some nodes: every answer must come from one whole list (a failover sequence is one list's
   * nodes but its primary, each once), never from a mix of the two, on every algorithm family.
   */
  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"SPYMEMCACHED", "PYTHON_CONTINUUM", "RING", "JUMP", "MEMENTO",
      "MAGLEV", "RENDEZVOUS", "MULTI_PROBE", "TWEMPROXY_MD5", "PYMEMCACHE"})
  void readersNeverSeeAHalfUpdatedLocator(Algorithm algorithm) throws InterruptedException {
    List<MemcachedNode> nodes = loopback(12, 11211);
    List<MemcachedNode> first = nodes.subList(0, 8);
    List<MemcachedNode> second = nodes.subList(4, 12);
    ContinuumNodeLocator locator = new ContinuumNodeLocator(first, algorithm);
    java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
    Thread reader = new Thread(() -> {
      try {
        for (int i = 0; !stop.get(); i++) {
          assertThat(nodes).contains(locator.getPrimary(key(i)));
          if (i % 16 == 0) {
            List<MemcachedNode> sequence = new ArrayList<>();
            locator.getSequence(key(i)).forEachRemaining(sequence::add);
            assertThat(sequence).hasSize(7).doesNotHaveDuplicates();
            assertThat(first.containsAll(sequence) || second.containsAll(sequence))
                .as("sequence %s from one list", sequence).isTrue();
            Collection<MemcachedNode> all = locator.getAll();
            assertThat(all.equals(first) || all.equals(second)).as("getAll() is one list").isTrue();
          }
        }
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
      }
    });
    List<Thread> updaters = new ArrayList<>();
    for (int u = 0; u < 3; u++) {
      int id = u;
      updaters.add(new Thread(() -> {
        try {
          for (int round = 0; round < 100; round++) {
            locator.updateLocator((round + id) % 2 == 0 ? second : first);
          }
        } catch (Throwable t) {
          failure.compareAndSet(null, t);
        }
      }));
    }
    reader.start();
    updaters.forEach(Thread::start);
    for (Thread t : updaters) {
      t.join();
    }
    stop.set(true);
    reader.join(30_000);
    assertThat(failure.get()).isNull();
  }

  @Test
  void badInputIsRejectedAndARejectedUpdateChangesNothing() {
    List<MemcachedNode> nodes = loopback(3, 11211);
    assertThatThrownBy(() -> new ContinuumNodeLocator(nodes, Continuum.builder(Algorithm.SPYMEMCACHED),
        Map.of("127.0.0.1:11211", 2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not support weights");
    ContinuumNodeLocator locator = new ContinuumNodeLocator(nodes);
    MemcachedNode[] before = primaries(locator);
    List<MemcachedNode> twice = new ArrayList<>(nodes);
    twice.add(node(new InetSocketAddress("127.0.0.1", 11211)));
    assertThatThrownBy(() -> locator.updateLocator(twice))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listed twice: 127.0.0.1:11211");
    assertThat(primaries(locator)).containsExactly(before);
    assertThat(locator.getAll()).containsExactlyElementsOf(nodes);
    Set<MemcachedNode> used = new HashSet<>(List.of(before));
    assertThat(used).hasSize(3);
  }

  /**
   * Regression: the locator kept the caller's builder, set autogenerate on it, and read it again at
   * every update, so a later {@code seed(2)} by the caller moved most keys at the next update.
   */
  @Test
  void callersBuilderIsReadOnceAndNeitherKeptNorChanged() {
    List<MemcachedNode> nodes = loopback(8, 11211);
    Continuum.Builder builder = Continuum.builder(Algorithm.RING).seed(1).autogenerate(false);
    ContinuumNodeLocator locator = new ContinuumNodeLocator(nodes, builder, Map.of());
    MemcachedNode[] before = primaries(locator);
    assertThat(builder.build().autogenerates()).as("the caller's builder is not changed").isFalse();
    builder.seed(2);
    locator.updateLocator(nodes);
    assertThat(primaries(locator)).containsExactly(before);
    Continuum reference = Continuum.builder(Algorithm.RING).seed(1).build();
    for (MemcachedNode n : nodes) {
      reference.addServer(Server.of("127.0.0.1", port(n)));
    }
    for (int i = 0; i < 2_000; i++) {
      assertThat(port(locator.getPrimary(key(i)))).isEqualTo(reference.resolve(key(i)).port());
    }
  }

  /**
   * Every algorithm: after each update the locator places every key (primary and failover sequence)
   * exactly where a continuum given the same changes does. Regression: each update rebuilt a fresh
   * continuum, so jump and memento gave every node after a removed one a new slot, moving its keys.
   */
  @ParameterizedTest
  @EnumSource(Algorithm.class)
  void updatesAreTheChangesAppliedToOneContinuum(Algorithm algorithm) {
    List<MemcachedNode> nodes = loopback(9, 11211);
    ContinuumNodeLocator locator = new ContinuumNodeLocator(nodes.subList(0, 8), algorithm);
    Continuum reference = new Continuum(algorithm);
    for (MemcachedNode n : nodes.subList(0, 8)) {
      reference.addServer(server(n));
    }
    List<MemcachedNode> current = new ArrayList<>(nodes.subList(0, 8));
    samePlacement(locator, reference, current, "start");
    MemcachedNode middle = nodes.get(3);
    current.remove(middle); // a node from the middle
    locator.updateLocator(current);
    reference.removeServer(server(middle));
    samePlacement(locator, reference, current, "middle node removed");
    current.add(nodes.get(8)); // a new node
    locator.updateLocator(current);
    reference.addServer(server(nodes.get(8)));
    samePlacement(locator, reference, current, "node added");
    current.add(middle); // the removed node back
    locator.updateLocator(current);
    reference.addServer(server(middle));
    samePlacement(locator, reference, current, "node re-added");
  }

  private static Server server(MemcachedNode n) {
    return Server.of("127.0.0.1", port(n)).withAddress("127.0.0.1");
  }

  private static void samePlacement(ContinuumNodeLocator locator, Continuum reference, List<MemcachedNode> nodes,
      String after) {
    assertThat(locator.getAll()).containsExactlyElementsOf(nodes);
    int reachable = reference.servers().size();
    for (int i = 0; i < 2_000; i++) {
      String k = key(i);
      assertThat(port(locator.getPrimary(k))).as("%s: %s", after, k).isEqualTo(reference.resolve(k).port());
      if (i % 100 == 0) {
        List<Integer> sequence = new ArrayList<>();
        locator.getSequence(k).forEachRemaining(n -> sequence.add(port(n)));
        List<Integer> expected = new ArrayList<>();
        for (Server s : reference.resolve(k, reachable).subList(1, reachable)) {
          expected.add(s.port());
        }
        assertThat(sequence).as("%s: sequence of %s", after, k).isEqualTo(expected);
      }
    }
  }

  /** A reordered list is placed in its new order, exactly as spymemcached's own locator places it. */
  @Test
  void aReorderedListIsPlacedAsSpymemcachedPlacesIt() {
    List<MemcachedNode> nodes = loopback(6, 11211);
    ContinuumNodeLocator ours = new ContinuumNodeLocator(nodes);
    List<MemcachedNode> reordered = new ArrayList<>(nodes);
    java.util.Collections.reverse(reordered);
    reordered.remove(2);
    ours.updateLocator(reordered);
    KetamaNodeLocator theirs = new KetamaNodeLocator(reordered, DefaultHashAlgorithm.KETAMA_HASH);
    for (int i = 0; i < KEYS; i++) {
      assertThat(ours.getPrimary(key(i))).isSameAs(theirs.getPrimary(key(i)));
    }
  }
}
