package dev.continuum;

import java.util.Arrays;

/**
 * The sorted-points machinery shared by every ring: 32-bit unsigned points, each owned by a server
 * index, sorted ascending, searched for the first point at or above (or strictly above) a key's hash,
 * wrapping to the first point.
 *
 * <p>Ties: points are sorted stably by value, so among equal values the one added first comes first
 * and wins the lookup. Each dialect states its tie rule by the order in which it adds points.
 *
 * <p>Layout, chosen so that a lookup touches about two cache lines and nothing else:
 * <ul>
 *   <li>{@code entries}: one long a point, the value (sign bit flipped, so that signed order is unsigned
 *       value order) in the high half and the owner in the low half. The owner sits next to the value,
 *       on the cache line the search already loaded. 8 bytes a point.
 *   <li>{@code starts}: for each of the {@code 2^bits} ranges of the hash's top bits, the position of
 *       the first point in that range (plus an end sentinel). A lookup reads one pair of it and then
 *       scans a handful of points. The table has at most one slot per 8 points, so it costs at most
 *       0.5 bytes a point: 8.5 bytes a point in all.
 * </ul>
 * Building is a stable LSD radix sort; adding and removing servers can merge instead of re-sorting
 * ({@link #update}).
 */
final class PointRing {
  private static final int FLIP = 0x80000000;
  /** Below this many points a comparison sort beats the radix sort's histogram passes. */
  private static final int RADIX_THRESHOLD = 4096;
  /** Scan a bucket linearly up to this many points; binary search beyond (skewed rings). */
  private static final int LINEAR_SCAN = 16;

  /** {@code (value ^ FLIP) << 32 | owner}, ascending (stable among equal values). */
  private final long[] entries;
  /** {@code starts[b]}: first position whose value's top {@code bits} bits are >= b; length 2^bits + 1. */
  private final int[] starts;
  /** How many top bits of a hash pick its bucket in {@link #starts} (0: a single bucket). */
  private final int bits;
  /** True: the first point strictly above the hash wins (python-continuum); false: at or above. */
  private final boolean strict;
  private final int reachable;

  private PointRing(long[] entries, boolean strict, int reachable) {
    this(entries, indexBits(entries.length), null, strict, reachable);
  }

  /** {@code starts}: the table for {@code bits}, or null to compute it from the entries. */
  private PointRing(long[] entries, int bits, int[] starts, boolean strict, int reachable) {
    this.entries = entries;
    this.strict = strict;
    this.reachable = reachable;
    this.bits = bits;
    this.starts = starts != null ? starts : startsTable(entries, bits);
  }

  /**
   * A ring over {@code entries} whose start table for {@code bits} is {@code starts}: kept when
   * {@code bits} is still the right size for the new point count, else recomputed.
   */
  private static PointRing derived(long[] entries, int bits, int[] starts, boolean strict, int reachable) {
    int wanted = indexBits(entries.length);
    return new PointRing(entries, wanted, wanted == bits ? starts : null, strict, reachable);
  }

  /** The largest {@code bits} with {@code 2^bits <= points / 8}, so the table costs <= 0.5 B a point. */
  static int indexBits(int points) {
    int slots = points >>> 3;
    return slots <= 1 ? 0 : 31 - Integer.numberOfLeadingZeros(slots);
  }

  private static int[] startsTable(long[] entries, int bits) {
    int buckets = 1 << bits;
    int[] starts = new int[buckets + 1];
    int pos = 0;
    int n = entries.length;
    for (int b = 0; b < buckets; b++) {
      // Bucket b holds unsigned values [b << (32 - bits), (b + 1) << (32 - bits)).
      while (pos < n && bucketOf(value(entries[pos]), bits) < b) {
        pos++;
      }
      starts[b] = pos;
    }
    starts[buckets] = n;
    return starts;
  }

  private static int bucketOf(int unsignedValue, int bits) {
    return bits == 0 ? 0 : unsignedValue >>> (32 - bits);
  }

  static int value(long entry) {
    return (int) (entry >> 32) ^ FLIP;
  }

  private static long entry(int unsignedValue, int owner) {
    return (long) (unsignedValue ^ FLIP) << 32 | owner;
  }

