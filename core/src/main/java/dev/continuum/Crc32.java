package dev.continuum;

/**
 * CRC-32 with the IEEE 802.3 polynomial (reflected, {@code 0xEDB88320}), the checksum of zlib and
 * {@code java.util.zip.CRC32}: nginx's {@code ngx_crc32_long} and HAProxy's {@code hash_crc32}. Written
 * here rather than taken from {@code java.util.zip} so that hashing a key allocates nothing and so
 * that nginx's ring, which resumes one running state for every point of a server, can use the
 * register directly.
 */
final class Crc32 {
  private Crc32() {}

  private static final int[] TABLE = table();

  private static int[] table() {
    int[] t = new int[256];
    for (int i = 0; i < 256; i++) {
      int c = i;
      for (int bit = 0; bit < 8; bit++) {
        c = (c & 1) != 0 ? (c >>> 1) ^ 0xEDB88320 : c >>> 1;
      }
      t[i] = c;
    }
    return t;
  }

  /** The register before any byte (all ones); the checksum is the register inverted. */
  static final int START = 0xFFFFFFFF;

  /** The register after {@code bytes[offset, offset + length)} were fed to {@code register}. */
  static int update(int register, byte[] bytes, int offset, int length) {
    int c = register;
    for (int i = offset, end = offset + length; i < end; i++) {
      c = TABLE[(c ^ bytes[i]) & 0xFF] ^ (c >>> 8);
    }
    return c;
  }

  /** The register after the four little-endian bytes of {@code word}. */
  static int updateLittleEndian(int register, int word) {
    int c = register;
    for (int shift = 0; shift < 32; shift += 8) {
      c = TABLE[(c ^ (word >>> shift)) & 0xFF] ^ (c >>> 8);
    }
    return c;
  }

  /** The CRC-32 of {@code bytes[offset, offset + length)}, as an unsigned 32-bit value in an int. */
  static int of(byte[] bytes, int offset, int length) {
    return ~update(START, bytes, offset, length);
  }
}
