package dev.continuum;

/**
 * A ring whose keys hash to word 0 of their md5 digest, libketama's key hash: python-continuum's,
 * Dubbo's and xmemcached's rings, which differ only in how they place their points. The hash is called
 * on the constant, not through a field, so the lookup stays as direct as in each ring before.
 */
abstract class Md5Ring extends RingPlacement {
  Md5Ring(PointRing ring) {
    super(ring);
  }

  @Override
  final int hash(byte[] key, int offset, int length) {
    return KeyHash.MD5.hash(key, offset, length);
  }

  @Override
  final int hash(CharSequence key) {
    return KeyHash.MD5.hash(key);
  }

  @Override
  final String keyHashName() {
    return KeyHash.MD5.toString();
  }
}