  static PointRing of(long[] sorted, boolean strict, int serverCount) {
    boolean[] seen = new boolean[serverCount];
    int reachable = 0;
    for (long e : sorted) {
      int owner = (int) e;
      if (!seen[owner]) {
        seen[owner] = true;
        reachable++;
      }
    }
    return new PointRing(sorted, strict, reachable);
  }

  /** Collects points in the order that decides ties, then sorts them. */
  static final class Builder {
    private long[] packed;
    private int size;

    Builder(int expectedPoints) {
      int n = Checks.points("the ring", expectedPoints);
      packed = new long[Math.max(n, 16)];
    }

    /** Adds a point with unsigned value {@code value} owned by {@code owner}. */
    Builder add(int value, int owner) {
      if (size == packed.length) {
        packed = Arrays.copyOf(packed, Checks.points("the ring", (long) size * 2));
      }
      packed[size++] = entry(value, owner);
      return this;
    }

    int size() {
      return size;
    }

    /** The points sorted by value, stably (in insertion order among equal values). */
    long[] sorted() {
      return sortStable(packed, size);
    }

    PointRing build(boolean strict, int serverCount) {
      return of(sorted(), strict, serverCount);
    }
  }

  /**
   * Sorts {@code a[0, n)} by the high 32 bits (signed), keeping the insertion order of equal keys,
   * into a new array of length n.
   */
  static long[] sortStable(long[] a, int n) {
    if (n < RADIX_THRESHOLD) {
      // Tag each key with its sequence number so that the comparison sort is stable.
      long[] keys = new long[n];
      for (int i = 0; i < n; i++) {
        keys[i] = a[i] & 0xFFFF_FFFF_0000_0000L | i;
      }
      Arrays.sort(keys);
      long[] out = new long[n];
      for (int i = 0; i < n; i++) {
        out[i] = a[(int) keys[i]];
      }
      return out;
    }
    // Two stable counting passes of 16 bits each over the high half: low digit, then high digit.
    long[] src = Arrays.copyOf(a, n);
    long[] dst = new long[n];
    int[] count = new int[1 << 16];
    for (int shift = 32; shift <= 48; shift += 16) {
      Arrays.fill(count, 0);
      for (int i = 0; i < n; i++) {
        count[digit(src[i], shift)]++;
      }
      int sum = 0;
      for (int d = 0; d < count.length; d++) {
        int c = count[d];
        count[d] = sum;
        sum += c;
      }
      for (int i = 0; i < n; i++) {
        long e = src[i];
        dst[count[digit(e, shift)]++] = e;
      }
      long[] t = src;
      src = dst;
      dst = t;
    }
    return src;
  }

  /** A 16-bit digit of the entry's high half, in unsigned-value order for the top digit. */
  private static int digit(long e, int shift) {
    int d = (int) (e >>> shift) & 0xFFFF;
    return shift == 48 ? d ^ 0x8000 : d;
  }

  /** Adds the points of one server, in tie-deciding order, with the owner index given. */
  @FunctionalInterface
  interface Source {
    void addPoints(Server server, int owner, Builder to);
  }

  /**
   * Which of two servers' points comes first among equal values, given their indexes in the new
   * server list: the rule a ring states by the order in which it adds servers' points.
   */
  @FunctionalInterface
  interface Ties {
    boolean first(Server[] servers, int owner, int otherOwner);
  }

  /** The server earlier in the list wins (points added in list order). */
  static final Ties LIST_ORDER = (servers, owner, other) -> owner < other;
  /** The server later in the list wins (spymemcached's TreeMap.put overwrites). */
  static final Ties REVERSE_LIST_ORDER = (servers, owner, other) -> owner > other;

  /** A ring of the points {@code source} gives each server, added in server order. */
  static PointRing build(Server[] servers, Source source, int pointsHint, boolean strict) {
    Builder b = new Builder(pointsHint);
    for (int i = 0; i < servers.length; i++) {
      source.addPoints(servers[i], i, b);
    }
    return b.build(strict, servers.length);
  }

