package dev.continuum.spymemcached;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import net.spy.memcached.CachedData;
import net.spy.memcached.MemcachedClient;
import net.spy.memcached.NodeLocator;
import net.spy.memcached.internal.OperationFuture;
import net.spy.memcached.transcoders.Transcoder;

/**
 * Moves a cache from one placement to another without a miss storm: reads go to the new placement
 * and, on a miss, to the server the old placement names, copying the value found there to its new
 * server (read-repair); writes and deletes go to the new placement, and remove the old owner's copy
 * where the old owner is another server. The migration lasts until {@link #finish()}.
 *
 * <p>Switching placements cold (say from twemproxy's ketama ring over ten servers to jump over eleven)
 * finds only the keys whose server happens not to change, about one in ten between unrelated
 * placements; during a migration every key the old fleet holds is still found, and each is copied
 * once. After one pass over the key space (or once the keys not read during the migration may be
 * lost) the old placement is no longer needed: call {@link #finish()} and shut the old client down.
 * {@link #stats()} counts where reads were served, so that a pass with no reads served by the old
 * placement shows the migration is complete.
 *
 * <pre>{@code
 * MemcachedClient before = new MemcachedClient(
 *     ContinuumConnectionFactory.wrap(settings, Algorithm.TWEMPROXY_MD5), oldServers);
 * MemcachedClient after = new MemcachedClient(
 *     ContinuumConnectionFactory.wrap(settings, Algorithm.JUMP), newServers);
 * MigratingMemcachedClient cache = new MigratingMemcachedClient(before, after, 3600);
 * Object v = cache.get("user:42");       // found on the new server, or copied there from the old one
 * cache.set("user:42", 3600, updated);    // new server; the old server's copy is deleted
 * ...
 * cache.finish();                         // the old placement is no longer read or written
 * before.shutdown();
 * }</pre>
 *
 * <h2>What it guarantees, and what it cannot</h2>
 * <ul>
 *   <li>A read-repair writes with memcached {@code add}: it never overwrites a value written to the
 *       new placement meanwhile. The copy keeps the old value's bytes and flags exactly (no
 *       re-encoding); its expiration is {@code repairExpiration}, since the text protocol does not
 *       reveal the old item's remaining time to live.
 *   <li>Writes delete the old owner's copy so that, should the new server evict or lose the key
 *       later, a miss cannot fall back to a stale value.
 *   <li>A delete racing with a read-repair of the same key can be undone (the read took the old value
 *       just before the delete reached the old owner, and its {@code add} lands after the delete
 *       reached the new one). {@link #delete} deletes the old copy first and waits, which narrows the
 *       window to a client's processing time (1 of 953 racing deletes undone in the live test). Delete
 *       again after the migration where that matters.
 *   <li>Only reads and writes made through this object take part. Other operations (incr, append,
 *       cas...) can be sent to {@link #client()}, the new placement's client, and see only its
 *       copies.
 *   <li>The migration is one way: writes reach only the new placement. To go back, migrate again in
 *       the other direction.
 * </ul>
 *
 * <h2>Threads</h2>
 * Safe for any number of threads, as the two spymemcached clients are. Neither client is owned: the
 * caller builds both (usually with {@link ContinuumConnectionFactory}) and shuts both down.
 */
public final class MigratingMemcachedClient {
  /** Passes a value's bytes and flags through unchanged, so a copy is exactly the original. */
  private static final Transcoder<CachedData> RAW = new Transcoder<>() {
    @Override
    public boolean asyncDecode(CachedData d) {
      return false;
    }

    @Override
    public CachedData encode(CachedData o) {
      return o;
    }

    @Override
    public CachedData decode(CachedData d) {
      return d;
    }

    @Override
    public int getMaxSize() {
      return CachedData.MAX_SIZE;
    }
  };

  private final MemcachedClient from;
  private final MemcachedClient to;
  private final ContinuumNodeLocator fromPlacement;
  private final ContinuumNodeLocator toPlacement;
  private final int repairExpiration;
  private volatile boolean finished;
  private final LongAdder servedByNew = new LongAdder();
  private final LongAdder servedByOld = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder oldReads = new LongAdder();
  private final LongAdder oldDeletes = new LongAdder();

