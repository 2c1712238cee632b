package dev.continuum.testkit;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal, blocking memcached text-protocol client for tests, connected to one port on
 * 127.0.0.1: a memcached server or a proxy in front of several (nutcracker). Not thread-safe.
 *
 * <p>Keys are byte strings of 1 to 250 bytes without spaces or control characters, as the text
 * protocol requires; anything else is rejected with an {@link IllegalArgumentException} before it
 * is sent. An unexpected reply fails with an {@link AssertionError} quoting it; every read has a
 * 10-second timeout.
 */
public final class MemcacheTextClient implements AutoCloseable {
  private static final int TIMEOUT_MILLIS = 10_000;
  private static final int PIPELINE = 256;
  private static final byte[] CRLF = {'\r', '\n'};

  private final int port;
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private MemcacheTextClient(int port, Socket socket) throws IOException {
    this.port = port;
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
    this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
  }

  /** Connects to 127.0.0.1:{@code port}. */
  public static MemcacheTextClient connect(int port) {
    Socket s = new Socket();
    try {
      s.setSoTimeout(TIMEOUT_MILLIS);
      s.setTcpNoDelay(true);
      s.connect(new InetSocketAddress(LoopbackPorts.address(), port), TIMEOUT_MILLIS);
      return new MemcacheTextClient(port, s);
    } catch (IOException e) {
      try {
        s.close();
      } catch (IOException ignored) {
        // Nothing was sent.
      }
      throw new UncheckedIOException("cannot connect to " + LoopbackPorts.HOST + ":" + port, e);
    }
  }

  /** Stores {@code value} under {@code key}; true when the server answered STORED. */
  public boolean set(byte[] key, byte[] value) {
    writeSet(key, value);
    flush();
    String reply = readLine();
    if (reply.equals("STORED")) {
      return true;
    }
    if (reply.equals("NOT_STORED")) {
      return false;
    }
    throw unexpected("set " + show(key), reply);
  }

  /** {@link #set(byte[], byte[])} with UTF-8 strings. */
  public boolean set(String key, String value) {
    return set(utf8(key), utf8(value));
  }

  /**
   * Stores {@code value} under every key, pipelining the requests (a few hundred in flight).
   *
   * @throws AssertionError unless every reply is STORED, naming the first key that was not stored
   */
  public void setAll(List<byte[]> keys, byte[] value) {
    for (int from = 0; from < keys.size(); from += PIPELINE) {
      int to = Math.min(keys.size(), from + PIPELINE);
      for (int i = from; i < to; i++) {
        writeSet(keys.get(i), value);
      }
      flush();
      for (int i = from; i < to; i++) {
        String reply = readLine();
        if (!reply.equals("STORED")) {
          throw unexpected("set " + show(keys.get(i)), reply);
        }
      }
    }
  }

  /** The value stored under {@code key}, or null when there is none. */
  public byte[] get(byte[] key) {
    checkKey(key);
    write(ascii("get "), key, CRLF);
    flush();
    String line = readLine();
    if (line.equals("END")) {
      return null;
    }
    String[] parts = line.split(" ");
    if (parts.length < 4 || !parts[0].equals("VALUE")) {
      throw unexpected("get " + show(key), line);
    }
    int length = Integer.parseInt(parts[3]);
    byte[] value = readExactly(length + 2);
    String end = readLine();
    if (!end.equals("END")) {
      throw unexpected("get " + show(key), end);
    }
    return java.util.Arrays.copyOf(value, length);
  }

  /** {@link #get(byte[])} with UTF-8 strings. */
  public String get(String key) {
    byte[] v = get(utf8(key));
    return v == null ? null : new String(v, StandardCharsets.UTF_8);
  }

  /** Deletes {@code key}; true when it existed. */
  public boolean delete(byte[] key) {
    checkKey(key);
    write(ascii("delete "), key, CRLF);
    flush();
    String reply = readLine();
    if (reply.equals("DELETED")) {
      return true;
    }
    if (reply.equals("NOT_FOUND")) {
      return false;
    }
    throw unexpected("delete " + show(key), reply);
  }

  /** {@link #delete(byte[])} with a UTF-8 string. */
  public boolean delete(String key) {
    return delete(utf8(key));
  }