  /**
   * The ring {@link #build} would give for {@code after}, derived from {@code previous} (built for
   * {@code before}) by merging rather than re-sorting, when {@code after} is {@code before} with some
   * servers removed and some appended (the same {@link Server} instances, in the same order). Exact for
   * rings whose points for a server depend on that server alone. Returns null for any other change
   * (a server moved or replaced, several appended when ties follow {@code ties}): the caller builds.
   *
   * @param ties how the ring orders the points of two servers that share a value; with any rule but
   *     {@link #LIST_ORDER}, appending several servers at once is left to a full build (the appended
   *     servers' points are collected in list order)
   */
  static PointRing update(PointRing previous, Server[] before, Server[] after, Source source, boolean strict,
      Ties ties) {
    int[] remap = new int[before.length];
    int kept = 0;
    for (int i = 0; i < before.length; i++) {
      if (kept < after.length && after[kept] == before[i]) {
        remap[i] = kept++;
      } else {
        remap[i] = -1;
      }
    }
    boolean rebuild = previous.strict != strict || (ties != LIST_ORDER && after.length - kept > 1);
    for (int j = kept; j < after.length && !rebuild; j++) {
      for (Server s : before) {
        rebuild |= s == after[j]; // moved, not appended: the merge cannot express it
      }
    }
    if (rebuild) {
      return null;
    }
    // Work proportional to the points is one pass that writes the new array: a removal copies the
    // survivors bucket by bucket (deriving their start table on the way), an append copies the runs
    // between the few new points with System.arraycopy and shifts the start table. The count of
    // reachable servers is adjusted, not recounted.
    long[] old = previous.entries;
    int bits = previous.bits;
    long[] survivors = old;
    int[] starts = previous.starts;
    int reachable = previous.reachable;
    int m = old.length;
    if (kept < before.length) {
      // Count first so that a removal allocates one exact array, which is the result when nothing
      // is appended: one array per change, not two (the writer's garbage pauses the readers).
      m = 0;
      for (long e : old) {
        int owner = (int) e;
        if (remap[owner] >= 0) {
          m++;
        } else if (remap[owner] == -1) {
          remap[owner] = -2; // a removed server that held points
          reachable--;
        }
      }
      survivors = new long[m];
      int[] survivorStarts = new int[starts.length];
      int buckets = starts.length - 1;
      int at = 0;
      for (int b = 0; b < buckets; b++) {
        survivorStarts[b] = at;
        for (int p = starts[b], end = starts[b + 1]; p < end; p++) {
          long e = old[p];
          int owner = remap[(int) e];
          if (owner >= 0) {
            survivors[at++] = e & 0xFFFF_FFFF_0000_0000L | owner;
          }
        }
      }
      survivorStarts[buckets] = at;
      starts = survivorStarts;
    }
    if (kept == after.length) {
      return derived(survivors, bits, starts, strict, reachable); // only removals (never written)
    }
    int perServer = before.length == 0 ? 16 : old.length / before.length + 1;
    Builder added = new Builder((int) Math.min(Checks.MAX_POINTS, Math.max(16L, (long) (after.length - kept) * perServer)));
    for (int j = kept; j < after.length; j++) {
      source.addPoints(after[j], j, added);
    }
    long[] fresh = added.sorted();
    boolean[] holdsPoints = new boolean[after.length - kept];
    for (long e : fresh) {
      if (!holdsPoints[(int) e - kept]) {
        holdsPoints[(int) e - kept] = true;
        reachable++;
      }
    }
    long[] merged = new long[Checks.points("the ring", (long) m + fresh.length)];
    int i = 0; // survivors copied
    int k = 0; // entries written
    for (long b : fresh) {
      int at = insertionPoint(survivors, i, m, b, after, ties);
      System.arraycopy(survivors, i, merged, k, at - i);
      k += at - i;
      i = at;
      merged[k++] = b;
    }
    System.arraycopy(survivors, i, merged, k, m - i);
    // Every start moves up by the new points of lower buckets.
    int[] shifted = starts == previous.starts ? new int[starts.length] : starts;
    int f = 0;
    for (int b = 0; b < starts.length; b++) {
      while (f < fresh.length && bucketOf(value(fresh[f]), bits) < b) {
        f++;
      }
      shifted[b] = starts[b] + f;
    }
    return derived(merged, bits, shifted, strict, reachable);
  }

