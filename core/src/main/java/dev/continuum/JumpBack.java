package dev.continuum;

/**
 * JumpBackHash (Otmar Ertl, "JumpBackHash: Say Goodbye to the Modulo Operation to Distribute Keys
 * Uniformly to Buckets", arXiv:2403.18682, 2024): maps a 64-bit key hash to one of {@code n} buckets
 * with integer arithmetic only and an expected constant number of pseudorandom values, whatever
 * {@code n}. Like jump hash, growing from {@code n} to {@code n + 1} buckets moves only the keys
 * that go to the new bucket, and shrinking moves only the keys of the last bucket.
 *
 * <p>{@link #bucket(long, int)} is the same function as hash4j's
 * {@code ConsistentHashing.jumpBackHashSplitMix64().getBucket(hash, n)} for every hash and every
 * {@code n} from 1 to {@link Integer#MAX_VALUE} (the paper's algorithm over SplitMix64 seeded with the
 * hash); a test compares the two over millions of inputs, so "the same bucket as hash4j" is a
 * guarantee, not a likeness.
 *
 * <p>As a server placement it behaves as {@link Jump}: slot {@code b} is held by one server, every
 * capacity must be 1, adding a server appends a slot, removing the last slot's server moves only its
 * keys, and removing any other server moves the last slot's server into the freed slot (its keys
 * move too: about 2/N of the keys instead of 1/N). {@link Memento} removes any server with minimal
 * disruption over this same function.
 */
final class JumpBack extends SlotPlacement {
  /** SplitMix64's increment (the golden ratio), as {@link java.util.SplittableRandom} uses it. */
  private static final long GAMMA = 0x9E3779B97F4A7C15L;

  private JumpBack(int[] slotServer, KeyHash64 keyHash) {
    super(slotServer, slotServer.length, keyHash);
  }

  /**
   * The bucket in {@code [0, buckets)} of a 64-bit {@code hash}.
   *
   * <p>Why it works (the paper's "active indices"): let every bucket {@code j >= 1} be active with
   * probability {@code 1/(j+1)}, independently, and send a key to its largest active index below
   * {@code n} (0 if none); growing {@code n} can then only move a key to the new bucket. The level
   * {@code [2^i, 2^(i+1))} holds an active index with probability exactly 1/2, and its largest one is
   * uniform over the level, so one random bit and a few random offset bits per level decide it. Only
   * the top level, which {@code n} cuts, can hold its largest active index at or above {@code n}; the
   * active indices below it are then generated downwards ("jumping back"), the first one below
   * {@code n} being uniform over {@code [0, n)}: drawn by rejection from {@code [0, 2^(i+1))}, where a
   * value below the level means the level has none under {@code n}. A lookup costs one SplitMix64
   * output in most cases and an expected constant number in all.
   *
   * @throws IllegalArgumentException if {@code buckets < 1}
   */
  static int bucket(long hash, int buckets) {
    if (buckets <= 1) {
      Checks.positive("buckets", buckets);
      return 0;
    }
    return bucket(hash, buckets, levelMask(buckets));
  }

  /**
   * The levels of {@code buckets >= 1} buckets: one bit per level below the bit length of
   * {@code buckets - 1} (0 for one bucket, whose only answer is 0).
   */
  static int levelMask(int buckets) {
    return buckets <= 1 ? 0 : -1 >>> Integer.numberOfLeadingZeros(buckets - 1);
  }

  /**
   * {@link #bucket(long, int)} with the bucket count's {@link #levelMask} ({@code levels0}) computed beforehand, for a
   * caller that looks up many keys over one count (a published snapshot); {@code buckets >= 1}.
   */
  static int bucket(long hash, int buckets, int levels0) {
    long state = hash + GAMMA;
    long random = splitMix64(state);
    // One bit per level below the bit length of n - 1: set when that level has a jump.
    int levels = (int) (random ^ (random >>> 32)) & levels0;
    while (levels != 0) {
      int levelStart = Integer.highestOneBit(levels);
      // The jump's offset within the level, from the half of the word not consumed by the level above:
      // the high half for an odd count of levels left. (A long shift takes its count mod 64, so
      // bitCount << 5 shifts by 32 exactly when the count is odd.)
      int jump = levelStart + ((int) (random >>> (Integer.bitCount(levels) << 5)) & (levelStart - 1));
      if (jump < buckets) {
        return jump;
      }
      int levelMask = (levelStart << 1) - 1;
      while (true) {
        state += GAMMA;
        long redraw = splitMix64(state);
        int low = (int) redraw & levelMask;
        if (low < levelStart) {
          break;
        }
        if (low < buckets) {
          return low;
        }
        int high = (int) (redraw >>> 32) & levelMask;
        if (high < levelStart) {
          break;
        }
        if (high < buckets) {
          return high;
        }
      }
      levels ^= levelStart;
    }
    return 0;
  }

  /** SplitMix64's output function (Steele, Lea and Flood 2014, variant 13 of Stafford's mixers). */
  private static long splitMix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  @Override
  int slot(long h) {
    return bucket(h, slotServer.length);
  }

  /** Every slot works (the last slot takes a removed one's place), so this is the whole placement. */
  @Override
  Server[] jumpBackSlots(Server[] servers) {
    return working == 0 ? null : slotsInOrder(servers);
  }

  /** The factory ({@link PlacementFactory.FromOptions}) of {@link Algorithm#JUMPBACK}. */
  static PlacementFactory factory(Options options) {
    KeyHash64 keyHash = options.keyHash64();
    return lastSlotTakesOver(slots -> new JumpBack(slots, keyHash));
  }
}