  /**
   * Every key the server holds, from {@code lru_crawler metadump all} (memcached 1.4.31 and later;
   * not through a proxy). The dump writes keys URL-encoded; they are returned decoded, as the bytes
   * that were stored. A busy crawler is retried for up to 10 seconds. On a {@link Memcached} no
   * client writes to meanwhile, every key is listed exactly once (see there why).
   */
  public List<byte[]> metadumpKeys() {
    for (int attempt = 0; attempt < 100; attempt++) {
      write(ascii("lru_crawler metadump all"), CRLF);
      flush();
      String first = readLine();
      if (first.startsWith("BUSY")) {
        sleep(100);
        continue;
      }
      List<byte[]> keys = new ArrayList<>();
      for (String line = first; !line.equals("END"); line = readLine()) {
        if (!line.startsWith("key=")) {
          throw unexpected("lru_crawler metadump all", line);
        }
        int space = line.indexOf(' ');
        keys.add(urlDecode(line.substring(4, space < 0 ? line.length() : space)));
      }
      return keys;
    }
    throw new AssertionError("lru_crawler stayed busy for 10 s on port " + port);
  }

  /** {@link #metadumpKeys()} as UTF-8 strings. */
  public List<String> metadumpKeyStrings() {
    List<String> keys = new ArrayList<>();
    for (byte[] k : metadumpKeys()) {
      keys.add(new String(k, StandardCharsets.UTF_8));
    }
    return keys;
  }

  /** Deletes every key the server holds (found with {@link #metadumpKeys()}); returns how many. */
  public int deleteEverything() {
    List<byte[]> keys = metadumpKeys();
    for (byte[] k : keys) {
      delete(k);
    }
    return keys.size();
  }

  /** The server's {@code stats}: name to value, in the server's order. */
  public Map<String, String> stats() {
    write(ascii("stats"), CRLF);
    flush();
    Map<String, String> stats = new LinkedHashMap<>();
    for (String line = readLine(); !line.equals("END"); line = readLine()) {
      String[] parts = line.split(" ", 3);
      if (parts.length != 3 || !parts[0].equals("STAT")) {
        throw unexpected("stats", line);
      }
      stats.put(parts[1], parts[2]);
    }
    return stats;
  }

  /**
   * Decodes the URL encoding memcached uses in {@code metadump} ({@code %XX} escapes; {@code +} is
   * kept as is, since memcached escapes a literal plus as {@code %2B}).
   *
   * @throws IllegalArgumentException for a malformed escape
   */
  public static byte[] urlDecode(String encoded) {
    ByteArrayOutputStream b = new ByteArrayOutputStream(encoded.length());
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '%') {
        if (i + 2 >= encoded.length()) {
          throw new IllegalArgumentException("truncated %-escape in " + encoded);
        }
        int hi = Character.digit(encoded.charAt(i + 1), 16);
        int lo = Character.digit(encoded.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new IllegalArgumentException("bad %-escape in " + encoded);
        }
        b.write(hi << 4 | lo);
        i += 2;
      } else if (c < 0x80) {
        b.write(c);
      } else {
        throw new IllegalArgumentException("non-ASCII character in URL-encoded text " + encoded);
      }
    }
    return b.toByteArray();
  }

  /**
   * Checks that the text protocol can carry {@code key}: 1 to 250 bytes, none of them a space or a
   * control character.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static void checkKey(byte[] key) {
    if (key.length == 0 || key.length > 250) {
      throw new IllegalArgumentException("a memcached key has 1 to 250 bytes, not " + key.length + ": " + show(key));
    }
    for (byte b : key) {
      if ((b & 0xff) <= 0x20 || b == 0x7f) {
        throw new IllegalArgumentException("a memcached key has no spaces or control characters: " + show(key));
      }
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Nothing buffered is worth keeping.
    }
  }

  private void writeSet(byte[] key, byte[] value) {
    checkKey(key);
    write(ascii("set "), key, ascii(" 0 0 " + value.length), CRLF, value, CRLF);
  }

  private void write(byte[]... parts) {
    try {
      for (byte[] p : parts) {
        out.write(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("write to port " + port, e);
    }
  }

  private void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("write to port " + port, e);
    }
  }

  /** One reply line without its CRLF, as ISO-8859-1 so that every byte survives. */
  private String readLine() {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    try {
      for (int c = in.read(); ; c = in.read()) {
        if (c < 0) {
          throw new AssertionError("connection to port " + port + " closed mid-reply: "
              + line.toString(StandardCharsets.ISO_8859_1));
        }
        if (c == '\n') {
          byte[] b = line.toByteArray();
          int n = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
          return new String(b, 0, n, StandardCharsets.ISO_8859_1);
        }
        line.write(c);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("read from port " + port, e);
    }
  }

  private byte[] readExactly(int n) {
    try {
      byte[] b = in.readNBytes(n);
      if (b.length != n) {
        throw new AssertionError("connection to port " + port + " closed mid-value");
      }
      return b;
    } catch (IOException e) {
      throw new UncheckedIOException("read from port " + port, e);
    }
  }

  private AssertionError unexpected(String request, String reply) {
    return new AssertionError("port " + port + " answered \"" + reply + "\" to " + request);
  }

  private static String show(byte[] key) {
    return "\"" + new String(key, StandardCharsets.UTF_8) + "\"";
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