  /**
   * The position in {@code a[from, to)} (sorted) where the new entry {@code b} goes: after every point
   * of a lower value and after the points of its value that win the tie ({@code ties}), exactly where
   * an element-by-element merge would put it.
   */
  private static int insertionPoint(long[] a, int from, int to, long b, Server[] after, Ties ties) {
    long key = b >> 32;
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] >> 32 < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    while (lo < to && a[lo] >> 32 == key && ties.first(after, (int) a[lo], (int) b)) {
      lo++;
    }
    return lo;
  }

  int size() {
    return entries.length;
  }

  int reachable() {
    return reachable;
  }

  /** Bytes held by the point entries and the start table (array headers included). */
  long memoryBytes() {
    return 16 + 8L * entries.length + 16 + 4L * starts.length;
  }

  /** Unsigned value of point {@code i} (in sorted order). */
  int point(int i) {
    return value(entries[i]);
  }

  int owner(int i) {
    return (int) entries[i];
  }

  /** The position of the point that takes a key of hash {@code hash}, or -1 for an empty ring. */
  int find(int hash) {
    long[] e = entries;
    int n = e.length;
    if (n == 0) {
      return -1;
    }
    // Entries at or above this bound have a value >= hash (or > hash when strict).
    long bound;
    if (strict) {
      if (hash == -1) {
        return 0; // nothing is above 2^32 - 1
      }
      bound = (long) ((hash + 1) ^ FLIP) << 32;
    } else {
      bound = (long) (hash ^ FLIP) << 32;
    }
    int b = bucketOf(hash, bits);
    int lo = starts[b];
    int hi = starts[b + 1];
    // Points of later buckets are all above the hash, so the answer is in [lo, hi] (hi: next bucket).
    if (hi - lo <= LINEAR_SCAN) {
      while (lo < hi && e[lo] < bound) {
        lo++;
      }
    } else {
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (e[mid] < bound) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
    }
    return lo == n ? 0 : lo;
  }

  /**
   * The exact arcs of this ring: which server each 32-bit hash goes to, derived from the points and
   * the lookup rule (strict: hashes in {@code [p(i-1), p(i))} go to point i; otherwise
   * {@code (p(i-1), p(i)]}; hashes past the last point wrap to point 0). Empty arcs (equal points)
   * vanish and neighbouring arcs of one owner are merged. Every ring placement answers
   * {@link Placement#keySpace(Server[])} with this.
   */
  KeySpace keySpace(Server[] servers) {
    int n = size();
    long[] ends = new long[n + 1];
    int[] arcOwners = new int[n + 1];
    int arcs = 0;
    long start = 0;
    long shift = strict ? 0 : 1;
    for (int i = 0; i <= n && n > 0; i++) {
      long end = i < n ? Integer.toUnsignedLong(point(i)) + shift : KeySpace.SIZE;
      int owner = owner(i < n ? i : 0);
      if (end <= start) {
        continue; // a point equal to the previous one takes no hash
      }
      if (arcs > 0 && arcOwners[arcs - 1] == owner) {
        ends[arcs - 1] = end;
      } else {
        ends[arcs] = end;
        arcOwners[arcs] = owner;
        arcs++;
      }
      start = end;
    }
    return new KeySpace(servers.clone(), Arrays.copyOf(ends, arcs), Arrays.copyOf(arcOwners, arcs));
  }

  /** The server owning the point that takes {@code hash}, or -1 for an empty ring. */
  int ownerOf(int hash) {
    int i = find(hash);
    return i < 0 ? -1 : (int) entries[i];
  }

  /**
   * Walks clockwise from the point that takes {@code hash} and writes the first {@code n} distinct
   * owners met: the usual ring replica rule.
   */
  void distinctOwners(int hash, int[] out, int n) {
    long[] e = entries;
    int size = e.length;
    int i = find(hash);
    int found = 0;
    for (int step = 0; step < size && found < n; step++) {
      found = addIfNew((int) e[i], out, found);
      if (++i == size) {
        i = 0;
      }
    }
  }

  /**
   * Writes to {@code out[0..n)} the first {@code n} distinct values of {@code owners} met walking
   * forward from {@code start}, wrapping around: the replica rule of every ring and table.
   */
  static void distinct(int[] owners, int start, int[] out, int n) {
    int size = owners.length;
    int i = start;
    int found = 0;
    for (int step = 0; step < size && found < n; step++) {
      found = addIfNew(owners[i], out, found);
      if (++i == size) {
        i = 0;
      }
    }
  }

  /** Appends {@code owner} to {@code out[0..found)} unless present; returns the new count. */
  private static int addIfNew(int owner, int[] out, int found) {
    for (int j = 0; j < found; j++) {
      if (out[j] == owner) {
        return found;
      }
    }
    out[found] = owner;
    return found + 1;
  }
}
