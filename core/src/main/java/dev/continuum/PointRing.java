package dev.continuum;

import java.util.Arrays;
import java.util.function.ToLongFunction;

/**
 * The sorted-points machinery shared by every ring: 32-bit unsigned points, each owned by a server
 * index, sorted ascending, searched for the first point at or above (or strictly above) a key's hash,
 * wrapping to the first point.
 *
 * <p>Ties: points are sorted stably by value, so among equal values the one added first comes first
 * and wins the lookup. Each dialect states its tie rule by the order in which it adds points.
 *
 * <p>Layout, chosen so that most lookups read one int and nothing else:
 * <ul>
 *   <li>{@code entries}: one long a point, the value (sign bit flipped, so that signed order is unsigned
 *       value order) in the high half and the owner in the low half. The owner sits next to the value,
 *       on the cache line the search already loaded. 8 bytes a point.
 *   <li>{@code index}: a direct-mapped table over the hash's top {@code bits} bits, {@code 2^bits}
 *       slots, at most two a point. A bucket that holds no point has one answer for every hash in it
 *       (the owner of the first point after the bucket, wrapping), so its slot holds {@code ~owner}: one
 *       read answers the lookup. A bucket that holds points has the position of its first point (never
 *       negative); the lookup scans from there, usually one or two points on the same cache line. With
 *       {@code 2^bits} the largest power of two up to two slots a point (so from about one to two),
 *       about 37 to 61 % of hashes fall in empty buckets ({@code e^(-points / slots)}).
 *       At most 4 bytes a slot and 2 slots a point: with the entries and both array headers, at most
 *       16 bytes a point from 5 points up.
 * </ul>
 * Building is a stable LSD radix sort and one pass over the slots; adding and removing servers merges
 * the points and derives the index from the previous one ({@link #update}).
 */
final class PointRing {
  private static final int FLIP = 0x80000000;
  private static final long VALUE_BITS = 0xFFFF_FFFF_0000_0000L;
  /** Below this many points a comparison sort beats the radix sort's histogram passes. */
  private static final int RADIX_THRESHOLD = 4096;
  /** Scan a bucket linearly up to this many points; gallop and binary search beyond (skewed rings). */
  private static final int LINEAR_SCAN = 8;
  /** Empty slots read ahead to find a position for {@link #find}; binary search of the points beyond. */
  private static final int SLOT_SCAN = 8;

  /** {@code (value ^ FLIP) << 32 | owner}, ascending (stable among equal values). */
  private final long[] entries;
  /**
   * Slot {@code b} covers the hashes whose top {@code bits} bits are {@code b}: {@code ~owner} of the
   * point that takes all of them when no point's value is in the bucket, else the position of the
   * bucket's first point. An empty ring has slots of 0 (a position, searched and found absent).
   */
  private final int[] index;
  /** {@code 32 - bits}: {@code hash >>> shift} is the slot (bits >= 1, so the shift is at most 31). */
  private final int shift;
  /** True: the first point strictly above the hash wins (python-continuum); false: at or above. */
  private final boolean strict;
  /** 1 when strict, else 0: added to the hash's signed form to make "above" out of "at or above". */
  private final int strictStep;
  private final int reachable;

  private PointRing(long[] entries, int[] index, boolean strict, int reachable) {
    this.entries = entries;
    this.index = index;
    this.shift = 32 - Integer.numberOfTrailingZeros(index.length);
    this.strict = strict;
    this.strictStep = strict ? 1 : 0;
    this.reachable = reachable;
  }

  /** A ring over sorted {@code entries} with its index built from them. */
  private static PointRing indexed(long[] entries, boolean strict, int reachable) {
    return new PointRing(entries, fullIndex(entries, indexBits(entries.length)), strict, reachable);
  }

  /**
   * The largest {@code bits >= 1} with {@code 2^bits <= 2 * points - 8}: at most two 4-byte slots a
   * point, and at most 16 bytes a point in all with the entries and the two array headers.
   */
  static int indexBits(int points) {
    long slots = Math.max(2L, 2L * points - 8);
    return 63 - Long.numberOfLeadingZeros(slots);
  }

