package dev.continuum;

import java.util.Arrays;
import java.util.List;

/**
 * The exact division of the 32-bit key-hash space among the servers of a ring placement: which
 * server each hash value goes to, as a list of arcs, without sampling a single key.
 *
 * <p>The hash space is {@code [0, 2^32)}. The arcs are contiguous, in ascending order, cover the
 * whole space when any server holds a point, and adjacent arcs have different owners. A server's
 * share of the hash space equals its share of keys when key hashes are uniform (md5 is; a weak key
 * hash on similar keys may not be).
 *
 * <p>Obtained from {@link Continuum#keySpace()}; immutable and thread-safe, a snapshot of the placement
 * at that time. Methods taking an arc or server index throw {@link IndexOutOfBoundsException} outside
 * {@code 0..arcs()-1} or {@code 0..servers().size()-1}.
 */
public final class KeySpace {
  /** The number of hash values: {@code 2^32}. */
  public static final long SIZE = 1L << 32;

  private final List<Server> servers;
  private final String keyHash;
  /** {@code ends[i]} is the exclusive end of arc i; arc i starts at {@code ends[i-1]} (0 for i = 0). */
  private final long[] ends;
  private final int[] owners;
  private final long[] owned;

  KeySpace(Server[] servers, long[] ends, int[] owners) {
    this(List.of(servers), ends, owners, "");
  }

  private KeySpace(List<Server> servers, long[] ends, int[] owners, String keyHash) {
    this.servers = servers;
    this.keyHash = keyHash;
    this.ends = ends;
    this.owners = owners;
    this.owned = new long[servers.size()];
    for (int i = 0; i < ends.length; i++) {
      owned[owners[i]] += ends[i] - arcStart(i);
    }
  }

  /** This key space, naming the key hash that maps keys into it. */
  KeySpace hashedBy(String keyHash) {
    return new KeySpace(servers, ends, owners, keyHash);
  }

  /**
   * The name of the key hash whose 32-bit values this key space divides: {@code md5} (word 0 of the
   * digest, libketama's), {@code one-at-a-time}, {@code twemproxy-fnv1a_64}, or
   * {@code rapidhash-high32-seed-N} or {@code xxh64-high32-seed-N} (continuum's ring with seed N and
   * its {@link KeyHashFunction}: the high 32 bits of the 64-bit key hash). Two key spaces with the same key hash
   * send every key to the same hash value, so comparing their arcs (as {@code continuum plan} does)
   * tells exactly, over the whole key space, which share of keys changes server; with different key
   * hashes only sample keys can tell.
   *
   * @return the key hash's name
   */
  public String keyHash() {
    return keyHash;
  }

  /**
   * The servers of the placement, in list order.
   *
   * @return an unmodifiable list, indexed as {@link #arcOwner(int)} and {@link #owned(int)} index it
   */
  public List<Server> servers() {
    return servers;
  }

  /**
   * The number of arcs.
   *
   * @return the number of arcs, 0 when no server holds a point
   */
  public int arcs() {
    return ends.length;
  }

  /**
   * The first hash value of an arc.
   *
   * @param i the arc, 0 to {@code arcs() - 1}
   * @return its first hash value; 0 for arc 0
   * @throws IndexOutOfBoundsException if {@code i} is not an arc
   */
  public long arcStart(int i) {
    return i == 0 ? 0 : ends[i - 1];
  }

  /**
   * One past the last hash value of an arc.
   *
   * @param i the arc, 0 to {@code arcs() - 1}
   * @return its exclusive end; {@link #SIZE} for the last arc
   * @throws IndexOutOfBoundsException if {@code i} is not an arc
   */
  public long arcEnd(int i) {
    return ends[i];
  }

  /**
   * The server every hash of an arc goes to.
   *
   * @param i the arc, 0 to {@code arcs() - 1}
   * @return the server's index in {@link #servers()}
   * @throws IndexOutOfBoundsException if {@code i} is not an arc
   */
  public int arcOwner(int i) {
    return owners[i];
  }

  /**
   * The number of hash values that go to a server.
   *
   * @param server an index in {@link #servers()}
   * @return the number of hash values, 0 to {@link #SIZE}
   * @throws IndexOutOfBoundsException if {@code server} is not an index of {@link #servers()}
   */
  public long owned(int server) {
    return owned[server];
  }

  /**
   * The fraction of the hash space that goes to a server.
   *
   * @param server an index in {@link #servers()}
   * @return the fraction, in {@code [0, 1]}
   * @throws IndexOutOfBoundsException if {@code server} is not an index of {@link #servers()}
   */
  public double share(int server) {
    return owned[server] / (double) SIZE;
  }

  /**
   * The server a hash value goes to.
   *
   * @param hash a key hash, {@code 0} to {@code 2^32 - 1}
   * @return the server's index in {@link #servers()}, or -1 when there are no arcs
   * @throws IllegalArgumentException if {@code hash} is outside {@code [0, 2^32)}
   */
  public int ownerOf(long hash) {
    if (hash < 0 || hash >= SIZE) {
      throw new IllegalArgumentException("hash must be in [0, 2^32), got " + hash);
    }
    if (ends.length == 0) {
      return -1;
    }
    int i = Arrays.binarySearch(ends, hash);
    // An exact match is the end of arc i, so the hash starts arc i + 1.
    return owners[i >= 0 ? i + 1 : -i - 1];
  }

  /**
   * A short description for logs, such as {@code KeySpace[480 arcs, 3 servers]}.
   *
   * @return the number of arcs and servers
   */
  @Override
  public String toString() {
    return "KeySpace[" + ends.length + " arcs, " + servers.size() + " servers, " + keyHash + "]";
  }
}
