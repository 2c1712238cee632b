package dev.continuum;

/**
 * A placement of one of continuum's own algorithms that is a function of the key's 64-bit
 * {@link KeyHash64} alone: hashing is its own layer, done here once, and the subclass places the
 * {@code long} (as hash4j separates {@code Hasher64} from {@code ConsistentHashing}). That is what
 * makes {@link Continuum#resolve(long)} exact: a key and its hash place alike by construction.
 * Jump, jumpback and memento ({@link SlotPlacement}), rendezvous, maglev and multi-probe.
 * ({@link ConsistentRing} places the same way but shares its lookup with the dialects' rings.)
 */
abstract class HashedPlacement extends Placement {
  /** The key hash; the subclass never sees a key. */
  final KeyHash64 keyHash;

  HashedPlacement(KeyHash64 keyHash) {
    this.keyHash = keyHash;
  }

  @Override
  abstract int index(long keyHash);

  @Override
  abstract void indexes(long keyHash, int[] out, int n);

  @Override
  final int index(byte[] key, int offset, int length) {
    return index(keyHash.hash(key, offset, length));
  }

  @Override
  final int index(CharSequence key) {
    return index(keyHash.hash(key));
  }

  @Override
  final void indexes(byte[] key, int offset, int length, int[] out, int n) {
    indexes(keyHash.hash(key, offset, length), out, n);
  }

  @Override
  final void indexes(CharSequence key, int[] out, int n) {
    indexes(keyHash.hash(key), out, n);
  }
}