  /** How many top bits of a hash pick its slot: bucket {@code b} starts at {@code b << (32 - bits)}. */
  int bucketBits() {
    return 32 - shift;
  }

  /** The slot of a hash, or of a point's entry, in an index of {@code 32 - shift} bits. */
  private static int bucket(long entry, int shift) {
    return value(entry) >>> shift;
  }

  /** The index of sorted {@code e} at {@code bits}: one count pass over the points, one over the slots. */
  private static int[] fullIndex(long[] e, int bits) {
    int shift = 32 - bits;
    int[] index = new int[1 << bits];
    int n = e.length;
    if (n == 0) {
      return index;
    }
    for (long x : e) {
      index[bucket(x, shift)]++;
    }
    int first = 0; // points in the buckets before b: the position of b's first point
    for (int b = 0; b < index.length; b++) {
      int count = index[b];
      index[b] = count > 0 ? first : ~(int) e[first < n ? first : 0];
      first += count;
    }
    return index;
  }

  /** The unsigned value of an entry of {@link Builder#sorted()}; its owner is {@code (int) entry}. */
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
    return indexed(sorted, strict, reachable);
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

    /**
     * The points sorted by value, stably (in insertion order among equal values). Ends the builder:
     * its array may become the result or the sort's scratch space.
     */
    long[] sorted() {
      long[] sorted = sortStable(packed, size);
      packed = null;
      return sorted;
    }

