package dev.continuum.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP/1.1 client on 127.0.0.1 that sends {@code GET} requests carrying a key, as raw bytes,
 * in one header, and returns the body of the answer: enough to ask a proxy which backend a key goes
 * to. The header value is written byte for byte (no encoding, so UTF-8 and other bytes above 0x7f
 * reach the proxy as they are), over one keep-alive connection that is reopened when the server
 * closes it.
 */
public final class HttpKeyClient implements AutoCloseable {
  private static final int TIMEOUT_MILLIS = 10_000;

  private final int port;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  private HttpKeyClient(int port) {
    this.port = port;
  }

  /** A client of 127.0.0.1:{@code port} (connected lazily). */
  public static HttpKeyClient connect(int port) {
    return new HttpKeyClient(port);
  }

  /**
   * {@code GET /} with the header {@code name: value} and returns the response body as UTF-8 text.
   *
   * @throws AssertionError when the answer is not 200
   */
  public String get(String name, byte[] value) {
    for (byte b : value) {
      if ((b & 0xFF) < 0x20 || b == 0x7f) {
        throw new IllegalArgumentException("a header value cannot carry control bytes");
      }
    }
    return send(concat(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + name + ": ").getBytes(StandardCharsets.US_ASCII),
        value, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
  }

  /** {@code GET <pathAndQuery>}, written byte for byte, and returns the response body. */
  public String getPath(String pathAndQuery) {
    return send(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
  }

  private String send(byte[] request) {
    try {
      for (int attempt = 0; ; attempt++) {
        if (socket == null) {
          open();
        }
        try {
          out.write(request);
          out.flush();
          return readResponse();
        } catch (IOException | ClosedByServer e) {
          closeQuietly();
          if (attempt > 0) {
            throw e instanceof IOException ? (IOException) e : new IOException(e.getMessage());
          }
          // the server closed an idle keep-alive connection: one retry on a new one
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("HTTP request to 127.0.0.1:" + port + " failed", e);
    }
  }

  private static final class ClosedByServer extends RuntimeException {
    ClosedByServer() {
      super("connection closed before a response");
    }
  }

  private void open() throws IOException {
    socket = new Socket();
    socket.connect(new InetSocketAddress(LoopbackPorts.address(), port), TIMEOUT_MILLIS);
    socket.setSoTimeout(TIMEOUT_MILLIS);
    socket.setTcpNoDelay(true);
    in = new BufferedInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  private String readResponse() throws IOException {
    String status = line();
    if (status == null) {
      throw new ClosedByServer();
    }
    int length = -1;
    boolean close = false;
    boolean chunked = false;
    for (String h; (h = line()) != null && !h.isEmpty(); ) {
      String lower = h.toLowerCase(java.util.Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Integer.parseInt(lower.substring(15).trim());
      } else if (lower.startsWith("connection:") && lower.contains("close")) {
        close = true;
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    byte[] body;
    if (chunked) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      for (int size; (size = Integer.parseInt(line().split(";")[0].trim(), 16)) > 0; ) {
        b.write(in.readNBytes(size));
        line();
      }
      line();
      body = b.toByteArray();
    } else if (length >= 0) {
      body = in.readNBytes(length);
    } else {
      body = in.readAllBytes();
      close = true;
    }
    if (close) {
      closeQuietly();
    }
    String text = new String(body, StandardCharsets.UTF_8);
    if (!status.startsWith("HTTP/1.1 200") && !status.startsWith("HTTP/1.0 200")) {
      throw new AssertionError("127.0.0.1:" + port + " answered " + status + ": " + text);
    }
    return text;
  }

  /** One CRLF-terminated line, or null at end of stream. */
  private String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(64);
    for (int c; (c = in.read()) != -1; ) {
      if (c == '\n') {
        byte[] bytes = b.toByteArray();
        int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
      }
      b.write(c);
    }
    return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      b.write(p, 0, p.length);
    }
    return b.toByteArray();
  }

  private void closeQuietly() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing a socket we are abandoning: nothing to report
      }
      socket = null;
    }
  }

  @Override
  public void close() {
    closeQuietly();
  }
}
