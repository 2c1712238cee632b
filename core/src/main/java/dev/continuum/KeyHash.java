package dev.continuum;

/**
 * A 32-bit hash of a key, the input of every ketama-style ring. The value is unsigned: compare with
 * {@link Integer#compareUnsigned} or widen with {@link Integer#toUnsignedLong}.
 *
 * <p>Implementations are stateless and thread-safe. Hashing a {@link CharSequence} must equal hashing
 * its UTF-8 bytes; the default method encodes into a per-thread buffer, implementations may do better.
 */
interface KeyHash {
  int hash(byte[] key, int offset, int length);

  default int hash(byte[] key) {
    return hash(key, 0, key.length);
  }

  default int hash(CharSequence key) {
    byte[] buf = Utf8.scratch(key.length() * 3);
    int n = Utf8.encode(key, buf);
    return hash(buf, 0, n);
  }

  /**
   * MD5, word 0 (little-endian) of the digest: libketama's key hash. Hashes a {@link CharSequence}
   * without encoding it into a buffer first (see {@link Md5}).
   */
  KeyHash MD5 = new KeyHash() {
    @Override
    public int hash(byte[] key, int offset, int length) {
      return Md5.word0(key, offset, length);
    }

    @Override
    public int hash(CharSequence key) {
      return Md5.word0(key);
    }

    @Override
    public String toString() {
      return "md5";
    }
  };
}
