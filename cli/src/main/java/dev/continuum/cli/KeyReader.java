package dev.continuum.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Keys one per line, read as raw bytes: a key is placed by exactly the bytes between two line feeds
 * (a carriage return before the line feed is dropped, so files written on Windows read alike), never
 * decoded, so the command line places a key exactly as {@code Continuum.resolve(byte[])} does.
 *
 * <p>Memory stays bounded whatever the input: one buffer of at most {@link Input#MAX_KEY_BYTES}
 * plus a chunk; a longer line is rejected with its line number. Before a read that may block, the
 * {@code beforeBlock} hook runs (the resolve command flushes its answers there), so a slow producer
 * on a pipe sees each answer as soon as its key is placed.
 */
final class KeyReader {
  private static final int CHUNK = 64 << 10;
  private final InputStream in;
  private final String source;
  private final Runnable beforeBlock;
  private byte[] buf = new byte[CHUNK];
  /** Bytes {@code [pos, limit)} of {@link #buf} are read and not yet returned. */
  private int pos;
  private int limit;
  private boolean eof;
  private long line;
  private int keyStart;
  private int keyEnd;

  KeyReader(InputStream in, String source, Runnable beforeBlock) {
    this.in = in;
    this.source = source;
    this.beforeBlock = beforeBlock;
  }

  /**
   * Advances to the next key.
   *
   * @return false at the end of the input
   * @throws UserException when a line is longer than {@link Input#MAX_KEY_BYTES}
   */
  boolean next() throws IOException {
    int scanned = pos;
    while (true) {
      for (int i = scanned; i < limit; i++) {
        if (buf[i] == '\n') {
          line++;
          keyStart = pos;
          keyEnd = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
          pos = i + 1;
          return true;
        }
      }
      scanned = limit;
      if (limit - pos > Input.MAX_KEY_BYTES) {
        throw new UserException(source + ":" + (line + 1) + ": line longer than "
            + String.format("%,d", Input.MAX_KEY_BYTES) + " bytes (the limit for a key)");
      }
      if (eof) {
        if (pos == limit) {
          return false;
        }
        line++; // a last line without a line feed
        keyStart = pos;
        keyEnd = buf[limit - 1] == '\r' ? limit - 1 : limit;
        pos = limit;
        return true;
      }
      scanned -= pos;
      fill();
    }
  }

  /** Reads more input after the unreturned bytes, compacting or growing the buffer as needed. */
  private void fill() throws IOException {
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    if (limit == buf.length) {
      buf = Arrays.copyOf(buf, Math.min(buf.length * 2, Input.MAX_KEY_BYTES + CHUNK + 1));
    }
    if (in.available() <= 0) {
      beforeBlock.run();
    }
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) {
      eof = true;
    } else {
      limit += n;
    }
  }

  /** The current key's bytes: the buffer, valid until the next call of {@link #next()}. */
  byte[] buffer() {
    return buf;
  }

  int keyStart() {
    return keyStart;
  }

  int keyEnd() {
    return keyEnd;
  }

  /** A copy of the current key. */
  byte[] key() {
    return Arrays.copyOfRange(buf, keyStart, keyEnd);
  }

  /** The current key's 1-based line number. */
  long line() {
    return line;
  }
}
