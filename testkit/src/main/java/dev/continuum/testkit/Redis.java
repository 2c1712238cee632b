package dev.continuum.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@code redis-server} on 127.0.0.1, started for a test and stopped by {@link #close()} (or by
 * the shutdown hook and watchdog every testkit program has). Needs the Debian package redis-server;
 * without it {@link #start()} fails with a {@link MissingProgramError}.
 *
 * <pre>{@code
 * try (Redis r = Redis.start()) {
 *   // point a client at r.port(), then:
 *   r.keys();   // every key it holds, as bytes
 * }
 * }</pre>
 *
 * <p>The server keeps nothing on disk ({@code --save ""}, no append-only file) and listens on TCP
 * only. {@link #keys()} and {@link #pidOfServer()} speak the Redis protocol (RESP) over a socket of
 * their own, so a test can check where a client under test put its keys without trusting it.
 */
public final class Redis implements AutoCloseable {
  private static final int TIMEOUT_MILLIS = 5_000;

  private final BackgroundProcess process;
  private final int port;

  private Redis(BackgroundProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts a redis-server on a free port and waits until it answers. */
  public static Redis start() {
    Path exe = Programs.redisServer();
    return LoopbackServer.onFreePorts(1, ports -> launch(exe, ports[0]));
  }

  /** Starts {@code n} servers; when one fails, those already started are stopped first. */
  public static List<Redis> startMany(int n) {
    List<Redis> started = new ArrayList<>(n);
    try {
      for (int i = 0; i < n; i++) {
        started.add(start());
      }
      return started;
    } catch (RuntimeException | Error e) {
      Memcached.closeAll(started);
      throw e;
    }
  }

  private static Redis launch(Path exe, int port) {
    Path dir = WorkDir.newDirectory("redis-" + port);
    BackgroundProcess p = BackgroundProcess.start(List.of(exe.toString(), "--bind", LoopbackPorts.HOST,
        "--port", Integer.toString(port), "--save", "", "--appendonly", "no", "--daemonize", "no",
        "--protected-mode", "no", "--dir", dir.toString(), "--loglevel", "warning"), dir.resolve("redis.log"));
    try {
      Listening.await(p, port, "redis-server");
      Redis r = new Redis(p, port);
      long pid = r.pidOfServer();
      if (pid != p.pid()) {
        throw new PortTakenError("port " + port + " is served by pid " + pid + ", not by our redis-server " + p);
      }
      return r;
    } catch (RuntimeException | Error e) {
      p.close();
      throw e;
    }
  }

  /** The TCP port, on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** {@code 127.0.0.1:<port>}. */
  public String hostPort() {
    return LoopbackPorts.HOST + ":" + port;
  }

  /** The server's process id as it reports it ({@code INFO server}, field {@code process_id}). */
  public long pidOfServer() {
    String info = new String((byte[]) command("INFO", "server"), StandardCharsets.UTF_8);
    for (String line : info.split("\r\n")) {
      if (line.startsWith("process_id:")) {
        return Long.parseLong(line.substring("process_id:".length()).trim());
      }
    }
    throw new AssertionError("no process_id in INFO of " + this + ": " + info);
  }

  /** Every key the server holds ({@code KEYS *}), as raw bytes. */
  @SuppressWarnings("unchecked")
  public List<byte[]> keys() {
    return (List<byte[]>) command("KEYS", "*");
  }

  /**
   * Sends one command and returns its reply: a {@code byte[]} for a bulk or simple string, a
   * {@code Long} for an integer, a {@code List} for an array, null for a null bulk string.
   *
   * @throws AssertionError for an error reply
   */
  public Object command(String... args) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(LoopbackPorts.HOST, port), TIMEOUT_MILLIS);
      s.setSoTimeout(TIMEOUT_MILLIS);
      ByteArrayOutputStream req = new ByteArrayOutputStream();
      req.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      for (String a : args) {
        byte[] b = a.getBytes(StandardCharsets.UTF_8);
        req.writeBytes(("$" + b.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        req.writeBytes(b);
        req.writeBytes(new byte[] {'\r', '\n'});
      }
      OutputStream out = s.getOutputStream();
      out.write(req.toByteArray());
      out.flush();
      return reply(s.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException("redis-server " + hostPort() + ": " + String.join(" ", args), e);
    }
  }

  private Object reply(InputStream in) throws IOException {
    int type = in.read();
    String line = line(in);
    switch (type) {
      case '+':
        return line.getBytes(StandardCharsets.UTF_8);
      case '-':
        throw new AssertionError("redis-server " + hostPort() + " answered an error: " + line);
      case ':':
        return Long.parseLong(line);
      case '$': {
        int n = Integer.parseInt(line);
        if (n < 0) {
          return null;
        }
        byte[] b = in.readNBytes(n);
        line(in);
        return b;
      }
      case '*': {
        int n = Integer.parseInt(line);
        List<Object> items = new ArrayList<>(Math.max(n, 0));
        for (int i = 0; i < n; i++) {
          items.add(reply(in));
        }
        return items;
      }
      default:
        throw new AssertionError("redis-server " + hostPort() + ": unexpected reply type " + type);
    }
  }

  /** One CRLF-terminated line, without the CRLF. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c; (c = in.read()) != -1; ) {
      if (c == '\r') {
        in.read(); // '\n'
        return b.toString(StandardCharsets.UTF_8);
      }
      b.write(c);
    }
    throw new IOException("connection closed mid-reply");
  }

  /** True while the server runs. */
  public boolean isAlive() {
    return process.alive();
  }

  /** Stops the server and waits (at most a few seconds) until it is gone. Idempotent. */
  @Override
  public void close() {
    process.close();
  }

  @Override
  public String toString() {
    return "redis-server " + hostPort() + " (pid " + process.pid() + ")";
  }
}
