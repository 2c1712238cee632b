package dev.continuum;

/**
 * A 32-bit hash of a key, the input of every ketama-style ring. The value is unsigned: compare with
 * {@link Integer#compareUnsigned} or widen with {@link Integer#toUnsignedLong}.
 *
 * <p>Implementations are stateless and thread-safe. Hashing a {@link CharSequence} must equal hashing
 * its UTF-8 bytes; the default method encodes into a per-thread buffer, implementations may do better.
 *
 * <p>This is the one hashing layer: every dialect's key hash is a constant here (see
 * docs/compatibility.md for each definition).
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

  /**
   * Jenkins one-at-a-time as libmemcached 1.1.4 computes it on x86-64: each byte is a signed C
   * {@code char}, so bytes >= 0x80 are sign-extended before they are added.
   */
  KeyHash ONE_AT_A_TIME = new KeyHash() {
    @Override
    public int hash(byte[] key, int offset, int length) {
      int h = 0;
      for (int i = offset, end = offset + length; i < end; i++) {
        h += key[i]; // a Java byte is signed: exactly the sign extension of a C char
        h += h << 10;
        h ^= h >>> 6;
      }
      h += h << 3;
      h ^= h >>> 11;
      h += h << 15;
      return h;
    }

    @Override
    public String toString() {
      return "one-at-a-time";
    }
  };

  /**
   * twemproxy 0.5.0's "fnv1a_64", which is not 64-bit FNV: the low 32 bits of the 64-bit offset
   * basis and prime, over sign-extended bytes, in 32-bit arithmetic.
   */
  KeyHash TWEMPROXY_FNV1A_64 = new KeyHash() {
    @Override
    public int hash(byte[] key, int offset, int length) {
      int h = 0x84222325;
      for (int i = offset, end = offset + length; i < end; i++) {
        h ^= key[i]; // sign-extended, as twemproxy's signed char
        h *= 0x1b3;
      }
      return h;
    }

    @Override
    public String toString() {
      return "twemproxy-fnv1a_64";
    }
  };
}
