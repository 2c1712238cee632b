package dev.continuum;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import dev.continuum.Options.Knob;

/**
 * A set of servers and the placement of keys on them: python-continuum's {@code Continuum}, in Java,
 * with every other algorithm behind the same methods.
 *
 * <pre>{@code
 * Continuum c = new Continuum();                 // python-continuum 0.1.1, 1000 dots
 * c.addServer("192.168.0.1", 8080);
 * c.addServer("192.168.0.2", 8080);
 * c.addServer("192.168.0.3", 8080, 2);
 * c.resolve("my-first-key");                     // <Server "192.168.0.1:8080", capacity=1>
 * }</pre>
 *
 * <h2>Threads</h2>
 * Reads ({@code resolve}, {@code servers}, {@code size}) never block and never see a half-built
 * placement: every change builds a new immutable placement aside and publishes it with one volatile
 * write. Changes are serialised among themselves. A change that is rejected publishes nothing and
 * leaves the previous state readable and unchanged.
 *
 * <h2>Deferred generation</h2>
 * With {@code autogenerate} off (as python-continuum's {@code Continuum(totaldots, autogenerate=False)}),
 * changes update the server list at once but the placement only at {@link #generate()}; until then
 * keys keep resolving on the previous placement, which can name a server removed since.
 */
public final class Continuum {
  /**
   * What readers see, published together in one volatile write: the placement, the servers it was
   * built over, and the server list. One field, so that {@code servers()} and {@code resolve} never
   * disagree about whether a change has happened (the list is the placement's servers except
   * between changes and {@code generate()} with autogenerate off).
   */
  static final class Snapshot {
    final Server[] servers;
    final Placement placement;
    /** The server list, unmodifiable, replaced (never mutated) on each change. */
    final List<Server> members;

    Snapshot(Server[] servers, Placement placement, List<Server> members) {
      this.servers = servers;
      this.placement = placement;
      this.members = members;
    }
  }

  private final Algorithm algorithm;
  private final PlacementFactory factory;
  private final boolean autogenerate;
  /** Equal servers may be listed more than once (see {@link Builder#allowDuplicateServers}). */
  private final boolean duplicates;
  private final Options options;
  /** Created on first use, for {@link Algorithm#BOUNDED_LOAD} only. */
  private volatile BoundedLoads boundedLoads;

  /** Guards changes; readers never take it. */
  private final Object writeLock = new Object();
  /** Up to this many servers, a change checks membership by scanning the list instead of hashing it. */
  private static final int SMALL_BATCH = 8;
  private volatile Snapshot snapshot;

  /** python-continuum 0.1.1 with 1000 dots, regenerated after every change. */
  public Continuum() {
    this(1000);
  }

  /** python-continuum 0.1.1 with {@code totalDots} dots, regenerated after every change. */
  public Continuum(int totalDots) {
    this(totalDots, true);
  }

  /**
   * python-continuum 0.1.1 with {@code totalDots} dots.
   *
   * @param autogenerate when false, changes take effect at {@link #generate()}
   * @throws IllegalArgumentException if {@code totalDots < 1} or beyond the point limit
   */
  public Continuum(int totalDots, boolean autogenerate) {
    this(Algorithm.PYTHON_CONTINUUM, totalDotsOptions(totalDots), autogenerate);
  }

  /** An empty continuum placing keys with {@code algorithm} and its default options. */
  public Continuum(Algorithm algorithm) {
    this(Objects.requireNonNull(algorithm, "algorithm"), Options.defaults(), true);
  }

  private Continuum(Algorithm algorithm, Options options, boolean autogenerate) {
    this(algorithm, options, algorithm.factory(options), autogenerate);
  }

  /**
   * A continuum over any factory, reported as {@code algorithm}: for benchmarks and tests of
   * placements not (yet) behind an {@link Algorithm} constant.
   */
  Continuum(Algorithm algorithm, PlacementFactory factory, boolean autogenerate) {
    this(algorithm, Options.defaults(), factory, autogenerate);
  }