  /**
   * Starts a migration from {@code from}'s placement to {@code to}'s. Both clients must place keys
   * with a {@link ContinuumNodeLocator} (a client built with {@link ContinuumConnectionFactory}), so
   * that the old owner of each key is known exactly. The placements are read once, here.
   *
   * @param from the client of the placement the cache is leaving
   * @param to the client of the placement the cache is moving to
   * @param repairExpiration the expiration, in memcached's terms (seconds, 0 for none, or a Unix
   *     time), of the copies read-repair writes
   * @throws IllegalArgumentException if a client does not place keys with a
   *     {@link ContinuumNodeLocator}, both are the same client, or the expiration is negative
   */
  public MigratingMemcachedClient(MemcachedClient from, MemcachedClient to, int repairExpiration) {
    this.from = Objects.requireNonNull(from, "from");
    this.to = Objects.requireNonNull(to, "to");
    if (from == to) {
      throw new IllegalArgumentException("from and to are the same client; a migration needs one client per placement");
    }
    if (repairExpiration < 0) {
      throw new IllegalArgumentException("repairExpiration must not be negative, got " + repairExpiration);
    }
    this.fromPlacement = locator("from", from);
    this.toPlacement = locator("to", to);
    this.repairExpiration = repairExpiration;
  }

  private static ContinuumNodeLocator locator(String which, MemcachedClient client) {
    NodeLocator l = client.getNodeLocator();
    if (!(l instanceof ContinuumNodeLocator)) {
      throw new IllegalArgumentException(which + " client places keys with " + l.getClass().getName()
          + ", not a ContinuumNodeLocator (build it with ContinuumConnectionFactory)");
    }
    return (ContinuumNodeLocator) l;
  }

  /**
   * The new placement's client, for operations this class does not migrate.
   *
   * @return the client this one reads and writes through first
   */
  public MemcachedClient client() {
    return to;
  }

  /**
   * True when {@code key} has another server in the new placement than in the old one, so that a miss
   * asks the old server and a write deletes there. Always false after {@link #finish()}.
   *
   * @param key a memcached key
   * @return whether the key's server changes
   */
  public boolean moves(String key) {
    return !finished && !fromPlacement.serverFor(key).equals(toPlacement.serverFor(key));
  }

  /**
   * Reads {@code key} with the new client's default transcoder; see {@link #get(String, Transcoder)}.
   *
   * @param key a memcached key
   * @return the value, or null when neither placement holds it
   */
  public Object get(String key) {
    return get(key, to.getTranscoder());
  }

  /**
   * Reads {@code key} from its new server; on a miss, while migrating and if its old server is another
   * one, from there, copying the value to the new server.
   *
   * @param key a memcached key
   * @param transcoder decodes the value
   * @param <T> the value's type
   * @return the value, or null when neither placement holds it
   * @throws net.spy.memcached.OperationTimeoutException when a server does not answer in the
   *     client's operation timeout, as for {@code MemcachedClient.get}
   */
  public <T> T get(String key, Transcoder<T> transcoder) {
    CachedData d = to.get(key, RAW);
    if (d != null) {
      servedByNew.increment();
    } else if (moves(key)) {
      oldReads.increment();
      d = from.get(key, RAW);
      if (d != null) {
        servedByOld.increment();
        to.add(key, repairExpiration, d, RAW);
      }
    }
    if (d == null) {
      misses.increment();
      return null;
    }
    return transcoder.decode(d);
  }

  /**
   * Reads many keys with the new client's default transcoder; see
   * {@link #getBulk(Collection, Transcoder)}.
   *
   * @param keys memcached keys
   * @return the values found, by key
   */
  public Map<String, Object> getBulk(Collection<String> keys) {
    return getBulk(keys, to.getTranscoder());
  }

  /**
   * Reads many keys: one bulk read from the new placement, then one from the old placement for the
   * keys missed whose server changes, each found there copied to its new server.
   *
   * @param keys memcached keys
   * @param transcoder decodes the values
   * @param <T> the values' type
   * @return the values found, by key
   * @throws net.spy.memcached.OperationTimeoutException when a server does not answer in the
   *     client's operation timeout, as for {@code MemcachedClient.getBulk}
   */
  public <T> Map<String, T> getBulk(Collection<String> keys, Transcoder<T> transcoder) {
    Map<String, CachedData> found = new HashMap<>(to.getBulk(keys, RAW));
    servedByNew.add(found.size());
    List<String> ask = new ArrayList<>();
    int missed = 0;
    for (String k : keys) {
      if (!found.containsKey(k)) {
        missed++;
        if (moves(k)) {
          ask.add(k);
        }
      }
    }
    if (!ask.isEmpty()) {
      oldReads.add(ask.size());
      Map<String, CachedData> old = from.getBulk(ask, RAW);
      servedByOld.add(old.size());
      missed -= old.size();
      for (Map.Entry<String, CachedData> e : old.entrySet()) {
        to.add(e.getKey(), repairExpiration, e.getValue(), RAW);
        found.put(e.getKey(), e.getValue());
      }
    }
    misses.add(missed);
    Map<String, T> out = new HashMap<>(found.size() * 2);
    found.forEach((k, d) -> out.put(k, transcoder.decode(d)));
    return out;
  }

