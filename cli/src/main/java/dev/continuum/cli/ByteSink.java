package dev.continuum.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A byte buffer in front of standard output for the streaming {@code resolve}: unsynchronized (one
 * writer), so a key costs a few array copies rather than a lock per write as in
 * {@link java.io.BufferedOutputStream}.
 */
final class ByteSink {
  private final OutputStream out;
  private final byte[] buf = new byte[64 << 10];
  private int n;

  ByteSink(OutputStream out) {
    this.out = out;
  }

  void write(byte b) throws IOException {
    if (n == buf.length) {
      drain();
    }
    buf[n++] = b;
  }

  void write(byte[] b) throws IOException {
    write(b, 0, b.length);
  }

  void write(byte[] b, int off, int len) throws IOException {
    if (len > buf.length - n) {
      drain();
      if (len > buf.length) {
        out.write(b, off, len);
        return;
      }
    }
    System.arraycopy(b, off, buf, n, len);
    n += len;
  }

  void write(String s) throws IOException {
    write(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Hands the buffered bytes to the stream without flushing it. */
  private void drain() throws IOException {
    out.write(buf, 0, n);
    n = 0;
  }

  /** Writes the buffered bytes and flushes the stream, so a reader on a pipe sees them now. */
  void flush() throws IOException {
    drain();
    out.flush();
  }
}
