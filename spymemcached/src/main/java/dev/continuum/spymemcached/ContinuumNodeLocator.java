package dev.continuum.spymemcached;

import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import dev.continuum.Server;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import net.spy.memcached.MemcachedNode;
import net.spy.memcached.MemcachedNodeROImpl;
import net.spy.memcached.NodeLocator;

/**
 * A spymemcached {@link NodeLocator} that places keys with a continuum {@link Algorithm}.
 *
 * <p>Each {@link MemcachedNode} becomes a continuum {@link Server} named by its socket address: the
 * host string as given ({@link InetSocketAddress#getHostString()}, never a reverse lookup), the port,
 * the resolved IP as {@link Server#address()} (spymemcached's own node key uses it) and the capacity
 * from the optional weights map (keys {@code host:port}, default 1).
 *
 * <p>The default algorithm is {@link Algorithm#SPYMEMCACHED}: it places every key exactly where
 * spymemcached's own {@code KetamaNodeLocator} with {@code KETAMA_HASH} does, so switching a running
 * client to this locator keeps the cache warm. Pass another algorithm to share keys with other clients
 * ({@code twemproxy}, {@code pymemcache}, ...) or to use weights.
 *
 * <h2>Updates</h2>
 * {@link #updateLocator} applies the difference between the old and the new node list to a
 * {@linkplain Continuum#copy() copy} of the current continuum: removed nodes are removed, added nodes
 * added, re-weighted or re-resolved nodes updated. So an update is incremental (a ring merges the
 * changed points instead of re-sorting all of them) and {@code jump}'s and {@code memento}'s slots
 * survive it: removing a node moves exactly the keys the algorithm moves for that removal. When the
 * kept nodes change order, or new nodes come before old ones, and the placement depends on the list
 * order (the ketama dialects' tie rules, python-continuum), the new list is placed from scratch in
 * its order, as spymemcached's own locator does on every update.
 *
 * <h2>Threads</h2>
 * Lookups never block: the placement and the node table are one immutable state published through a
 * volatile field; {@link #updateLocator} builds the next state aside. A {@link Continuum} inside a
 * published state is never changed again (the next state's is a copy), which is also why read-only
 * copies can share it. Updates are serialised among themselves.
 */
public final class ContinuumNodeLocator implements NodeLocator {
  /** A placement and the nodes it places on, published together. */
  private static final class State {
    final Continuum continuum;
    final Map<Server, MemcachedNode> nodes;
    final List<MemcachedNode> all;
    /** How many servers can take keys: the longest replica order {@code resolve(key, n)} gives. */
    final int reachable;

    State(Continuum continuum, Map<Server, MemcachedNode> nodes, List<MemcachedNode> all, int reachable) {
      this.continuum = continuum;
      this.nodes = nodes;
      this.all = all;
      this.reachable = reachable;
    }
  }

  /** An empty continuum with the caller's algorithm and options, built once: the caller's builder is not kept. */
  private final Continuum empty;
  private final Map<String, Integer> weights;
  private final boolean readOnly;
  private final Object writeLock = new Object();
  private volatile State state;

  /**
   * Places keys as spymemcached 2.12.3's {@code KetamaNodeLocator} with {@code KETAMA_HASH} does.
   *
   * @param nodes the nodes, in spymemcached's order
   * @throws NullPointerException if {@code nodes} or one of them is null
   * @throws IllegalArgumentException if a node is listed twice or its address is not an
   *     {@link InetSocketAddress}
   */
  public ContinuumNodeLocator(List<MemcachedNode> nodes) {
    this(nodes, Algorithm.SPYMEMCACHED);
  }

  /**
   * Places keys with {@code algorithm} and its default options, every node with capacity 1.
   *
   * @param nodes the nodes, in spymemcached's order
   * @param algorithm the algorithm or dialect
   * @throws NullPointerException if an argument or a node is null
   * @throws IllegalArgumentException if a node is listed twice, its address is not an
   *     {@link InetSocketAddress}, or the list is refused by the algorithm (see {@link Continuum})
   */
  public ContinuumNodeLocator(List<MemcachedNode> nodes, Algorithm algorithm) {
    this(nodes, Continuum.builder(algorithm), Map.of());
  }

  /**
   * Places keys with the algorithm and options of {@code config}, weighting nodes by {@code weights}.
   * The builder is read here, once, and neither kept nor changed: changing it afterwards does not
   * affect this locator. Updates take effect at once whatever its autogenerate setting.
   *
   * @param nodes the nodes, in spymemcached's order
   * @param config the algorithm and its options
   * @param weights capacity by {@code host:port} (the host as given to spymemcached); nodes not
   *     listed get 1
   * @throws IllegalArgumentException if weights are given for an algorithm without weights, a weight
   *     is invalid, a node is listed twice or its address is not an {@link InetSocketAddress}, or the
   *     list is refused by the algorithm (see {@link Continuum})
   * @throws NullPointerException if an argument or a node is null
   */
  public ContinuumNodeLocator(List<MemcachedNode> nodes, Continuum.Builder config, Map<String, Integer> weights) {
    this(nodes, Objects.requireNonNull(config, "config").build(), weights);
  }