  private Continuum(Algorithm algorithm, Options options, PlacementFactory factory, boolean autogenerate) {
    this.algorithm = algorithm;
    this.factory = factory;
    this.autogenerate = autogenerate;
    this.duplicates = options.duplicateServers;
    this.options = options;
    this.snapshot = new Snapshot(new Server[0], factory.build(new Server[0]), List.of());
  }

  private static int checkedTotalDots(int totalDots) {
    Checks.positive("totalDots", totalDots);
    return Checks.points("totalDots " + totalDots, totalDots);
  }

  private static Options totalDotsOptions(int totalDots) {
    Options o = Options.defaults();
    o.totalDots = checkedTotalDots(totalDots);
    return o;
  }

  /** A builder for any algorithm with non-default options. */
  public static Builder builder(Algorithm algorithm) {
    return new Builder(algorithm);
  }

  /** The algorithm placing keys. */
  public Algorithm algorithm() {
    return algorithm;
  }

  /**
   * Adds a server of capacity 1 and returns it.
   *
   * @throws IllegalArgumentException for a bad host or port, or a server already added
   */
  public Server addServer(String host, int port) {
    return addServer(Server.of(host, port));
  }

  /** Adds a server with a capacity and returns it. */
  public Server addServer(String host, int port, int capacity) {
    return addServer(Server.of(host, port, capacity));
  }

  /** Adds a server and returns it. */
  public Server addServer(Server server) {
    addServers(List.of(Objects.requireNonNull(server, "server")));
    return server;
  }

  /** Adds several servers in order, with one regeneration. All are added, or none. */
  public void addServers(Server... servers) {
    addServers(Arrays.asList(servers));
  }

  /** Adds several servers in order, with one regeneration. All are added, or none. */
  public void addServers(Collection<Server> servers) {
    Objects.requireNonNull(servers, "servers");
    synchronized (writeLock) {
      List<Server> members = snapshot.members;
      Checks.servers((long) members.size() + servers.size()); // before copying anything
      List<Server> next = new ArrayList<>(members.size() + servers.size());
      next.addAll(members);
      // A hash set keeps large batches linear; a few servers are checked by scanning the list,
      // which spares the writer a set of every member on each single-server change.
      Set<Server> present = servers.size() > SMALL_BATCH ? new HashSet<>(members) : null;
      for (Server s : servers) {
        Objects.requireNonNull(s, "server");
        boolean listed = present != null ? !present.add(s) : next.contains(s);
        if (listed && !duplicates) {
          throw new IllegalArgumentException("server already added: " + s.host() + ":" + s.port());
        }
        next.add(s);
      }
      commit(next);
    }
  }

  /**
   * Removes a server (matched by host and port). When duplicates are allowed and the list holds
   * several equal servers, this removes the very instance passed if it is listed, otherwise the
   * first equal one.
   *
   * @throws IllegalArgumentException if no such server is in the continuum
   */
  public void removeServer(Server server) {
    removeServers(List.of(Objects.requireNonNull(server, "server")));
  }

  /** Removes the server with this host and port. */
  public void removeServer(String host, int port) {
    removeServer(Server.of(host, port));
  }

  /** Removes several servers with one regeneration. All are removed, or none. */
  public void removeServers(Collection<Server> servers) {
    Objects.requireNonNull(servers, "servers");
    synchronized (writeLock) {
      List<Server> members = snapshot.members;
      List<Server> next;
      if (duplicates) {
        // Copies of one server may be listed: remove the very instance passed, else the first equal.
        next = new ArrayList<>(members);
        for (Server s : servers) {
          Objects.requireNonNull(s, "server");
          int i = indexOf(next, s);
          if (i < 0) {
            throw new IllegalArgumentException("unknown server: " + s.host() + ":" + s.port());
          }
          next.remove(i);
        }
      } else {
        // Hash sets keep large batches linear; a few servers are looked up by scanning.
        boolean small = servers.size() <= SMALL_BATCH;
        Set<Server> present = small ? null : new HashSet<>(members);
        Set<Server> gone = new HashSet<>();
        for (Server s : servers) {
          Objects.requireNonNull(s, "server");
          if (!(small ? members.contains(s) : present.contains(s)) || !gone.add(s)) {
            throw new IllegalArgumentException("unknown server: " + s.host() + ":" + s.port());
          }
        }
        next = new ArrayList<>(members);
        next.removeIf(gone::contains);
      }
      commit(next);
    }
  }

