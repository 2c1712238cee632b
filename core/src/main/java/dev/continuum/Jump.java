package dev.continuum;

/**
 * Jump consistent hash (John Lamping and Eric Veach, "A Fast, Minimal Memory, Consistent Hash
 * Algorithm", arXiv:1406.2294, 2014): {@link #bucket(long, int)} maps a 64-bit key to one of
 * {@code buckets} buckets with no memory at all, moving only {@code 1/(n+1)} of the keys, all to the new
 * bucket, when a bucket is added at the end.
 *
 * <p>As a server placement, slot {@code b} is held by one server; the key's hash is its xxHash64 with
 * the seed. Jump is unweighted (every capacity must be 1) and can only drop its last bucket, so:
 * <ul>
 *   <li>Adding a server appends a slot: keys move only to it.
 *   <li>Removing the server of the last slot drops that slot: only its keys move.
 *   <li>Removing any other server: <b>the server of the last slot takes over the removed server's
 *       slot</b> and the last slot is dropped. The removed server's keys move to that server, and the
 *       keys the last server held in its old slot move to the others: about 2/N of the keys move
 *       instead of 1/N. {@link Memento} removes any server with minimal disruption.
 * </ul>
 * Slots follow the history of changes ({@link PlacementFactory#update}); a placement built from
 * scratch gives slot {@code i} to the {@code i}-th server of the list.
 */
final class Jump extends SlotPlacement {
  private Jump(int[] slotServer, KeyHash64 keyHash) {
    super(slotServer, slotServer.length, keyHash);
  }

  /**
   * The paper's function, exactly: the bucket in {@code [0, buckets)} of {@code key}, with its linear
   * congruential generator {@code key * 2862933555777941757 + 1}. Equals Guava's
   * {@code Hashing.consistentHash(long, int)}.
   *
   * @throws IllegalArgumentException if {@code buckets < 1}
   */
  static int bucket(long key, int buckets) {
    Checks.positive("buckets", buckets);
    long b = -1;
    long j = 0;
    while (j < buckets) {
      b = j;
      key = key * 2862933555777941757L + 1;
      j = (long) ((b + 1) * ((double) (1L << 31) / (double) ((key >>> 33) + 1)));
    }
    return (int) b;
  }

  @Override
  int slot(long h) {
    return bucket(h, slotServer.length);
  }

  /** The factory ({@link PlacementFactory.FromOptions}) of {@link Algorithm#JUMP}. */
  static PlacementFactory factory(Options options) {
    KeyHash64 keyHash = options.keyHash64();
    return lastSlotTakesOver(slots -> new Jump(slots, keyHash));
  }
}
