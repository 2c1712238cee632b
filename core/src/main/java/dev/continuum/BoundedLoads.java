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
 * until its requests are released.
 */
public final class BoundedLoads {
  private final Continuum continuum;
  private final double loadFactor;
  private final ConcurrentHashMap<Server, AtomicInteger> loads = new ConcurrentHashMap<>();
  private final AtomicLong total = new AtomicLong();

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
        if (load.compareAndSet(cur, cur + 1)) {
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
    return c != null ? c : loads.computeIfAbsent(server, k -> new AtomicInteger());
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
    AtomicInteger load = loads.get(server);
    for (int cur = load == null ? 0 : load.get(); ; cur = load.get()) {
      if (cur == 0) {
        throw new IllegalArgumentException("no acquired load to release on " + server.host() + ":" + server.port());
      }
      if (load.compareAndSet(cur, cur - 1)) {
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
    return load == null ? 0 : load.get();
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