  /**
   * Sets {@code key} on its new server and, while migrating and if its old server is another one,
   * deletes the old copy there.
   *
   * @param key a memcached key
   * @param expiration memcached's expiration (seconds, 0 for none, or a Unix time)
   * @param value the value, encoded by the new client's default transcoder
   * @return the new server's answer
   */
  public OperationFuture<Boolean> set(String key, int expiration, Object value) {
    OperationFuture<Boolean> f = to.set(key, expiration, value);
    dropOldCopy(key);
    return f;
  }

  /**
   * Adds {@code key} on its new server (it succeeds when the new server does not hold the key: a
   * copy only the old server holds does not count) and deletes the old copy, as {@link #set} does.
   *
   * @param key a memcached key
   * @param expiration memcached's expiration (seconds, 0 for none, or a Unix time)
   * @param value the value, encoded by the new client's default transcoder
   * @return the new server's answer
   */
  public OperationFuture<Boolean> add(String key, int expiration, Object value) {
    OperationFuture<Boolean> f = to.add(key, expiration, value);
    dropOldCopy(key);
    return f;
  }

  /**
   * Deletes {@code key} from its new server and, while migrating and if its old server is another
   * one, from there too: first from the old server, waiting for its answer (at most the old client's
   * operation timeout; a server that does not answer does not stop the delete), then from the new
   * one. In that order a read-repair racing with the delete can undo it only if it read the old copy
   * just before the old delete and copies it after the new one, a window of a client's processing
   * time rather than of a round trip.
   *
   * @param key a memcached key
   * @return the new server's answer (false when only the old server held the key)
   */
  public OperationFuture<Boolean> delete(String key) {
    if (moves(key)) {
      oldDeletes.increment();
      try {
        from.delete(key).get(from.getOperationTimeout(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // the caller is told by the flag; the new copy still goes
      } catch (ExecutionException | TimeoutException oldServerUnavailable) {
        // The old server is down or slow: its copy cannot be read-repaired from either, so the new
        // server's delete is what matters.
      }
    }
    return to.delete(key);
  }

  /** Deletes the old server's copy of a key whose server changes, without waiting. */
  private void dropOldCopy(String key) {
    if (moves(key)) {
      oldDeletes.increment();
      from.delete(key);
    }
  }

  /**
   * Ends the migration: from now on reads and writes use the new placement alone and the old client
   * is never called again, so the caller may shut it down. Idempotent.
   */
  public void finish() {
    finished = true;
  }

  /**
   * True once {@link #finish()} was called.
   *
   * @return whether the migration has ended
   */
  public boolean isFinished() {
    return finished;
  }

  /**
   * The counts of this migration so far (each read key counted once, in one of three ways).
   *
   * @return a snapshot of the counters
   */
  public Stats stats() {
    return new Stats(servedByNew.sum(), servedByOld.sum(), misses.sum(), oldReads.sum(), oldDeletes.sum());
  }

  /** Where a migration's reads were served: a snapshot, immutable. */
  public static final class Stats {
    private final long servedByNew;
    private final long servedByOld;
    private final long misses;
    private final long oldReads;
    private final long oldDeletes;

    Stats(long servedByNew, long servedByOld, long misses, long oldReads, long oldDeletes) {
      this.servedByNew = servedByNew;
      this.servedByOld = servedByOld;
      this.misses = misses;
      this.oldReads = oldReads;
      this.oldDeletes = oldDeletes;
    }

    /**
     * Keys read and found on their new server.
     *
     * @return the count
     */
    public long servedByNew() {
      return servedByNew;
    }

    /**
     * Keys missed on their new server, found on their old one and copied over.
     *
     * @return the count
     */
    public long servedByOld() {
      return servedByOld;
    }

    /**
     * Keys found on neither server.
     *
     * @return the count
     */
    public long misses() {
      return misses;
    }

    /**
     * Keys asked of the old placement: misses on the new server whose server changes.
     *
     * @return the count
     */
    public long oldReads() {
      return oldReads;
    }

    /**
     * Old copies deleted by writes and deletes.
     *
     * @return the count
     */
    public long oldDeletes() {
      return oldDeletes;
    }

    /**
     * The share of keys read that were found.
     *
     * @return a fraction in [0, 1], 0 before any read
     */
    public double hitRatio() {
      long reads = servedByNew + servedByOld + misses;
      return reads == 0 ? 0 : (servedByNew + servedByOld) / (double) reads;
    }

    @Override
    public String toString() {
      return "served by new " + servedByNew + ", by old " + servedByOld + ", misses " + misses
          + ", old reads " + oldReads + ", old deletes " + oldDeletes;
    }
  }
}