  /** A locator over the algorithm and options of {@code empty}, an empty continuum it copies from. */
  ContinuumNodeLocator(List<MemcachedNode> nodes, Continuum empty, Map<String, Integer> weights) {
    this.empty = empty;
    this.weights = Map.copyOf(Objects.requireNonNull(weights, "weights"));
    this.readOnly = false;
    checkWeights(empty.algorithm(), this.weights);
    Objects.requireNonNull(nodes, "nodes");
    synchronized (writeLock) {
      this.state = next(null, nodes);
    }
  }

  /** Weights only for an algorithm that has them (the values themselves are checked by Server). */
  static void checkWeights(Algorithm algorithm, Map<String, Integer> weights) {
    if (!weights.isEmpty() && !algorithm.supportsWeights()) {
      throw new IllegalArgumentException("algorithm " + algorithm.cliName() + " does not support weights");
    }
  }

  /** A read-only copy: same placement, read-only nodes. */
  private ContinuumNodeLocator(ContinuumNodeLocator source) {
    this.empty = source.empty;
    this.weights = source.weights;
    this.readOnly = true;
    State s = source.state;
    Map<Server, MemcachedNode> nodes = new HashMap<>();
    Map<MemcachedNode, MemcachedNode> copies = new IdentityHashMap<>();
    for (MemcachedNode n : s.all) {
      copies.put(n, new MemcachedNodeROImpl(n));
    }
    s.nodes.forEach((server, node) -> nodes.put(server, copies.get(node)));
    List<MemcachedNode> all = new ArrayList<>(s.all.size());
    for (MemcachedNode n : s.all) {
      all.add(copies.get(n));
    }
    this.state = new State(s.continuum, Map.copyOf(nodes), List.copyOf(all), s.reachable);
  }

  /**
   * The state after {@code previous} (null: none yet) for {@code nodes}: the node diff applied to a
   * copy of the previous continuum, or a fresh placement of the list where its order must decide.
   */
  private State next(State previous, List<MemcachedNode> nodes) {
    Map<Server, MemcachedNode> table = new HashMap<>();
    List<Server> servers = new ArrayList<>(nodes.size());
    for (MemcachedNode node : nodes) {
      Server server = serverOf(Objects.requireNonNull(node, "node"));
      if (table.putIfAbsent(server, node) != null) {
        throw new IllegalArgumentException("memcached node listed twice: " + server.hostPort());
      }
      servers.add(server);
    }
    Continuum continuum;
    if (previous == null || !incremental(empty.algorithm(), previous.continuum.servers(), servers)) {
      continuum = empty.copy();
      continuum.addServers(servers);
    } else {
      continuum = previous.continuum.copy();
      applyDiff(continuum, servers);
    }
    if (!continuum.autogenerates()) {
      continuum.generate();
    }
    return new State(continuum, Map.copyOf(table), List.copyOf(nodes), reachable(continuum));
  }

  /**
   * Whether the diff from {@code before} to {@code after} gives the placement of {@code after}: always
   * for algorithms that place by history or by the set of servers alone; for those whose ties follow
   * the list order, only when {@code after} is {@code before}'s kept servers in their order followed by
   * the added ones.
   */
  private static boolean incremental(Algorithm algorithm, List<Server> before, List<Server> after) {
    if (!algorithm.isCompatibilityDialect() && algorithm != Algorithm.PYTHON_CONTINUUM) {
      return true; // continuum's own algorithms: placed by the set of servers, or by history
    }
    java.util.Set<Server> now = new java.util.HashSet<>(after);
    List<Server> kept = new ArrayList<>();
    for (Server s : before) {
      if (now.contains(s)) {
        kept.add(s);
      }
    }
    return after.subList(0, kept.size()).equals(kept);
  }

  /** Removes, updates and adds servers so that {@code continuum} holds {@code servers}. */
  private static void applyDiff(Continuum continuum, List<Server> servers) {
    Map<Server, Server> now = new HashMap<>();
    for (Server s : servers) {
      now.put(s, s);
    }
    List<Server> removed = new ArrayList<>();
    List<Server> changed = new ArrayList<>();
    java.util.Set<Server> listed = new java.util.HashSet<>();
    for (Server s : continuum.servers()) {
      Server next = now.get(s);
      if (next == null) {
        removed.add(s);
      } else {
        listed.add(s);
        if (next.capacity() != s.capacity() || !Objects.equals(next.address(), s.address())) {
          changed.add(next);
        }
      }
    }
    List<Server> added = new ArrayList<>();
    for (Server s : servers) {
      if (!listed.contains(s)) {
        added.add(s);
      }
    }
    if (!removed.isEmpty()) {
      continuum.removeServers(removed);
    }
    for (Server s : changed) {
      continuum.updateServer(s);
    }
    if (!added.isEmpty()) {
      continuum.addServers(added);
    }
  }

