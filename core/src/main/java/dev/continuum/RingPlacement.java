package dev.continuum;

/**
 * A placement that is one {@link PointRing} searched with one 32-bit key hash: python-continuum, every
 * ketama dialect and continuum's general ring. Subclasses say how a key hashes and how the ring is
 * built; lookup, replicas, key space and memory are the ring's, written once here.
 */
abstract class RingPlacement extends Placement {
  final PointRing ring;

  RingPlacement(PointRing ring) {
    this.ring = ring;
  }

  /** The key's position on the ring: an unsigned 32-bit hash of {@code key[offset, offset + length)}. */
  abstract int hash(byte[] key, int offset, int length);

  /** The position of the UTF-8 encoding of {@code key}; must equal the byte form. */
  abstract int hash(CharSequence key);

  /**
   * The name of {@link #hash}, as {@link KeySpace#keyHash()} gives it: two rings whose names are equal
   * send every key to the same position.
   */
  abstract String keyHashName();

  @Override
  final int index(byte[] key, int offset, int length) {
    return ring.ownerOf(hash(key, offset, length));
  }

  @Override
  final int index(CharSequence key) {
    return ring.ownerOf(hash(key));
  }

  @Override
  final void indexes(byte[] key, int offset, int length, int[] out, int n) {
    ring.distinctOwners(hash(key, offset, length), out, n);
  }

  @Override
  final void indexes(CharSequence key, int[] out, int n) {
    ring.distinctOwners(hash(key), out, n);
  }

  @Override
  final int reachable() {
    return ring.reachable();
  }

  @Override
  final long memoryBytes() {
    return ring.memoryBytes();
  }

  @Override
  final KeySpace keySpace(Server[] servers) {
    return ring.keySpace(servers).hashedBy(keyHashName());
  }
}
