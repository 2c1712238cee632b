package dev.continuum;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Jedis's sharding ring ({@code redis.clients.jedis.util.Sharded} in 3.10.0, the
 * {@code ShardedConnectionProvider} behind {@code JedisSharding} in 4.0 through 6.2): 64-bit
 * MurmurHash64A points in a signed {@code TreeMap}, the first point at or above the key's hash,
 * wrapping to the smallest.
 *
 * <p>Shard {@code i} (its list position) of weight {@code w} gets {@code 160 * w} points: the hashes
 * of {@code "SHARD-<i>-NODE-<n>"} for a shard without a name, of {@code "<name>*<n>"} for a named one
 * ({@link Server#name()}), {@code n} from 0. Points are put in list order into a map, so of two shards
 * on one point the later in the list keeps it (shards of equal names share every point). An unnamed
 * shard's points depend on its position: removing a shard renumbers every shard after it, as in Jedis.
 *
 * <p>Layout: the distinct point values ascending in one {@code long[]} and their owners beside them in
 * an {@code int[]}; a lookup is one binary search.
 */
final class JedisRing extends Placement {
  /** Points per unit of weight, fixed in Jedis ({@code 160 * shardInfo.getWeight()}). */
  static final int POINTS_PER_WEIGHT = 160;

  private final long[] points;
  private final int[] owners;
  private final int reachable;

  private JedisRing(long[] points, int[] owners, int reachable) {
    this.points = points;
    this.owners = owners;
    this.reachable = reachable;
  }

  /** The factory (Jedis has no options): checks the point limit before building. */
  static PlacementFactory factory(Options options) {
    return PlacementFactory.checked(JedisRing::pointCount, JedisRing::build);
  }

  /** The number of points {@code servers} take, checked against the limit. */
  private static int pointCount(Server[] servers) {
    long total = 0;
    for (Server s : servers) {
      total += (long) POINTS_PER_WEIGHT * s.capacity();
    }
    return Checks.points("jedis ring", total);
  }

  static JedisRing build(Server[] servers) {
    int count = pointCount(servers);
    long[] values = new long[count];
    int[] by = new int[count];
    int p = 0;
    byte[] buf = new byte[64];
    for (int i = 0; i < servers.length; i++) {
      Server s = servers[i];
      byte[] prefix = (s.name() != null ? s.name() + "*" : "SHARD-" + i + "-NODE-").getBytes(StandardCharsets.UTF_8);
      if (buf.length < prefix.length + 11) {
        buf = new byte[prefix.length + 11];
      }
      System.arraycopy(prefix, 0, buf, 0, prefix.length);
      for (int n = 0, end = POINTS_PER_WEIGHT * s.capacity(); n < end; n++) {
        int len = prefix.length + Decimal.write(n, buf, prefix.length);
        values[p] = Murmur64A.jedis(buf, 0, len);
        by[p] = i;
        p++;
      }
    }
    return fromPuts(values, by);
  }

  /**
   * The ring a map would hold after putting {@code owners[j]} at {@code values[j]} for j = 0, 1, ...:
   * one entry per distinct value, owned by the last put.
   */
  private static JedisRing fromPuts(long[] values, int[] putOwners) {
    int n = values.length;
    LongIntTable last = new LongIntTable(n);
    for (int j = 0; j < n; j++) {
      last.put(values[j], putOwners[j]);
    }
    long[] sorted = values.clone();
    Arrays.sort(sorted); // signed order, as Long.compareTo in Jedis's TreeMap
    int distinct = 0;
    for (int j = 0; j < n; j++) {
      if (j == 0 || sorted[j] != sorted[j - 1]) {
        sorted[distinct++] = sorted[j];
      }
    }
    long[] points = Arrays.copyOf(sorted, distinct);
    int[] owners = new int[distinct];
    int maxOwner = -1;
    for (int j = 0; j < distinct; j++) {
      owners[j] = last.get(points[j]);
      maxOwner = Math.max(maxOwner, owners[j]);
    }
    boolean[] seen = new boolean[maxOwner + 1];
    int reachable = 0;
    for (int o : owners) {
      if (!seen[o]) {
        seen[o] = true;
        reachable++;
      }
    }
    return new JedisRing(points, owners, reachable);
  }

  /** Position of the first point at or above {@code hash} (signed), wrapping to 0; -1 when empty. */
  private int find(long hash) {
    long[] a = points;
    if (a.length == 0) {
      return -1;
    }
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < hash) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo == a.length ? 0 : lo;
  }

  @Override
  int index(byte[] key, int offset, int length) {
    int i = find(Murmur64A.jedis(key, offset, length));
    return i < 0 ? -1 : owners[i];
  }

  @Override
  int index(CharSequence key) {
    int i = find(Murmur64A.jedis(key));
    return i < 0 ? -1 : owners[i];
  }

  @Override
  void indexes(byte[] key, int offset, int length, int[] out, int n) {
    PointRing.distinct(owners, find(Murmur64A.jedis(key, offset, length)), out, n);
  }

  @Override
  void indexes(CharSequence key, int[] out, int n) {
    PointRing.distinct(owners, find(Murmur64A.jedis(key)), out, n);
  }

  @Override
  int reachable() {
    return reachable;
  }

  @Override
  long memoryBytes() {
    return 12L * points.length;
  }

  /** An open-addressing map from long to int for building: the last put of a key wins. */
  private static final class LongIntTable {
    private final long[] keys;
    private final int[] vals;
    private final boolean[] used;
    private final int mask;
    private final int shift;

    LongIntTable(int expected) {
      int cap = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1; // load factor <= 1/2
      keys = new long[cap];
      vals = new int[cap];
      used = new boolean[cap];
      mask = cap - 1;
      shift = 64 - Integer.numberOfTrailingZeros(cap);
    }

    private int slot(long key) {
      int i = (int) ((key * ConsistentRing.GOLDEN) >>> shift);
      while (used[i] && keys[i] != key) {
        i = (i + 1) & mask;
      }
      return i;
    }

    void put(long key, int value) {
      int i = slot(key);
      used[i] = true;
      keys[i] = key;
      vals[i] = value;
    }

    int get(long key) {
      return vals[slot(key)];
    }
  }

  /** Unnamed shards are named by position, named ones by name. */
  @Override
  void describe(Server[] servers, Fingerprint f) {
    f.servers(servers, Fingerprint.Reading.LIST.names());
  }
}
