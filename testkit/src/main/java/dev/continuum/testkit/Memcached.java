package dev.continuum.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@code memcached} server on 127.0.0.1, started for a test and stopped by {@link #close()}
 * (use try-with-resources; a shutdown hook and a watchdog stop it anyway if the test or the JVM
 * dies). Needs the Debian package memcached; without it {@link #start()} fails with a {@link
 * MissingProgramError}.
 *
 * <pre>{@code
 * try (Memcached m = Memcached.start(); MemcacheTextClient c = m.client()) {
 *   c.set("k", "v");
 *   c.metadumpKeyStrings();   // [k]
 * }
 * }</pre>
 *
 * <p>The server listens on TCP only ({@code -U 0}), with 64 MB of memory and one worker thread,
 * and without the segmented LRU's background maintainer ({@code -o no_lru_maintainer}): that thread
 * moves freshly set items between the HOT, WARM and COLD lists while {@code lru_crawler metadump}
 * walks them, so a dump could list an item twice or miss it. With one plain LRU per slab class,
 * a dump of a server no client is writing to lists every key exactly once.
 * For failover tests, {@link #kill()} crashes it (SIGKILL) and {@link #restart()} brings it back,
 * empty, on the same port.
 */
public final class Memcached extends LoopbackServer {
  private Memcached(BackgroundProcess process, int port) {
    super(process, port);
  }

  /** Starts a memcached on a free port and waits until it answers. */
  public static Memcached start() {
    Path exe = Programs.memcached();
    return onFreePorts(1, ports -> start(exe, ports[0]));
  }

  /**
   * Starts {@code n} memcached servers; when one fails, those already started are stopped before
   * the failure propagates.
   */
  public static List<Memcached> startMany(int n) {
    List<Memcached> started = new ArrayList<>(n);
    try {
      for (int i = 0; i < n; i++) {
        started.add(start());
      }
      return started;
    } catch (RuntimeException | Error e) {
      closeAll(started);
      throw e;
    }
  }

  /** Stops every server in {@code servers}, even when stopping one of them fails. */
  public static void closeAll(List<? extends AutoCloseable> servers) {
    for (AutoCloseable s : servers) {
      try {
        s.close();
      } catch (Exception ignored) {
        // Keep stopping the others; each close is bounded and kills forcibly as a last resort.
      }
    }
  }

  /**
   * Starts memcached again on its port, empty, after {@link #kill()} or {@link #close()}: a server
   * that crashed and came back. Waits until it answers, as {@link #start()} does; {@link #pid()}
   * is then the new process's and {@link #close()} stops it.
   *
   * @throws IllegalStateException while this server still runs
   * @throws AssertionError when memcached cannot listen on the port again (another process took it
   *     meanwhile: unlike {@link #start()}, there is no other port to try)
   */
  public synchronized void restart() {
    if (isAlive()) {
      throw new IllegalStateException(this + " is still running: kill() or close() it first");
    }
    replace(launch(Programs.memcached(), port()));
  }

  /**
   * Every key this server holds, as UTF-8 strings, read over a new connection with {@link
   * MemcacheTextClient#metadumpKeyStrings()}.
   */
  public List<String> keys() {
    try (MemcacheTextClient c = client()) {
      return c.metadumpKeyStrings();
    }
  }

  private static Memcached start(Path exe, int port) {
    return new Memcached(launch(exe, port), port);
  }

  /** memcached on {@code port}, answering; stopped again when it does not start or the port is not its own. */
  private static BackgroundProcess launch(Path exe, int port) {
    Path dir = WorkDir.newDirectory("memcached-" + port);
    String user = System.getProperty("user.name", "root"); // -u is required when running as root
    BackgroundProcess p = BackgroundProcess.start(List.of(exe.toString(),
        "-l", LoopbackPorts.HOST, "-p", Integer.toString(port), "-U", "0",
        "-m", "64", "-t", "1", "-c", "512", "-o", "no_lru_maintainer", "-u", user), dir.resolve("memcached.log"));
    try {
      Listening.await(p, port, "memcached");
      try (MemcacheTextClient c = MemcacheTextClient.connect(port)) {
        String pid = c.stats().get("pid");
        if (!Long.toString(p.pid()).equals(pid)) {
          throw new PortTakenError("port " + port + " is served by pid " + pid + ", not by our memcached " + p);
        }
      }
      return p;
    } catch (RuntimeException | Error e) {
      p.close();
      throw e;
    }
  }

  @Override
  public String toString() {
    return "memcached " + hostPort() + " (pid " + pid() + ")";
  }
}
