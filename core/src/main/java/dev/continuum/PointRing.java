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
 * <p>Layout: two primitive arrays, 8 bytes a point. Points are stored with the sign bit flipped so that
 * a signed comparison orders them as unsigned values.
 */
final class PointRing {
  private static final int FLIP = 0x80000000;

  /** Points in ascending unsigned order, each xor {@link #FLIP}. */
  private final int[] points;
  /** {@code owners[i]} is the server index owning {@code points[i]}. */
  private final int[] owners;
  /** True: the first point strictly above the hash wins (python-continuum); false: at or above. */
  private final boolean strict;
  private final int reachable;

  private PointRing(int[] points, int[] owners, boolean strict, int reachable) {
    this.points = points;
    this.owners = owners;
    this.strict = strict;
    this.reachable = reachable;
  }

  /** Collects points in the order that decides ties, then sorts them. */
  static final class Builder {
    private long[] packed;
    private int[] ownerOfSeq;
    private int size;

    Builder(int expectedPoints) {
      int n = Checks.points("the ring", expectedPoints);
      packed = new long[Math.max(n, 16)];
      ownerOfSeq = new int[packed.length];
    }

    /** Adds a point with unsigned value {@code value} owned by {@code owner}. */
    Builder add(int value, int owner) {
      if (size == packed.length) {
        int grown = Checks.points("the ring", (long) size * 2);
        packed = Arrays.copyOf(packed, grown);
        ownerOfSeq = Arrays.copyOf(ownerOfSeq, grown);
      }
      // High 32 bits: the value with its sign bit flipped, so signed long order is unsigned value
      // order; low 32 bits: the insertion sequence, which makes every key unique and the sort stable.
      packed[size] = ((long) (value ^ FLIP) << 32) | size;
      ownerOfSeq[size] = owner;
      size++;
      return this;
    }

    int size() {
      return size;
    }

    PointRing build(boolean strict, int serverCount) {
      long[] keys = Arrays.copyOf(packed, size);
      Arrays.sort(keys);
      int[] points = new int[size];
      int[] owners = new int[size];
      boolean[] seen = new boolean[serverCount];
      int reachable = 0;
      for (int i = 0; i < size; i++) {
        long k = keys[i];
        points[i] = (int) (k >> 32);
        int owner = ownerOfSeq[(int) k];
        owners[i] = owner;
        if (!seen[owner]) {
          seen[owner] = true;
          reachable++;
        }
      }
      return new PointRing(points, owners, strict, reachable);
    }
  }

  int size() {
    return points.length;
  }

  int reachable() {
    return reachable;
  }

  /** Bytes held by the two point arrays (array headers included). */
  long memoryBytes() {
    return 2L * (16 + 4L * points.length);
  }

  /** Unsigned value of point {@code i} (in sorted order). */
  int point(int i) {
    return points[i] ^ FLIP;
  }

  int owner(int i) {
    return owners[i];
  }

  /** The position of the point that takes a key of hash {@code hash}, or -1 for an empty ring. */
  int find(int hash) {
    int[] p = points;
    int n = p.length;
    if (n == 0) {
      return -1;
    }
    int target = hash ^ FLIP;
    // First index whose point is >= target (or > target when strict).
    int lo = 0;
    int hi = n;
    if (strict) {
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (p[mid] <= target) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
    } else {
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (p[mid] < target) {
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
    int n = points.length;
    long[] ends = new long[n + 1];
    int[] arcOwners = new int[n + 1];
    int arcs = 0;
    long start = 0;
    long shift = strict ? 0 : 1;
    for (int i = 0; i <= n && n > 0; i++) {
      long end = i < n ? Integer.toUnsignedLong(point(i)) + shift : KeySpace.SIZE;
      int owner = owners[i < n ? i : 0];
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
    return i < 0 ? -1 : owners[i];
  }

  /**
   * Walks clockwise from the point that takes {@code hash} and writes the first {@code n} distinct
   * owners met: the usual ring replica rule.
   */
  void distinctOwners(int hash, int[] out, int n) {
    distinct(owners, find(hash), out, n);
  }

  /**
   * Writes to {@code out[0..n)} the first {@code n} distinct values of {@code owners} met walking
   * forward from {@code start}, wrapping around: the replica rule of every ring and table.
   */
  static void distinct(int[] owners, int start, int[] out, int n) {
    int i = start;
    int found = 0;
    int size = owners.length;
    for (int step = 0; step < size && found < n; step++) {
      int owner = owners[i];
      boolean dup = false;
      for (int j = 0; j < found; j++) {
        if (out[j] == owner) {
          dup = true;
          break;
        }
      }
      if (!dup) {
        out[found++] = owner;
      }
      if (++i == size) {
        i = 0;
      }
    }
  }
}
