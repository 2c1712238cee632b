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
 * <h2>Rejected changes</h2>
 * A change ({@code addServer}, {@code addServers}, {@code removeServer}, {@code removeServers},
 * {@code updateServer}, {@code generate}) is checked in full before anything is published, and a
 * rejected change leaves the continuum exactly as it was. Besides the method's own conditions, a change
 * is rejected with an {@link IllegalArgumentException} naming the limit when the resulting list would
 * hold more than 1,048,576 servers, when its capacities would sum to more than 2^31 - 1, when the
 * placement would need more than 2^28 points, when an unweighted algorithm ({@link Algorithm#JUMP},
 * {@link Algorithm#MEMENTO}) is given a capacity other than 1, or when a dialect's peer refuses the
 * list: more than 100 servers for the libmemcached dialects, capacity 0 for the twemproxy dialects, two
 * servers with the same node string for {@link Algorithm#PYMEMCACHE}.
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
    /**
     * {@link Placement#jumpBackSlots}: the servers in slot order when the placement is JumpBackHash
     * over its slots (jumpback; memento, whose removed slots are null here), else null. Lookups then
     * compute the bucket and read this array, one load from the snapshot, without calling through the
     * placement: a call site that has seen several placement classes (a JVM running continuums of
     * different algorithms) is no longer inlined, and the slot table and the server array would be two
     * reads more. Only a key whose slot is null goes through the placement, with its hash.
     */
    final Server[] jumpBackSlots;
    /**
     * {@link #jumpBackSlots} when none of its slots is null (jumpback; memento with nothing removed),
     * else null: the lookup then returns the bucket's server with no further check.
     */
    final Server[] everySlot;
    /** {@link JumpBack#levelMask} of the slot count, computed once per snapshot. */
    final int levelMask;
    /** The placement's key hash when {@link #jumpBackSlots} is set (the fast path hashes the key). */
    final KeyHash64 keyHash;

    Snapshot(Server[] servers, Placement placement, List<Server> members) {
      this.servers = servers;
      this.placement = placement;
      this.members = members;
      this.jumpBackSlots = placement.jumpBackSlots(servers);
      this.everySlot = jumpBackSlots != null && !Arrays.asList(jumpBackSlots).contains(null) ? jumpBackSlots : null;
      this.levelMask = jumpBackSlots == null ? 0 : JumpBack.levelMask(jumpBackSlots.length);
      this.keyHash = jumpBackSlots == null ? null : ((HashedPlacement) placement).keyHash;
    }

    /** The same placement under a new server list (a deferred change, autogenerate off). */
    private Snapshot(Snapshot placed, List<Server> members) {
      this.servers = placed.servers;
      this.placement = placed.placement;
      this.members = members;
      this.jumpBackSlots = placed.jumpBackSlots;
      this.everySlot = placed.everySlot;
      this.levelMask = placed.levelMask;
      this.keyHash = placed.keyHash;
    }

    Snapshot withMembers(List<Server> members) {
      return new Snapshot(this, members);
    }
  }

  private final Algorithm algorithm;
  private final PlacementFactory factory;
  private final boolean autogenerate;
  /** Equal servers may be listed more than once (see {@link Builder#allowDuplicateServers}). */
  private final boolean duplicates;
  private final Options options;
  /** The algorithm has {@link Algorithm.Capability#PREHASHED_KEYS}, read once for the lookup path. */
  private final boolean prehashedKeys;
  /** Created on first use, for {@link Algorithm#BOUNDED_LOAD} only. */
  private volatile BoundedLoads boundedLoads;

  /** Guards changes; readers never take it. */
  private final Object writeLock = new Object();
  /** Up to this many servers, a change checks membership by scanning the list instead of hashing it. */
  private static final int SMALL_BATCH = 8;
  private volatile Snapshot snapshot;

  /**
   * An empty continuum placing keys as python-continuum 0.1.1 with 1000 dots, regenerated after every
   * change (python-continuum's {@code Continuum()}).
   */
  public Continuum() {
    this(1000);
  }

  /**
   * An empty continuum placing keys as python-continuum 0.1.1 with {@code totalDots} dots,
   * regenerated after every change.
   *
   * @param totalDots the number of entries the ring spreads over the servers by capacity
   *     (python-continuum's {@code totaldots}), 1 to 2^28
   * @throws IllegalArgumentException if {@code totalDots} is below 1 or above 2^28
   */
  public Continuum(int totalDots) {
    this(totalDots, true);
  }

  /**
   * An empty continuum placing keys as python-continuum 0.1.1 with {@code totalDots} dots
   * (python-continuum's {@code Continuum(totaldots, autogenerate)}).
   *
   * @param totalDots the number of entries the ring spreads over the servers by capacity, 1 to 2^28
   * @param autogenerate when false, changes update the server list at once but the placement only at
   *     {@link #generate()}
   * @throws IllegalArgumentException if {@code totalDots} is below 1 or above 2^28
   */
  public Continuum(int totalDots, boolean autogenerate) {
    this(Algorithm.PYTHON_CONTINUUM, totalDotsOptions(totalDots), autogenerate);
  }

  /**
   * An empty continuum placing keys with {@code algorithm} and its default options, regenerated after
   * every change. Use {@link #builder(Algorithm)} for other options.
   *
   * @param algorithm the algorithm or compatibility dialect
   * @throws NullPointerException if {@code algorithm} is null
   */
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
    this.prehashedKeys = algorithm.has(Algorithm.Capability.PREHASHED_KEYS);
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

  /**
   * A builder for a continuum with options other than the defaults. The builder checks each option
   * as it is set.
   *
   * <pre>{@code
   * Continuum c = Continuum.builder(Algorithm.RING).seed(42).pointsPerWeight(200).build();
   * }</pre>
   *
   * @param algorithm the algorithm or compatibility dialect
   * @return a new builder with {@code algorithm}'s default options
   * @throws NullPointerException if {@code algorithm} is null
   */
  public static Builder builder(Algorithm algorithm) {
    return new Builder(algorithm);
  }

  /**
   * The algorithm placing keys.
   *
   * @return the algorithm or dialect this continuum was created with
   */
  public Algorithm algorithm() {
    return algorithm;
  }

  /**
   * Adds a server of capacity 1 at the end of the list and returns it.
   *
   * @param host the host name or IP address, used as given (never resolved)
   * @param port the port, 1 to 65535
   * @return the server added
   * @throws IllegalArgumentException if the host is null, blank or holds whitespace, control or
   *     invisible characters, if the port is outside 1..65535, if a server with this host and port is
   *     already listed (unless {@link Builder#allowDuplicateServers duplicates are allowed}), or for any
   *     reason listed under "Rejected changes" above; the continuum is then unchanged
   */
  public Server addServer(String host, int port) {
    return addServer(Server.of(host, port));
  }

  /**
   * Adds a server with a capacity at the end of the list and returns it.
   *
   * @param host the host name or IP address, used as given (never resolved)
   * @param port the port, 1 to 65535
   * @param capacity the server's weight: twice the capacity takes about twice the keys; 0 takes none
   *     where the algorithm allows it
   * @return the server added
   * @throws IllegalArgumentException if the host is null, blank or holds whitespace, control or
   *     invisible characters, if the port is outside 1..65535, if the capacity is negative, if a server
   *     with this host and port is already listed (unless duplicates are allowed), or for any reason
   *     listed under "Rejected changes" above; the continuum is then unchanged
   */
  public Server addServer(String host, int port, int capacity) {
    return addServer(Server.of(host, port, capacity));
  }

  /**
   * Adds a server at the end of the list and returns it.
   *
   * @param server the server, with its capacity, name and address
   * @return {@code server} itself
   * @throws NullPointerException if {@code server} is null
   * @throws IllegalArgumentException if an equal server (same host and port) is already listed (unless
   *     duplicates are allowed), or for any reason listed under "Rejected changes" above; the continuum
   *     is then unchanged
   */
  public Server addServer(Server server) {
    addServers(List.of(Objects.requireNonNull(server, "server")));
    return server;
  }

  /**
   * Adds several servers at the end of the list, in order, with one regeneration. All are added, or
   * none.
   *
   * @param servers the servers to add
   * @throws NullPointerException if {@code servers} or one of them is null
   * @throws IllegalArgumentException if one of them is already listed or given twice (unless
   *     duplicates are allowed), or for any reason listed under "Rejected changes" above; the continuum
   *     is then unchanged
   */
  public void addServers(Server... servers) {
    addServers(Arrays.asList(Objects.requireNonNull(servers, "servers")));
  }

  /**
   * Adds several servers at the end of the list, in iteration order, with one regeneration. All are
   * added, or none.
   *
   * @param servers the servers to add
   * @throws NullPointerException if {@code servers} or one of them is null
   * @throws IllegalArgumentException if one of them is already listed or given twice (unless
   *     duplicates are allowed), or for any reason listed under "Rejected changes" above; the continuum
   *     is then unchanged
   */
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
   * first equal one. The servers after it keep their order.
   *
   * @param server the server to remove; its capacity, name and address do not matter
   * @throws NullPointerException if {@code server} is null
   * @throws IllegalArgumentException if no server with this host and port is listed, or if the
   *     placement without it is refused for a reason listed under "Rejected changes" above; the
   *     continuum is then unchanged
   */
  public void removeServer(Server server) {
    removeServers(List.of(Objects.requireNonNull(server, "server")));
  }

  /**
   * Removes the server with this host and port (the first one, when duplicates are allowed).
   *
   * @param host the host, exactly as it was added
   * @param port the port
   * @throws IllegalArgumentException if the host or port is not valid, if no such server is listed,
   *     or if the placement without it is refused for a reason listed under "Rejected changes" above;
   *     the continuum is then unchanged
   */
  public void removeServer(String host, int port) {
    removeServer(Server.of(host, port));
  }

  /**
   * Removes several servers with one regeneration. All are removed, or none.
   *
   * @param servers the servers to remove, matched by host and port
   * @throws NullPointerException if {@code servers} or one of them is null
   * @throws IllegalArgumentException if one of them is not listed, or is given twice (more times than
   *     it is listed, when duplicates are allowed), or if the placement without them is refused for a
   *     reason listed under "Rejected changes" above; the continuum is then unchanged
   */
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
   * address), keeping its place in the list. When duplicates are allowed, this replaces the very
   * instance passed if it is listed, otherwise the first equal one.
   *
   * @param server the new version of a listed server
   * @throws NullPointerException if {@code server} is null
   * @throws IllegalArgumentException if no server with this host and port is listed, or if the new
   *     capacity is refused for a reason listed under "Rejected changes" above; the continuum is then
   *     unchanged
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

  /**
   * An independent continuum in this one's state: the same algorithm, options and autogenerate
   * setting, the same servers, and the very placement readers see now (jump's and memento's slots
   * included), shared rather than rebuilt. Later changes to either leave the other as it is, and
   * the copy's changes are incremental from this state, as this continuum's would be: the way to try
   * a change aside, or to publish a succession of states that never change once published. The load
   * accounting of {@link #boundedLoads()} is not copied; the copy starts its own.
   *
   * @return the copy; O(1), nothing rebuilt
   */
  public Continuum copy() {
    synchronized (writeLock) {
      Continuum c = new Continuum(algorithm, options, factory, autogenerate);
      c.snapshot = snapshot;
      return c;
    }
  }

  /**
   * Whether every change publishes a new placement at once (true), or only {@link #generate()} does.
   *
   * @return the autogenerate setting this continuum was built with
   */
  public boolean autogenerates() {
    return autogenerate;
  }

  /**
   * Rebuilds the placement from the current server list and publishes it. Needed only with
   * {@code autogenerate} off; otherwise every change has already done it.
   *
   * <p>Every change already checked that its list can be placed (see "Rejected changes" above), so
   * this does not throw for a list the changes accepted.
   */
  public void generate() {
    synchronized (writeLock) {
      publish(snapshot.members);
    }
  }

  private void commit(List<Server> next) {
    Checks.servers(next.size());
    // Compatibility dialects accept the capacities their peer ignores (libmemcached unweighted,
    // spymemcached); continuum's own unweighted algorithms (jump, jumpback, memento) reject them.
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
      snapshot = snapshot.withMembers(Collections.unmodifiableList(next));
    }
  }

  private void publish(List<Server> list) {
    Server[] array = list.toArray(new Server[0]);
    Snapshot previous = snapshot;
    snapshot = new Snapshot(array, factory.update(previous.placement, previous.servers, array),
        Collections.unmodifiableList(new ArrayList<>(list)));
    BoundedLoads loads = boundedLoads;
    if (loads != null) {
      loads.placedOn(array);
    }
  }

  /** What readers see now: the placement and its servers, consistent with each other. */
  Snapshot snapshot() {
    return snapshot;
  }

  /**
   * The per-request load accounting of consistent hashing with bounded loads: one instance per
   * continuum, shared by every caller, thread-safe and lock-free.
   *
   * @return the load accounting of this continuum, created on first use
   * @throws IllegalStateException unless the algorithm is {@link Algorithm#BOUNDED_LOAD}
   */
  public BoundedLoads boundedLoads() {
    if (!algorithm.has(Algorithm.Capability.BOUNDED_LOADS)) {
      throw new IllegalStateException("bounded loads need algorithm " + Algorithm.BOUNDED_LOAD.cliName()
          + ", this continuum uses " + algorithm.cliName());
    }
    BoundedLoads b = boundedLoads;
    if (b == null) {
      synchronized (writeLock) {
        b = boundedLoads;
        if (b == null) {
          b = new BoundedLoads(this, options.loadFactor);
          b.placedOn(snapshot.servers);
          boundedLoads = b;
        }
      }
    }
    return b;
  }

  /**
   * The servers in insertion order. Never blocks.
   *
   * @return an unmodifiable list, unaffected by later changes
   */
  public List<Server> servers() {
    return snapshot.members;
  }

  /**
   * An estimate of the bytes the current placement holds (point arrays, lookup tables), excluding
   * the {@link Server} objects themselves. Not part of the compatibility promise.
   *
   * @return the bytes of the arrays of the current placement
   */
  public long memoryBytes() {
    Snapshot s = snapshot;
    // The shortcut's own array, when it is not the server list itself (see Placement.jumpBackSlots).
    boolean ownTable = s.jumpBackSlots != null && s.jumpBackSlots != s.servers;
    return s.placement.memoryBytes() + (ownTable ? 16 + 4L * s.jumpBackSlots.length : 0);
  }

  /**
   * The exact share of the key-hash space each server receives, arc by arc, for ring placements (the
   * python-continuum, ketama and twemproxy rings); empty for placements that are not rings (jump,
   * rendezvous, maglev...), whose shares can only be measured by placing sample keys. The result is a
   * snapshot of the current placement, indexed like the servers it was built over; a ring without
   * points (no servers, or none with a point) has no arcs. Its {@link KeySpace#keyHash()} names the
   * key hash, so that two continuums' arcs are compared only when a key hashes alike in both.
   *
   * <pre>{@code
   * KeySpace ks = c.keySpace().orElseThrow();
   * for (int i = 0; i < ks.servers().size(); i++) {
   *   System.out.println(ks.servers().get(i).hostPort() + " " + ks.share(i));
   * }
   * }</pre>
   *
   * @return the arcs of the current placement, or empty when it is not a ring
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
    return Fingerprint.of(algorithm, options, s.servers, s.placement);
  }

  /**
   * The number of servers listed, including those of capacity 0. Never blocks.
   *
   * @return the size of {@link #servers()}
   */
  public int size() {
    return snapshot.members.size();
  }

  /**
   * The server for {@code key}, hashed as its UTF-8 bytes (so it equals {@link #resolve(byte[])} of
   * those bytes; unpaired surrogates encode as {@code '?'}). Never blocks, allocates nothing.
   *
   * @param key any string, empty included
   * @return the server, the very instance that was added
   * @throws NullPointerException if {@code key} is null
   * @throws IllegalArgumentException if the key is longer than 715,827,877 chars
   * @throws IllegalStateException "empty continuum" when no server can take keys (none listed, or
   *     none with a point)
   */
  public Server resolve(String key) {
    Snapshot s = snapshot;
    // The key is checked after the volatile read: loads of the key's fields before it could not be
    // reused by the hash after it, and would be made twice (measured about 1 ns a lookup).
    Checks.key(key);
    Server[] every = s.everySlot;
    if (every != null) {
      return every[JumpBack.bucket(s.keyHash.hash(key), every.length, s.levelMask)];
    }
    return resolveOther(s, key);
  }

  /** {@link #resolve(String)} when {@link Snapshot#everySlot} does not answer: kept out of its way. */
  private static Server resolveOther(Snapshot s, String key) {
    Server[] slots = s.jumpBackSlots;
    if (slots != null) {
      return bySlot(s, slots, s.keyHash.hash(key));
    }
    return serverAt(s, s.placement.index(key));
  }

  /**
   * The server for a key given as bytes. Never blocks, allocates nothing.
   *
   * @param key the key's bytes, any length, empty included; not modified
   * @return the server, the very instance that was added
   * @throws NullPointerException if {@code key} is null
   * @throws IllegalStateException "empty continuum" when no server can take keys
   */
  public Server resolve(byte[] key) {
    Snapshot s = snapshot;
    Checks.key(key); // after the volatile read, as in resolve(String)
    Server[] every = s.everySlot;
    if (every != null) {
      return every[JumpBack.bucket(s.keyHash.hash(key, 0, key.length), every.length, s.levelMask)];
    }
    return resolveOther(s, key);
  }

  /** {@link #resolve(byte[])} when {@link Snapshot#everySlot} does not answer. */
  private static Server resolveOther(Snapshot s, byte[] key) {
    Server[] slots = s.jumpBackSlots;
    if (slots != null) {
      return bySlot(s, slots, s.keyHash.hash(key, 0, key.length));
    }
    return serverAt(s, s.placement.index(key, 0, key.length));
  }

  /**
   * The server for a key whose 64-bit hash the caller already holds, for continuum's own algorithms
   * ({@link Algorithm.Capability#PREHASHED_KEYS}): the server a key of that key hash goes to, so that
   * {@code resolve(key)} is {@code resolve(h)} for {@code h} the algorithm's key hash of the key's
   * UTF-8 bytes. Callers that hash keys themselves (any good 64-bit hash; the same one everywhere the
   * placement must agree) skip continuum's key hash. Allocation-free and lock-free.
   *
   * <p>What the hash decides, by algorithm: {@code jumpback}, the slot
   * {@code ConsistentHashing.jumpBackHashSplitMix64().getBucket(keyHash, slots)} of hash4j, exactly;
   * {@code jump}, the slot of the paper's {@code JumpConsistentHash(keyHash, slots)} (Guava's
   * {@code consistentHash}); {@code memento}, the jumpback slot followed through its removed slots;
   * {@code ring} and {@code bounded-load}, the ring position given by the high 32 bits;
   * {@code multi-probe}, its probes {@code mix(keyHash + i * golden)}; {@code rendezvous}, the
   * scores of {@code mix(keyHash ^ serverId)}; {@code maglev}, the table slot
   * {@code Long.remainderUnsigned(keyHash, tableSize)}. For the slot algorithms, slot {@code i} is the
   * {@code i}-th server added while no server but the last has been removed (see
   * {@link Algorithm#dependsOnHistory()}).
   *
   * @param keyHash the key's 64-bit hash; every value is valid
   * @return the server for that hash
   * @throws UnsupportedOperationException for a compatibility dialect, which places keys by its peer's
   *     own key hash (md5, one-at-a-time, fnv1a, murmur3 over the key): resolve the key instead
   * @throws IllegalStateException "empty continuum" when no server can take keys
   */
  public Server resolve(long keyHash) {
    Snapshot s = snapshot;
    Server[] every = s.everySlot;
    if (every != null) {
      return every[JumpBack.bucket(keyHash, every.length, s.levelMask)];
    }
    return resolveOther(s, keyHash);
  }

  /** {@link #resolve(long)} when {@link Snapshot#everySlot} does not answer. */
  private Server resolveOther(Snapshot s, long keyHash) {
    Server[] slots = s.jumpBackSlots;
    if (slots != null) {
      return bySlot(s, slots, keyHash);
    }
    return serverAt(s, prehashed(s).index(keyHash));
  }

  /**
   * The {@code n} distinct servers for a key of 64-bit hash {@code keyHash}, in preference order; the
   * first is {@link #resolve(long)}, and the list equals {@code resolve(key, n)} of any key of that
   * hash (see {@link #resolve(long)} for what the hash means and which algorithms accept it).
   *
   * @param keyHash the key's 64-bit hash; every value is valid
   * @param n the number of replicas
   * @return {@code n} distinct servers, primary first
   * @throws UnsupportedOperationException for a compatibility dialect (see {@link #resolve(long)})
   * @throws IllegalArgumentException if {@code n < 1} or more than the servers that can take keys
   * @throws IllegalStateException "empty continuum" when no server can take keys
   */
  public List<Server> resolve(long keyHash, int n) {
    Snapshot s = snapshot;
    Placement p = prehashed(s);
    int[] out = new int[checkReplicas(s, n)];
    p.indexes(keyHash, out, n);
    return serversAt(s, out);
  }

  private Placement prehashed(Snapshot s) {
    if (!prehashedKeys) {
      throw new UnsupportedOperationException(algorithm.cliName() + " places keys by its peer's own key hash,"
          + " not by a 64-bit hash the caller supplies: resolve the key itself (resolve(long) takes"
          + " continuum's own algorithms: " + Algorithm.withCapability(Algorithm.Capability.PREHASHED_KEYS) + ")");
    }
    return s.placement;
  }

  /**
   * The {@code n} distinct servers for {@code key} in preference order; the first is
   * {@link #resolve(String)}. On rings these are the first {@code n} distinct owners clockwise from
   * the key; a peer program has no such call, so for dialects only the first is a compatibility
   * guarantee. Never blocks.
   *
   * @param key any string, hashed as its UTF-8 bytes
   * @param n how many servers, 1 to the number of servers that can take keys
   * @return {@code n} distinct servers, an unmodifiable list
   * @throws NullPointerException if {@code key} is null
   * @throws IllegalArgumentException if {@code n < 1} or more than the servers that can take keys, or
   *     if the key is longer than 715,827,877 chars
   * @throws IllegalStateException "empty continuum" when no server can take keys
   */
  public List<Server> resolve(String key, int n) {
    Checks.key(key);
    Snapshot s = snapshot;
    int[] out = new int[checkReplicas(s, n)];
    s.placement.indexes(key, out, n);
    return serversAt(s, out);
  }

  /**
   * As {@link #resolve(String, int)}, for a key given as bytes.
   *
   * @param key the key's bytes; not modified
   * @param n how many servers, 1 to the number of servers that can take keys
   * @return {@code n} distinct servers in preference order, an unmodifiable list
   * @throws NullPointerException if {@code key} is null
   * @throws IllegalArgumentException if {@code n < 1} or more than the servers that can take keys
   * @throws IllegalStateException "empty continuum" when no server can take keys
   */
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

  /**
   * The server of key hash {@code h} through the snapshot's {@link Snapshot#jumpBackSlots}: its bucket's
   * server, or, for a bucket whose server was removed (memento), the placement's answer.
   */
  private static Server bySlot(Snapshot s, Server[] slots, long h) {
    Server server = slots[JumpBack.bucket(h, slots.length, s.levelMask)];
    return server != null ? server : serverAt(s, s.placement.index(h));
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

  /**
   * A short description for logs, such as {@code Continuum[ring, 3 servers]}; not a stable format.
   *
   * @return the algorithm's name and the number of servers
   */
  @Override
  public String toString() {
    return "Continuum[" + algorithm.cliName() + ", " + snapshot.members.size() + " servers]";
  }

  /**
   * Builds a {@link Continuum} for any algorithm with options other than the defaults. Each setter
   * checks its value at once and throws before changing the builder. A builder is not thread-safe; it
   * can build several continuums, each with the options set so far.
   */
  public static final class Builder {
    private final Algorithm algorithm;
    private final Options options = Options.defaults();
    private boolean autogenerate = true;

    private Builder(Algorithm algorithm) {
      this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    }

    /**
     * python-continuum's {@code totaldots} (default 1000), for {@link Algorithm#PYTHON_CONTINUUM}.
     *
     * @param totalDots the number of entries spread over the servers by capacity, 1 to 2^28
     * @return this builder
     * @throws IllegalArgumentException if the algorithm is not python-continuum, or {@code totalDots}
     *     is below 1 or above 2^28
     */
    public Builder totalDots(int totalDots) {
      require(Knob.TOTAL_DOTS);
      options.totalDots = checkedTotalDots(totalDots);
      return this;
    }

    /**
     * The hash seed: pymemcache's murmur3 seed, or the secret seed of continuum's own algorithms
     * (default 0). Compatibility dialects other than pymemcache cannot be seeded. The seed is an input
     * of the placement: two continuums with different seeds place keys differently.
     *
     * @param seed any value for continuum's own algorithms; 0 to 4294967295 for pymemcache
     * @return this builder
     * @throws IllegalArgumentException if the algorithm takes no seed, or for pymemcache a seed outside
     *     0..4294967295
     */
    public Builder seed(long seed) {
      require(Knob.SEED);
      if (algorithm == Algorithm.PYMEMCACHE) {
        Checks.unsignedSeed32(algorithm.cliName(), seed);
      }
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
     *
     * @param allow true to accept equal servers more than once
     * @return this builder
     * @throws IllegalArgumentException if the algorithm is not a libmemcached or spymemcached dialect
     */
    public Builder allowDuplicateServers(boolean allow) {
      require(Knob.DUPLICATE_SERVERS);
      options.duplicateServers = allow;
      return this;
    }

    /**
     * Points per unit of capacity on the ring of {@link Algorithm#RING} and
     * {@link Algorithm#BOUNDED_LOAD} (default 160).
     *
     * @param pointsPerWeight 1 to 65536
     * @return this builder
     * @throws IllegalArgumentException if the algorithm is not ring or bounded-load, or the value is
     *     outside 1..65536
     */
    public Builder pointsPerWeight(int pointsPerWeight) {
      require(Knob.POINTS_PER_WEIGHT);
      options.pointsPerWeight = Checks.pointsPerWeight(pointsPerWeight);
      return this;
    }

    /**
     * The number of probes per key of {@link Algorithm#MULTI_PROBE} (default 21).
     *
     * @param probes 1 to 1024
     * @return this builder
     * @throws IllegalArgumentException if the algorithm is not multi-probe, or the value is outside
     *     1..1024
     */
    public Builder probes(int probes) {
      require(Knob.PROBES);
      options.probes = Checks.probes(probes);
      return this;
    }

    /**
     * The prime lookup-table size M of {@link Algorithm#MAGLEV} (default 65537). It should be well
     * above the number of servers (the paper suggests 100 times).
     *
     * @param tableSize a prime from 2 to 2^28
     * @return this builder
     * @throws IllegalArgumentException if the algorithm is not maglev, or the value is not a prime in
     *     2..2^28
     */
    public Builder tableSize(int tableSize) {
      require(Knob.TABLE_SIZE);
      options.tableSize = Checks.tableSize(tableSize);
      return this;
    }

    /**
     * The load factor c of {@link Algorithm#BOUNDED_LOAD}: no server takes more than
     * {@code ceil(c * average load)} (default 1.25).
     *
     * @param loadFactor a finite number of at least 1
     * @return this builder
     * @throws IllegalArgumentException if the algorithm is not bounded-load, or the value is below 1,
     *     infinite or NaN
     */
    public Builder loadFactor(double loadFactor) {
      require(Knob.LOAD_FACTOR);
      options.loadFactor = Checks.loadFactor(loadFactor);
      return this;
    }

    /**
     * The key hash of continuum's own algorithms (default: {@link Algorithm#defaultKeyHash()},
     * {@link KeyHashFunction#RAPIDHASH_WIDE} for {@code jumpback} and {@code memento},
     * {@link KeyHashFunction#XXHASH64} for the others); every function hashes the key's UTF-8 bytes
     * with the {@link #seed}. Another function places keys differently. Validated at once.
     *
     * @param keyHash the function
     * @return this builder
     * @throws NullPointerException if {@code keyHash} is null
     * @throws IllegalArgumentException if the algorithm is a compatibility dialect, which always
     *     hashes keys as its peer does
     */
    public Builder keyHash(KeyHashFunction keyHash) {
      Objects.requireNonNull(keyHash, "keyHash");
      require(Knob.KEY_HASH);
      options.keyHash = keyHash;
      return this;
    }

    /**
     * HAProxy's {@code avalanche} modifier for the HAProxy dialects ({@link Algorithm#HAPROXY_SDBM} and
     * its siblings): the key's hash goes through HAProxy's {@code full_hash} before the lookup. Default
     * false, which is {@code hash-type consistent <function>}; a bare {@code hash-type consistent}
     * means sdbm with avalanche, that is {@code HAPROXY_SDBM} with {@code avalanche(true)}.
     *
     * @param avalanche whether to apply the modifier
     * @return this builder
     * @throws IllegalArgumentException if the algorithm is not a HAProxy dialect
     */
    public Builder avalanche(boolean avalanche) {
      require(Knob.AVALANCHE);
      options.avalanche = avalanche;
      return this;
    }

    /**
     * When false, changes update the server list at once but the placement only at
     * {@link Continuum#generate()} (default true); any algorithm.
     *
     * @param autogenerate false to defer every placement change to {@code generate()}
     * @return this builder
     */
    public Builder autogenerate(boolean autogenerate) {
      this.autogenerate = autogenerate;
      return this;
    }

    private void require(Knob knob) {
      if (!algorithm.accepts(knob)) {
        throw new IllegalArgumentException(knob.label + " does not apply to algorithm " + algorithm.cliName());
      }
    }

    /**
     * A new, empty continuum with the options set so far. Later changes to the builder do not affect
     * it.
     *
     * @return the continuum, empty
     */
    public Continuum build() {
      return new Continuum(algorithm, options.copy(), autogenerate);
    }
  }
}
