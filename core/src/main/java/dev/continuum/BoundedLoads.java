package dev.continuum;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Consistent hashing with bounded loads (Vahab Mirrokni, Mikkel Thorup and Morteza Zadimoghaddam,
 * "Consistent Hashing with Bounded Loads", SODA 2018, arXiv:1608.01350): requests are placed on the
 * ring of a {@link Algorithm#BOUNDED_LOAD} continuum, but a server already at its bound is passed over
 * for the next server clockwise. Obtain one from {@link Continuum#boundedLoads()}.
 *
 * <p>The bound of a server of capacity {@code w}, when {@code m} requests are in flight (counting the
 * one being placed) over servers of total capacity {@code W}, is {@code ceil(c * m * w / W)}: with equal
 * capacities, {@code ceil(c * average load)}. Since the bounds add up to at least {@code c m >= m},
 * some server always has room.
 *
 * <p>Thread-safe and lock-free: one atomic counter per server and one for the total. {@link #acquire}
 * counts the request in the total first, then claims a server by compare-and-set below its bound;
 * {@link #release} undoes both in the opposite order. So every claim respects the bound computed from
 * a total that includes every request in flight at that moment; a server's load exceeds the bound of
 * the current total only when releases have lowered the total since (the paper's bound too holds at
 * insertion time).
 *
 * <p>Counters follow servers by host and port: a server removed from the continuum keeps its counter
 * until its requests are released, and the counter is dropped when its load is zero (at the change
 * that removes the server, or at the release that ends its last request), so churn leaves no trace.
 * A dropped counter is first marked {@link #RETIRED}, so that a request that found it just before
 * never counts on it: it looks the server's counter up again.
 */
public final class BoundedLoads {
  private final Continuum continuum;
  private final double loadFactor;
  private final ConcurrentHashMap<Server, AtomicInteger> loads = new ConcurrentHashMap<>();
  private final AtomicLong total = new AtomicLong();
  /** The servers of the placement last published: a counter of any other server is dropped at zero. */
  private volatile java.util.Set<Server> current = java.util.Set.of();
  /** The value of a counter dropped from {@link #loads}: never counted on again. */
  private static final int RETIRED = Integer.MIN_VALUE;

  BoundedLoads(Continuum continuum, double loadFactor) {
    this.continuum = continuum;
    this.loadFactor = loadFactor;
  }

  /**
   * The load factor c, set with {@link Continuum.Builder#loadFactor(double)}.
   *
   * @return c, at least 1
   */
  public double loadFactor() {
    return loadFactor;
  }

  /**
   * Places one request for {@code key} (hashed as its UTF-8 bytes): the first server clockwise from
   * the key with room under its bound, whose load is then one higher. Pair with {@link #release}.
   * Never blocks; allocates only the first time a server is claimed.
   *
   * @param key the request's key
   * @return the server that took the request
   * @throws NullPointerException if {@code key} is null
   * @throws IllegalArgumentException if the key is longer than 715,827,877 chars
   * @throws IllegalStateException "empty continuum" when no server can take keys
   */
  public Server acquire(String key) {
    Checks.key(key);
    Continuum.Snapshot s = continuum.snapshot();
    ConsistentRing ring = (ConsistentRing) s.placement;
    return claim(s, ring, ring.ring.find(ring.hash(key)));
  }

  /**
   * As {@link #acquire(String)}, for a key given as bytes.
   *
   * @param key the request's key; not modified
   * @return the server that took the request
   * @throws NullPointerException if {@code key} is null
   * @throws IllegalStateException "empty continuum" when no server can take keys
   */
  public Server acquire(byte[] key) {
    Checks.key(key);
    Continuum.Snapshot s = continuum.snapshot();
    ConsistentRing ring = (ConsistentRing) s.placement;
    return claim(s, ring, ring.ring.find(ring.hash(key, 0, key.length)));
  }

  private Server claim(Continuum.Snapshot s, ConsistentRing ring, int start) {
    if (start < 0 || ring.totalWeight == 0) {
      throw new IllegalStateException("empty continuum");
    }
    long m = total.incrementAndGet();
    int size = ring.ring.size();
    double perWeight = loadFactor * m / ring.totalWeight;
    // Under concurrent claims a full lap can find every server at its bound; the lap then starts over
    // with the bound of the current total, which counts every request in flight.
    for (int i = start, steps = 1; ; i = i + 1 == size ? 0 : i + 1, steps++) {
      Server server = s.servers[ring.ring.owner(i)];
      long bound = (long) Math.ceil(perWeight * server.capacity());
      AtomicInteger load = counter(server);
      for (int cur = load.get(); cur < bound; cur = load.get()) {
        if (cur == RETIRED) {
          load = counter(server); // dropped meanwhile: count on the server's live counter
        } else if (load.compareAndSet(cur, cur + 1)) {
          return server;
        }
      }
      if (steps % size == 0) {
        perWeight = loadFactor * total.get() / ring.totalWeight;
      }
    }
  }

  private AtomicInteger counter(Server server) {
    AtomicInteger c = loads.get(server);
    return c != null && c.get() != RETIRED ? c : loads.compute(server, (k, v) -> v == null || v.get() == RETIRED ? new AtomicInteger() : v);
  }

  /** Drops the counter {@code load} of {@code server} if its load is zero. */
  private void retire(Server server, AtomicInteger load) {
    if (load.compareAndSet(0, RETIRED)) {
      loads.remove(server, load);
    }
  }

  /**
   * Called by the continuum under its write lock when it publishes a placement over {@code servers}:
   * drops the idle counters of servers no longer placed on.
   */
  void placedOn(Server[] servers) {
    java.util.Set<Server> now = new java.util.HashSet<>(java.util.Arrays.asList(servers));
    current = now;
    for (java.util.Map.Entry<Server, AtomicInteger> e : loads.entrySet()) {
      if (!now.contains(e.getKey())) {
        retire(e.getKey(), e.getValue());
      }
    }
  }

  /** The number of counters held (tests: churn must not grow it). */
  int counters() {
    return loads.size();
  }

  /**
   * Ends one request on {@code server}, acquired earlier.
   *
   * @param server the server {@link #acquire} returned (or an equal one: same host and port)
   * @throws NullPointerException if {@code server} is null
   * @throws IllegalArgumentException if {@code server} holds no acquired request; nothing changes
   */
  public void release(Server server) {
    java.util.Objects.requireNonNull(server, "server");
    while (true) {
      AtomicInteger load = loads.get(server);
      int cur = load == null ? 0 : load.get();
      if (cur == RETIRED) {
        continue; // being dropped from the map at this moment: look again
      }
      if (cur == 0) {
        throw new IllegalArgumentException("no acquired load to release on " + server.host() + ":" + server.port());
      }
      if (load.compareAndSet(cur, cur - 1)) {
        if (cur == 1 && !current.contains(server)) {
          retire(server, load);
        }
        break;
      }
    }
    total.decrementAndGet();
  }

  /**
   * The requests currently acquired on a server.
   *
   * @param server any server; matched by host and port
   * @return its load, 0 when it holds none
   */
  public int load(Server server) {
    AtomicInteger load = loads.get(server);
    return load == null ? 0 : Math.max(0, load.get());
  }

  /**
   * The requests currently acquired over all servers.
   *
   * @return the total load
   */
  public long totalLoad() {
    return total.get();
  }
}
