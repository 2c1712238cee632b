package dev.continuum;

/** ASCII decimal digits of non-negative integers, written into a buffer without allocating. */
final class Decimal {
  private Decimal() {}

  /** Writes {@code value} (>= 0) at {@code buf[at..]} and returns the number of digits. */
  static int write(long value, byte[] buf, int at) {
    if (value < 0) {
      throw new IllegalArgumentException("negative: " + value);
    }
    int digits = 1;
    for (long v = value; v >= 10; v /= 10) {
      digits++;
    }
    long v = value;
    for (int i = at + digits - 1; i >= at; i--) {
      buf[i] = (byte) ('0' + (v % 10));
      v /= 10;
    }
    return digits;
  }
}