    PointRing build(boolean strict, int serverCount) {
      return of(sorted(), strict, serverCount);
    }
  }

  /**
   * Sorts {@code a[0, n)} by the high 32 bits (signed), keeping the insertion order of equal keys,
   * into an array of length n; {@code a} itself is overwritten when it has exactly n elements (so a
   * ring near the point limit does not need a third array of its size).
   */
  private static long[] sortStable(long[] a, int n) {
    if (n < RADIX_THRESHOLD) {
      // Tag each key with its sequence number so that the comparison sort is stable.
      long[] keys = new long[n];
      for (int i = 0; i < n; i++) {
        keys[i] = a[i] & VALUE_BITS | i;
      }
      Arrays.sort(keys);
      long[] out = new long[n];
      for (int i = 0; i < n; i++) {
        out[i] = a[(int) keys[i]];
      }
      return out;
    }
    // Two stable counting passes of 16 bits each over the high half: low digit, then high digit.
    long[] src = a.length == n ? a : Arrays.copyOf(a, n);
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
  interface Adder {
    void addPoints(Server server, int owner, Builder to);
  }

  /**
   * The points of each server: how many (known before any is generated, so that the size of a change
   * is checked against the limit before anything of that size is allocated) and what they are.
   */
  interface Source extends Adder {
    /** Exactly how many points {@link #addPoints} adds for {@code server}. */
    long count(Server server);

    static Source of(ToLongFunction<Server> count, Adder adder) {
      return new Source() {
        @Override
        public long count(Server server) {
          return count.applyAsLong(server);
        }

        @Override
        public void addPoints(Server server, int owner, Builder to) {
          adder.addPoints(server, owner, to);
        }
      };
    }
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
  static PointRing build(Server[] servers, Source source, boolean strict) {
    long count = 0;
    for (Server s : servers) {
      count += source.count(s);
    }
    Builder b = new Builder(Checks.points("the ring", count));
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
   * The size of the result is checked against the point limit before anything is allocated for it.
   *
   * @param ties how the ring orders the points of two servers that share a value; with any rule but
   *     {@link #LIST_ORDER}, appending several servers at once is left to a full build (the appended
   *     servers' points are collected in list order)
   * @throws IllegalArgumentException if the ring after the change would exceed the point limit
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
    // The exact size of the result first: the removed points are counted, the appended ones asked
    // for, and the limit checked before any array of that size exists.
    long[] old = previous.entries;
    int reachable = previous.reachable;
    int removedPoints = 0;
    if (kept < before.length) {
      for (long e : old) {
        int owner = (int) e;
        if (remap[owner] < 0) {
          removedPoints++;
          if (remap[owner] == -1) {
            remap[owner] = -2; // a removed server that held points
            reachable--;
          }
        }
      }
    }
    long addedPoints = 0;
    for (int j = kept; j < after.length; j++) {
      addedPoints += source.count(after[j]);
    }
    Checks.points("the ring", old.length - removedPoints + addedPoints);
    PointRing ring = kept < before.length ? previous.without(remap, old.length - removedPoints, reachable) : previous;
    if (kept == after.length) {
      return ring;
    }
    Builder added = new Builder((int) addedPoints);
    for (int j = kept; j < after.length; j++) {
      source.addPoints(after[j], j, added);
    }
    if (added.size() != addedPoints) {
      throw new IllegalStateException("the appended servers gave " + added.size() + " points, not the " + addedPoints
          + " their source counted");
    }
    long[] fresh = added.sorted();
    boolean[] holdsPoints = new boolean[after.length - kept];
    for (long e : fresh) {
      if (!holdsPoints[(int) e - kept]) {
        holdsPoints[(int) e - kept] = true;
        reachable++;
      }
    }
    return ring.with(fresh, after, ties, reachable);
  }

  /**
   * This ring without the points of the servers whose {@code remap} is negative, the others renumbered
   * to {@code remap[owner]}; {@code survivors} points remain. One pass copies the points; the index is
   * derived from this one (one pass over the slots, then repairs near the buckets that lost points)
   * unless the new size wants another {@code bits}.
   */
  private PointRing without(int[] remap, int survivors, int reachable) {
    long[] old = entries;
    long[] kept = new long[survivors];
    // The buckets that lost points, ascending, and how many points were lost up to each of them.
    int[] lost = new int[Math.min(old.length - survivors, index.length)];
    int[] lostUpTo = new int[lost.length];
    int lostBuckets = 0;
    int removed = 0;
    int at = 0;
    for (long e : old) {
      int owner = remap[(int) e];
      if (owner >= 0) {
        kept[at++] = e & VALUE_BITS | owner;
      } else {
        int b = bucket(e, shift);
        if (lostBuckets == 0 || lost[lostBuckets - 1] != b) {
          lost[lostBuckets++] = b;
        }
        lostUpTo[lostBuckets - 1] = ++removed;
      }
    }
    int bits = indexBits(survivors);
    if (survivors == 0 || bits != bucketBits()) {
      return new PointRing(kept, fullIndex(kept, bits), strict, reachable);
    }
    int[] from = index;
    int[] to = new int[from.length];
    // Pass 1: positions drop by the points lost in lower buckets; the owners held by empty slots are
    // renumbered (a removed owner's slots get a placeholder that pass 2 overwrites).
    int removedServer = -1;
    int removedServers = 0;
    for (int o = 0; o < remap.length; o++) {
      if (remap[o] < 0) {
        removedServer = o;
        removedServers++;
      }
    }
    int[] renumber = null;
    if (removedServers != 1) {
      renumber = new int[remap.length];
      for (int o = 0; o < remap.length; o++) {
        renumber[o] = Math.max(remap[o], 0);
      }
    }
    int start = 0;
    int below = 0;
    for (int i = 0; i <= lostBuckets; i++) {
      int end = i < lostBuckets ? lost[i] + 1 : from.length;
      if (renumber == null) {
        dropOne(from, to, start, end, below, removedServer);
      } else {
        drop(from, to, start, end, below, renumber);
      }
      below = i < lostBuckets ? lostUpTo[i] : below;
      start = end;
    }
    // Pass 2, downwards: a bucket left without points takes the first survivor after it (wrapping), and
    // the empty buckets just below a bucket that lost points go where that bucket's first point is now.
    for (int i = lostBuckets - 1; i >= 0; i--) {
      int b = lost[i];
      int first = to[b]; // survivors in the buckets below b
      boolean holdsPoints = first < survivors && bucket(kept[first], shift) == b;
      int owner = (int) kept[first < survivors ? first : 0];
      if (!holdsPoints) {
        to[b] = ~owner;
      }
      fillDown(to, b - 1, ~owner);
    }
    fillDown(to, to.length - 1, ~(int) kept[0]); // past the last point, hashes wrap to the first
    return new PointRing(kept, to, strict, reachable);
  }

  /** Pass 1 of {@link #without} for several removed servers: owners renumbered through a table. */
  private static void drop(int[] from, int[] to, int start, int end, int below, int[] renumber) {
    for (int b = start; b < end; b++) {
      int v = from[b];
      int empty = v >> 31; // -1 for ~owner, 0 for a position
      to[b] = empty & ~renumber[~v & empty] | ~empty & (v - below);
    }
  }

  /**
   * Pass 1 of {@link #without} for one removed server, the usual change: every owner above it moves
   * down by one, arithmetic without a table read, so that the loop vectorizes.
   */
  private static void dropOne(int[] from, int[] to, int start, int end, int below, int removedServer) {
    for (int b = start; b < end; b++) {
      int v = from[b];
      int empty = v >> 31;
      int owner = ~v;
      to[b] = empty & ~(owner - ((removedServer - owner) >>> 31)) | ~empty & (v - below);
    }
  }

  /** Writes {@code slot} to {@code index[b]} and the empty slots below it, down to the first position. */
  private static void fillDown(int[] index, int b, int slot) {
    for (; b >= 0 && index[b] < 0; b--) {
      index[b] = slot;
    }
  }

  /**
   * This ring with the sorted points {@code fresh} (owned by servers appended after this ring's) merged
   * in: the runs of old points between new ones are copied whole, and the index is derived from this
   * one (positions shifted by the new points of lower buckets, then the buckets that gained points and
   * the empty ones below them repaired) unless the new size wants another {@code bits}.
   */
  private PointRing with(long[] fresh, Server[] after, Ties ties, int reachable) {
    long[] old = entries;
    int m = old.length;
    int a = fresh.length;
    long[] merged = new long[m + a];
    int[] placed = new int[a]; // where each new point went
    int i = 0; // old points copied
    int k = 0; // entries written
    for (int f = 0; f < a; f++) {
      long b = fresh[f];
      int at = insertionPoint(old, i, m, b, after, ties);
      System.arraycopy(old, i, merged, k, at - i);
      k += at - i;
      i = at;
      placed[f] = k;
      merged[k++] = b;
    }
    System.arraycopy(old, i, merged, k, m - i);
    int bits = indexBits(m + a);
    if (m == 0 || bits != bucketBits()) {
      return new PointRing(merged, fullIndex(merged, bits), strict, reachable);
    }
    int[] from = index;
    int[] to = new int[from.length];
    int[] gained = new int[Math.min(a, from.length)];
    int gainedBuckets = 0;
    int start = 0;
    int f = 0;
    while (f < a) {
      int b = bucket(fresh[f], shift);
      shiftPositions(from, to, start, b + 1, f);
      if (to[b] < 0) {
        to[b] = placed[f]; // the bucket held no point: its first is the first new one
      }
      gained[gainedBuckets++] = b;
      while (f < a && bucket(fresh[f], shift) == b) {
        f++;
      }
      start = b + 1;
    }
    shiftPositions(from, to, start, to.length, a);
    for (int g = gainedBuckets - 1; g >= 0; g--) {
      int b = gained[g];
      fillDown(to, b - 1, ~(int) merged[to[b]]);
    }
    fillDown(to, to.length - 1, ~(int) merged[0]);
    return new PointRing(merged, to, strict, reachable);
  }

  /** Copies slots {@code [start, end)}, adding {@code added} to positions and keeping owners. */
  private static void shiftPositions(int[] from, int[] to, int start, int end, int added) {
    for (int b = start; b < end; b++) {
      int v = from[b];
      to[b] = v + (added & ~(v >> 31));
    }
  }

  /**
   * The position in {@code a[from, to)} (sorted) where the new entry {@code b} goes: after every point
   * of a lower value and after the points of its value that win the tie ({@code ties}), exactly where
   * an element-by-element merge would put it.
   */
  private static int insertionPoint(long[] a, int from, int to, long b, Server[] after, Ties ties) {
    long key = b >> 32;
    int lo = firstAtOrAbove(a, from, to, key);
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

  /** Bytes of a ring of {@code points} points built from scratch: {@link #memoryBytes()} of it. */
  static long memoryBytes(int points) {
    return 16 + 8L * points + 16 + 4L * (1L << indexBits(points));
  }

  /** Bytes held by the point entries and the index (array headers included). */
  long memoryBytes() {
    return 16 + 8L * entries.length + 16 + 4L * index.length;
  }

  /** True when {@code other} has the same points, owners, index and lookup rule (tests of derivation). */
  boolean sameAs(PointRing other) {
    return strict == other.strict && reachable == other.reachable && Arrays.equals(entries, other.entries)
        && Arrays.equals(index, other.index);
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
    if (entries.length == 0) {
      return -1;
    }
    int b = hash >>> shift;
    int slot = index[b];
    return slot >= 0 ? search(slot, hash) : firstAfterBucket(b);
  }

  /**
   * The index slot of {@code hash} alone: {@code ~owner} when that read answers the lookup, else the
   * position the search starts from. What the benchmarks time to split a lookup into index and search.
   */
  int slot(int hash) {
    return index[hash >>> shift];
  }

  /** The server owning the point that takes {@code hash}, or -1 for an empty ring. */
  int ownerOf(int hash) {
    int slot = index[hash >>> shift];
    if (slot < 0) {
      return ~slot; // no point in the hash's bucket: one read, no search
    }
    int i = search(slot, hash);
    return i < 0 ? -1 : (int) entries[i];
  }

  /**
   * The first point at or above (strictly above) {@code hash}, searched from position {@code from}, the
   * first point of the hash's bucket, or 0 past the last point; -1 for an empty ring. The points of
   * later buckets are all above the hash, so the search stops within one point after the bucket.
   */
  private int search(int from, int hash) {
    long[] e = entries;
    int n = e.length;
    if (n == 0) {
      return -1;
    }
    // Compared in the entries' signed form: a point is passed while its value is below the hash
    // (at or below it when strict); the bound is a long so that strict never overflows.
    long bound = (long) (hash ^ FLIP) + strictStep;
    int lo = from;
    int end = Math.min(n, from + LINEAR_SCAN);
    while (lo < end && e[lo] >> 32 < bound) {
      lo++;
    }
    if (lo == end && lo < n) {
      // A bucket crowded with points (equal or clustered values): gallop, then binary search.
      int hi = lo;
      int step = LINEAR_SCAN;
      while (hi < n && e[hi] >> 32 < bound) {
        lo = hi + 1;
        hi = lo + step;
        step <<= 1;
      }
      lo = firstAtOrAbove(e, lo, Math.min(hi, n), bound);
    }
    return lo == n ? 0 : lo;
  }

  /** The position of the first point in the buckets after {@code b}, or 0 (wrapping) if there is none. */
  private int firstAfterBucket(int b) {
    int[] slots = index;
    int end = Math.min(slots.length, b + 1 + SLOT_SCAN);
    for (int c = b + 1; c < end; c++) {
      if (slots[c] >= 0) {
        return slots[c];
      }
    }
    if (end == slots.length) {
      return 0;
    }
    // A long run of empty buckets: binary search of the points for the first one at or above end's start.
    int n = entries.length;
    int i = firstAtOrAbove(entries, 0, n, (end << shift) ^ FLIP);
    return i == n ? 0 : i;
  }

  /** The first position in sorted {@code e[lo, hi)} whose signed high half is at least {@code bound}, or hi. */
  private static int firstAtOrAbove(long[] e, int lo, int hi, long bound) {
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (e[mid] >> 32 < bound) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
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
