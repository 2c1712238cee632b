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
        h = oneAtATime(h, key[i]); // a Java byte is signed: exactly the sign extension of a C char
      }
      return oneAtATimeFinish(h);
    }

    /** An ASCII String's chars are its bytes (all below 0x80, so no sign extension): no buffer. */
    @Override
    public int hash(CharSequence key) {
      if (key instanceof String) {
        String s = (String) key;
        int h = 0;
        int chars = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
          int c = s.charAt(i);
          chars |= c;
          h = oneAtATime(h, c);
        }
        if (chars < 0x80) {
          return oneAtATimeFinish(h);
        }
      }
      return KeyHash.super.hash(key);
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
      int h = FNV_BASIS;
      for (int i = offset, end = offset + length; i < end; i++) {
        h = (h ^ key[i]) * FNV_PRIME; // sign-extended, as twemproxy's signed char
      }
      return h;
    }

    /** An ASCII String's chars are its bytes (all below 0x80, so no sign extension): no buffer. */
    @Override
    public int hash(CharSequence key) {
      if (key instanceof String) {
        String s = (String) key;
        int h = FNV_BASIS;
        int chars = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
          int c = s.charAt(i);
          chars |= c;
          h = (h ^ c) * FNV_PRIME;
        }
        if (chars < 0x80) {
          return h;
        }
      }
      return KeyHash.super.hash(key);
    }

    @Override
    public String toString() {
      return "twemproxy-fnv1a_64";
    }
  };

  /** twemproxy's "fnv1a_64" offset basis and prime: the low 32 bits of the 64-bit FNV ones. */
  int FNV_BASIS = 0x84222325;
  int FNV_PRIME = 0x1b3;

  /** One byte (sign-extended to {@code b}) into Jenkins one-at-a-time's state. */
  private static int oneAtATime(int h, int b) {
    h += b;
    h += h << 10;
    return h ^ h >>> 6;
  }

  private static int oneAtATimeFinish(int h) {
    h += h << 3;
    h ^= h >>> 11;
    return h + (h << 15);
  }

  /** CRC-32 (IEEE, zlib's): nginx's {@code ngx_crc32_long} and HAProxy's {@code hash_crc32}. */
  KeyHash CRC32 = new KeyHash() {
    @Override
    public int hash(byte[] key, int offset, int length) {
      return Crc32.of(key, offset, length);
    }

    @Override
    public String toString() {
      return "crc32";
    }
  };

  /**
   * HAProxy 2.6's {@code hash_sdbm}: {@code h = c + (h << 6) + (h << 16) - h} over unsigned bytes,
   * from 0.
   */
  KeyHash SDBM = new KeyHash() {
    @Override
    public int hash(byte[] key, int offset, int length) {
      int h = 0;
      for (int i = offset, end = offset + length; i < end; i++) {
        h = (key[i] & 0xFF) + (h << 6) + (h << 16) - h;
      }
      return h;
    }

    @Override
    public String toString() {
      return "sdbm";
    }
  };

  /** HAProxy 2.6's {@code hash_djb2}: {@code h = h * 33 + c} over unsigned bytes, from 5381. */
  KeyHash DJB2 = new KeyHash() {
    @Override
    public int hash(byte[] key, int offset, int length) {
      int h = 5381;
      for (int i = offset, end = offset + length; i < end; i++) {
        h = (h << 5) + h + (key[i] & 0xFF);
      }
      return h;
    }

    @Override
    public String toString() {
      return "djb2";
    }
  };

  /**
   * HAProxy 2.6's {@code hash_wt6} (Willy Tarreau's): two 32-bit halves, each byte inverted into one
   * and added to the other, both rotated by amounts the previous step's bits choose.
   */
  KeyHash WT6 = new KeyHash() {
    @Override
    public int hash(byte[] key, int offset, int length) {
      int h0 = 0xa53c965a;
      int h1 = 0x5ca6953a;
      int step0 = 6;
      int step1 = 18;
      for (int i = offset, end = offset + length; i < end; i++) {
        int t = key[i] & 0xFF;
        h0 = ~(h0 ^ t);
        h1 = ~(h1 + t);
        int rotated = Integer.rotateLeft(h1, step0);
        h1 = Integer.rotateLeft(h0, step1);
        h0 = rotated;
        int mix = ((h0 >>> 16) ^ h1) & 0xFFFF;
        step0 = mix & 0x1F;
        step1 = mix >>> 11;
      }
      return h0 ^ h1;
    }

    @Override
    public String toString() {
      return "wt6";
    }
  };

  /**
   * This hash followed by HAProxy's {@code avalanche} modifier ({@link #fullHash}), as
   * {@code hash-type consistent <function> avalanche} (and a bare {@code hash-type consistent}) apply it.
   */
  default KeyHash avalanched() {
    KeyHash inner = this;
    return new KeyHash() {
      @Override
      public int hash(byte[] key, int offset, int length) {
        return fullHash(inner.hash(key, offset, length));
      }

      @Override
      public String toString() {
        return inner + "+avalanche";
      }
    };
  }

  /**
   * HAProxy 2.6's {@code full_hash}: Bob Jenkins' 32-bit integer mix, then a multiplication by
   * 3221225473 (mod 2^32). HAProxy places its ring nodes with it and its {@code avalanche} modifier
   * applies it to a key's hash.
   */
  static int fullHash(int a) {
    a = (a + 0x7ed55d16) + (a << 12);
    a = (a ^ 0xc761c23c) ^ (a >>> 19);
    a = (a + 0x165667b1) + (a << 5);
    a = (a + 0xd3a2646c) ^ (a << 9);
    a = (a + 0xfd7046c5) + (a << 3);
    a = (a ^ 0xb55a4f09) ^ (a >>> 16);
    return a * 0xC0000001; // 3221225473
  }
}