  /**
   * How many servers can take keys. Whether a server of capacity 0 can depends on the algorithm
   * (rings give it no points, pymemcache's rendezvous ignores weights), so ask the placement: the
   * longest replica list it accepts. Once per update; usually the first try.
   */
  private static int reachable(Continuum continuum) {
    for (int n = continuum.size(); n > 0; n--) {
      try {
        continuum.resolve("", n);
        return n;
      } catch (IllegalArgumentException fewerCanTakeKeys) {
        // try one fewer
      } catch (IllegalStateException noneCanTakeKeys) {
        return 0;
      }
    }
    return 0;
  }

  private Server serverOf(MemcachedNode node) {
    SocketAddress sa = node.getSocketAddress();
    if (!(sa instanceof InetSocketAddress)) {
      throw new IllegalArgumentException("not an internet socket address: " + sa);
    }
    InetSocketAddress isa = (InetSocketAddress) sa;
    Server server = Server.of(isa.getHostString(), isa.getPort());
    Integer weight = weights.get(server.hostPort());
    if (weight != null) {
      server = server.withCapacity(weight);
    }
    return isa.isUnresolved() ? server : server.withAddress(isa.getAddress().getHostAddress());
  }

  /**
   * The algorithm placing keys.
   *
   * @return the algorithm or dialect
   */
  public Algorithm algorithm() {
    return state.continuum.algorithm();
  }

  /**
   * The placement's fingerprint ({@link Continuum#fingerprint()}): equal for every client, proxy or
   * configuration file that places keys exactly as this locator does, different when any key could
   * be placed elsewhere. Compare it with {@code continuum fingerprint} run on the other side's
   * configuration.
   *
   * @return the fingerprint of the current placement
   */
  public String fingerprint() {
    return state.continuum.fingerprint();
  }

  /**
   * The continuum server {@code key} is placed on: the server of {@link #getPrimary}. Never blocks.
   *
   * @param key the memcached key
   * @return the server, named {@code host:port} as given to spymemcached
   * @throws NullPointerException if {@code key} is null
   * @throws IllegalStateException "empty continuum" when no node can take keys
   */
  public Server serverFor(String key) {
    return state.continuum.resolve(key);
  }

  @Override
  public MemcachedNode getPrimary(String key) {
    State s = state;
    return s.nodes.get(s.continuum.resolve(key));
  }

  /**
   * The failover order for {@code key}: the replica order of {@code Continuum.resolve(key, n)} over
   * every other server that can take keys; never the primary. Computed on the first call to
   * {@code hasNext} or {@code next}, since spymemcached asks only when the primary is down.
   */
  @Override
  public Iterator<MemcachedNode> getSequence(String key) {
    Objects.requireNonNull(key, "key");
    State s = state;
    return new Iterator<>() {
      private List<Server> order;
      private int next = 1; // 0 is the primary

      private List<Server> order() {
        if (order == null) {
          order = s.reachable < 2 ? List.of() : s.continuum.resolve(key, s.reachable);
        }
        return order;
      }

      @Override
      public boolean hasNext() {
        return next < order().size();
      }

      @Override
      public MemcachedNode next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return s.nodes.get(order.get(next++));
      }
    };
  }

  /** Every node, in the order given. */
  @Override
  public Collection<MemcachedNode> getAll() {
    return state.all;
  }

  /** A copy placing keys the same way over read-only views of the nodes; it cannot be updated. */
  @Override
  public NodeLocator getReadonlyCopy() {
    return new ContinuumNodeLocator(this);
  }

  /**
   * Replaces the nodes. Keys move only as the algorithm moves them between the old and the new
   * server set (for a ring, only the keys of removed servers and those taken by added ones). A
   * rejected list changes nothing.
   *
   * @throws UnsupportedOperationException on a read-only copy
   */
  @Override
  public void updateLocator(List<MemcachedNode> nodes) {
    if (readOnly) {
      throw new UnsupportedOperationException("read-only locator");
    }
    Objects.requireNonNull(nodes, "nodes");
    synchronized (writeLock) {
      state = next(state, nodes);
    }
  }

  /**
   * A short description for logs, such as {@code ContinuumNodeLocator[spymemcached, 3 nodes]}.
   *
   * @return the algorithm's name and the number of nodes
   */
  @Override
  public String toString() {
    State s = state;
    return "ContinuumNodeLocator[" + s.continuum.algorithm().cliName() + ", " + s.all.size() + " nodes"
        + (readOnly ? ", read-only]" : "]");
  }
}