  /**
   * Replaces the server with the same host and port by {@code server} (new capacity, name or
   * address), keeping its place in the list.
   *
   * @throws IllegalArgumentException if no such server is in the continuum
   */
  public void updateServer(Server server) {
    Objects.requireNonNull(server, "server");
    synchronized (writeLock) {
      List<Server> next = new ArrayList<>(snapshot.members);
      int i = indexOf(next, server);
      if (i < 0) {
        throw new IllegalArgumentException("unknown server: " + server.host() + ":" + server.port());
      }
      next.set(i, server);
      commit(next);
    }
  }

  /**
   * Where {@code server} is in {@code list}: the position of that very instance if the list holds it
   * (so one copy of a duplicated server can be picked out), otherwise of the first equal server.
   */
  private static int indexOf(List<Server> list, Server server) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == server) {
        return i;
      }
    }
    return list.indexOf(server);
  }

  /** Rebuilds the placement from the current server list and publishes it. */
  public void generate() {
    synchronized (writeLock) {
      publish(snapshot.members);
    }
  }

  private void commit(List<Server> next) {
    Checks.servers(next.size());
    // Compatibility dialects accept the capacities their peer ignores (libmemcached unweighted,
    // spymemcached); continuum's own unweighted algorithms (jump, memento) reject them.
    if (!algorithm.supportsWeights() && !algorithm.isCompatibilityDialect()) {
      for (Server s : next) {
        Checks.unweighted(algorithm.cliName(), s);
      }
    }
    Checks.totalCapacity(next);
    if (autogenerate) {
      publish(next); // builds first: throws before anything changes
    } else {
      // Deferred: the placement's own limits are checked now, so generate() can always build.
      factory.check(next.toArray(new Server[0]));
      Snapshot s = snapshot;
      snapshot = new Snapshot(s.servers, s.placement, Collections.unmodifiableList(next));
    }
  }

  private void publish(List<Server> list) {
    Server[] array = list.toArray(new Server[0]);
    Snapshot previous = snapshot;
    snapshot = new Snapshot(array, factory.update(previous.placement, previous.servers, array),
        Collections.unmodifiableList(new ArrayList<>(list)));
  }

  /** What readers see now: the placement and its servers, consistent with each other. */
  Snapshot snapshot() {
    return snapshot;
  }

  /**
   * The per-request load accounting of consistent hashing with bounded loads: one instance per
   * continuum, shared by every caller.
   *
   * @throws IllegalStateException unless the algorithm is {@link Algorithm#BOUNDED_LOAD}
   */
  public BoundedLoads boundedLoads() {
    if (algorithm != Algorithm.BOUNDED_LOAD) {
      throw new IllegalStateException("bounded loads need algorithm " + Algorithm.BOUNDED_LOAD.cliName()
          + ", this continuum uses " + algorithm.cliName());
    }
    BoundedLoads b = boundedLoads;
    if (b == null) {
      synchronized (writeLock) {
        b = boundedLoads;
        if (b == null) {
          b = new BoundedLoads(this, options.loadFactor);
          boundedLoads = b;
        }
      }
    }
    return b;
  }

  /** The servers in insertion order; an unmodifiable copy unaffected by later changes. */
  public List<Server> servers() {
    return snapshot.members;
  }

  /**
   * An estimate of the bytes the current placement holds (point arrays, lookup tables), excluding
   * the {@link Server} objects themselves.
   */
  public long memoryBytes() {
    return snapshot.placement.memoryBytes();
  }

  /**
   * The exact share of the key-hash space each server receives, arc by arc, for ring placements (the
   * python-continuum, ketama and twemproxy rings); empty for placements that are not rings (jump,
   * rendezvous, maglev...), whose shares can only be measured by placing sample keys. The result is a
   * snapshot of the current placement, indexed like the servers it was built over; a ring without
   * points (no servers, or none with a point) has no arcs.
   *
   * <pre>{@code
   * KeySpace ks = c.keySpace().orElseThrow();
   * for (int i = 0; i < ks.servers().size(); i++) {
   *   System.out.println(ks.servers().get(i).hostPort() + " " + ks.share(i));
   * }
   * }</pre>
   */
  public Optional<KeySpace> keySpace() {
    Snapshot s = snapshot;
    return Optional.ofNullable(s.placement.keySpace(s.servers));
  }

  /**
   * A short, stable string that identifies this placement: two continuums with equal fingerprints
   * place every key on the same server (and give the same replica order), and any change that can
   * move a key changes it. It is derived from the algorithm and its placement version, the options
   * the algorithm reads, and the servers as the algorithm reads them (host and port; the capacity,
   * name and resolved address where the dialect uses them; their order where it matters; for
   * {@link Algorithm#dependsOnHistory() history-dependent} algorithms, the slot each server holds),
   * and from nothing else: a capacity an unweighted dialect ignores, an option that changes no
   * placement, or the order of servers in a ring that does not depend on it leave it unchanged. It
   * reflects the published placement (with autogenerate off, the one of the last
   * {@link #generate()}).
   *
   * <p>Use it to check that clients, proxies and configuration files agree, for instance that a
   * twemproxy pool and a Java client place alike: {@code continuum fingerprint} prints the same string
   * for a server list, a libketama file or a twemproxy pool. The form is {@code <algorithm>-v<version>-}
   * followed by 16 hex digits; it is the same on every JVM and in every release until the algorithm's
   * placement version changes.
   *
   * @return the fingerprint, for example {@code twemproxy-md5-v1-3c0f9a6e1b2d4c58}
   */
  public String fingerprint() {
    Snapshot s = snapshot;
    return Fingerprint.of(algorithm, options, factory, s.servers, s.placement);
  }

  /** The number of servers. */
  public int size() {
    return snapshot.members.size();
  }

  /**
   * The server for {@code key}, hashed as its UTF-8 bytes.
   *
   * @throws IllegalStateException "empty continuum" when no server can take keys
   */
  public Server resolve(String key) {
    Checks.key(key);
    Snapshot s = snapshot;
    return serverAt(s, s.placement.index(key));
  }

  /** The server for a key given as bytes. */
  public Server resolve(byte[] key) {
    Checks.key(key);
    Snapshot s = snapshot;
    return serverAt(s, s.placement.index(key, 0, key.length));
  }

  /**
   * The {@code n} distinct servers for {@code key} in preference order; the first is
   * {@link #resolve(String)}.
   *
   * @throws IllegalArgumentException if {@code n < 1} or more than the servers that can take keys
   */
  public List<Server> resolve(String key, int n) {
    Checks.key(key);
    Snapshot s = snapshot;
    int[] out = new int[checkReplicas(s, n)];
    s.placement.indexes(key, out, n);
    return serversAt(s, out);
  }

  /** As {@link #resolve(String, int)} for a key given as bytes. */
  public List<Server> resolve(byte[] key, int n) {
    Checks.key(key);
    Snapshot s = snapshot;
    int[] out = new int[checkReplicas(s, n)];
    s.placement.indexes(key, 0, key.length, out, n);
    return serversAt(s, out);
  }

  private static int checkReplicas(Snapshot s, int n) {
    int reachable = s.placement.reachable();
    if (reachable == 0) {
      throw new IllegalStateException("empty continuum");
    }
    if (n < 1 || n > reachable) {
      throw new IllegalArgumentException("replica count must be in 1.." + reachable
          + " (the servers that can take keys), got " + n);
    }
    return n;
  }

  private static Server serverAt(Snapshot s, int index) {
    if (index < 0) {
      throw new IllegalStateException("empty continuum");
    }
    return s.servers[index];
  }

  private static List<Server> serversAt(Snapshot s, int[] indexes) {
    Server[] out = new Server[indexes.length];
    for (int i = 0; i < indexes.length; i++) {
      out[i] = s.servers[indexes[i]];
    }
    return List.of(out);
  }

  @Override
  public String toString() {
    return "Continuum[" + algorithm.cliName() + ", " + snapshot.members.size() + " servers]";
  }

  /** Builds a {@link Continuum} for any algorithm with non-default options. */
  public static final class Builder {
    private final Algorithm algorithm;
    private final Options options = Options.defaults();
    private boolean autogenerate = true;

    private Builder(Algorithm algorithm) {
      this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    }

    /** python-continuum's {@code totaldots} (default 1000). */
    public Builder totalDots(int totalDots) {
      require(Knob.TOTAL_DOTS);
      options.totalDots = checkedTotalDots(totalDots);
      return this;
    }

    /**
     * The hash seed: pymemcache's murmur3 seed, or the secret seed of continuum's own algorithms
     * (default 0). Compatibility dialects other than pymemcache cannot be seeded.
     */
    public Builder seed(long seed) {
      require(Knob.SEED);
      options.seed = seed;
      return this;
    }

    /**
     * Accepts equal servers (same host and port) more than once in the list, as libmemcached and
     * spymemcached do; only those dialects accept this option. Each copy keeps its place in the list:
     * libmemcached gives every shared point to the first copy, spymemcached to the last. {@code
     * resolve} returns the exact {@link Server} instance of the winning copy, so callers can tell
     * copies apart by identity; {@code removeServer} and {@code updateServer} act on the very instance
     * passed when it is listed, otherwise on the first equal server. Default false: a duplicate is
     * rejected with "server already added", as in python-continuum.
     */
    public Builder allowDuplicateServers(boolean allow) {
      require(Knob.DUPLICATE_SERVERS);
      options.duplicateServers = allow;
      return this;
    }

    /**
     * Points per unit of capacity on the ring of {@link Algorithm#RING} and
     * {@link Algorithm#BOUNDED_LOAD} (default 160).
     */
    public Builder pointsPerWeight(int pointsPerWeight) {
      require(Knob.POINTS_PER_WEIGHT);
      options.pointsPerWeight = Checks.pointsPerWeight(pointsPerWeight);
      return this;
    }

    /** The number of probes per key of {@link Algorithm#MULTI_PROBE} (default 21). */
    public Builder probes(int probes) {
      require(Knob.PROBES);
      options.probes = Checks.probes(probes);
      return this;
    }

    /** The prime lookup-table size M of {@link Algorithm#MAGLEV} (default 65537). */
    public Builder tableSize(int tableSize) {
      require(Knob.TABLE_SIZE);
      options.tableSize = Checks.tableSize(tableSize);
      return this;
    }

    /**
     * The load factor c of {@link Algorithm#BOUNDED_LOAD}: no server takes more than
     * {@code ceil(c * average load)} (default 1.25).
     */
    public Builder loadFactor(double loadFactor) {
      require(Knob.LOAD_FACTOR);
      options.loadFactor = Checks.loadFactor(loadFactor);
      return this;
    }

    /** When false, changes take effect at {@link Continuum#generate()} (default true). */
    public Builder autogenerate(boolean autogenerate) {
      this.autogenerate = autogenerate;
      return this;
    }

    private void require(Knob knob) {
      if (!algorithm.accepts(knob)) {
        throw new IllegalArgumentException(knob.label + " does not apply to algorithm " + algorithm.cliName());
      }
    }

    public Continuum build() {
      return new Continuum(algorithm, options.copy(), autogenerate);
    }
  }
}
