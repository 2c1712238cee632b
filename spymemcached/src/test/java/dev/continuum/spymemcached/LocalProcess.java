package dev.continuum.spymemcached;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Minimal process helpers for the live tests (memcached and nutcracker on 127.0.0.1): free ports,
 * start, wait until listening, kill by process id. Every process started is also killed by a shutdown
 * hook, so none outlives the test JVM even when a test fails before its own cleanup.
 */
final class LocalProcess implements AutoCloseable {
  private static final Set<Process> STARTED = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(Process::destroyForcibly)));
  }

  final String label;
  final int port;
  private final List<String> command;
  private volatile Process process;

  private LocalProcess(String label, int port, List<String> command) {
    this.label = label;
    this.port = port;
    this.command = command;
  }

  /** A memcached on 127.0.0.1 at a free port, 64 MB, one worker thread, no UDP. */
  static LocalMemcached memcached() {
    int port = freePort();
    LocalProcess p = new LocalProcess("memcached:" + port, port, List.of("memcached", "-u", "nobody",
        "-l", "127.0.0.1", "-p", String.valueOf(port), "-U", "0", "-m", "64", "-t", "1", "-c", "256"));
    p.start();
    return new LocalMemcached(p);
  }

  /** {@code n} memcached servers; if one fails to start, those started are stopped. */
  static List<LocalMemcached> memcached(int n) {
    List<LocalMemcached> servers = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        servers.add(memcached());
      }
      return servers;
    } catch (RuntimeException | Error e) {
      closeAll(servers);
      throw e;
    }
  }

  /**
   * nutcracker in front of {@code servers}: one ketama pool, {@code hash} (null: no hash line, the
   * default fnv1a_64), every server weight 1 without a name.
   */
  static LocalProcess nutcracker(List<LocalMemcached> servers, String hash, Path dir) {
    int port = freePort();
    StringBuilder yaml = new StringBuilder("pool:\n  listen: 127.0.0.1:" + port + "\n  distribution: ketama\n");
    if (hash != null) {
      yaml.append("  hash: ").append(hash).append('\n');
    }
    yaml.append("  auto_eject_hosts: false\n  timeout: 2000\n  servers:\n");
    for (LocalMemcached m : servers) {
      yaml.append("   - 127.0.0.1:").append(m.port()).append(":1\n");
    }
    try {
      Path conf = dir.resolve("nutcracker-" + port + ".yml");
      Files.writeString(conf, yaml);
      LocalProcess p = new LocalProcess("nutcracker:" + port, port, List.of("nutcracker", "-c", conf.toString(),
          "-s", String.valueOf(freePort()), "-a", "127.0.0.1", "-o", dir.resolve("nutcracker-" + port + ".log").toString()));
      p.start();
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the command and waits (at most 10 s) until the port accepts connections. */
  void start() {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      STARTED.add(p);
      process = p;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline) {
        if (!p.isAlive()) {
          throw new IllegalStateException(label + " exited with " + p.exitValue() + ": " + command);
        }
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress("127.0.0.1", port), 200);
          return;
        } catch (IOException notYet) {
          Thread.sleep(20);
        }
      }
      kill();
      throw new IllegalStateException(label + " not listening after 10 s");
    } catch (IOException e) {
      throw new UncheckedIOException(label + ": cannot start " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  long pid() {
    return process.pid();
  }

  /** SIGKILL by process id, then waits for it to be gone. */
  void kill() {
    Process p = process;
    if (p == null) {
      return;
    }
    ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroyForcibly);
    try {
      p.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    STARTED.remove(p);
  }

  @Override
  public void close() {
    kill();
  }

  static void closeAll(List<? extends AutoCloseable> all) {
    for (AutoCloseable c : all) {
      try {
        c.close();
      } catch (Exception ignored) {
        // keep closing the others
      }
    }
  }

  /** A memcached process and the two text-protocol commands the tests need. */
  static final class LocalMemcached implements AutoCloseable {
    final LocalProcess process;

    LocalMemcached(LocalProcess process) {
      this.process = process;
    }

    int port() {
      return process.port;
    }

    InetSocketAddress address() {
      return new InetSocketAddress("127.0.0.1", process.port);
    }

    /** Every key this server holds, from {@code lru_crawler metadump all}. */
    List<String> keys() {
      List<String> keys = new ArrayList<>();
      try (Socket s = new Socket()) {
        s.connect(address(), 2000);
        s.setSoTimeout(10_000);
        OutputStream out = s.getOutputStream();
        out.write("lru_crawler metadump all\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (line.equals("END")) {
            return keys;
          }
          if (line.startsWith("BUSY") || line.startsWith("ERROR") || line.startsWith("CLIENT_ERROR")) {
            throw new IllegalStateException(process.label + ": " + line);
          }
          if (line.startsWith("key=")) {
            int end = line.indexOf(' ');
            keys.add(URLDecoder.decode(line.substring(4, end < 0 ? line.length() : end), StandardCharsets.UTF_8));
          }
        }
        throw new IllegalStateException(process.label + ": metadump ended without END");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      process.kill();
    }
  }
}
