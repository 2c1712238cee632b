package dev.continuum.testkit;

import java.util.function.Function;

/**
 * What {@link Memcached} and {@link Nutcracker} have in common: a program started by the testkit
 * that serves the memcached text protocol on one port of 127.0.0.1.
 */
abstract class LoopbackServer implements AutoCloseable {
  private static final int ATTEMPTS = 3;

  private volatile BackgroundProcess process;
  private final int port;

  LoopbackServer(BackgroundProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * {@code start} applied to {@code n} fresh free ports, again on new ports (3 attempts in all)
   * when another process took one first.
   */
  static <T> T onFreePorts(int n, Function<int[], T> start) {
    PortTakenError last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        return start.apply(LoopbackPorts.free(n));
      } catch (PortTakenError e) {
        last = e;
      }
    }
    throw last;
  }

  /** The TCP port, on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** {@code 127.0.0.1:<port>}. */
  public String hostPort() {
    return LoopbackPorts.HOST + ":" + port;
  }

  /** The program's process id (of the latest start, after {@link Memcached#restart()}). */
  public long pid() {
    return process.pid();
  }

  /** True while the program runs. */
  public boolean isAlive() {
    return process.alive();
  }

  /** A new client connected to this port (close it too). */
  public MemcacheTextClient client() {
    return MemcacheTextClient.connect(port);
  }

  /**
   * Kills the program with SIGKILL by its process id, as a crash would: it cannot close its
   * connections, so its clients see them break. Returns once it is gone and the port is free.
   * Idempotent; {@link #close()} after it does nothing more.
   */
  public void kill() {
    process.kill();
  }

  /** Stops the program and waits (at most a few seconds) until it is gone. Idempotent. */
  @Override
  public void close() {
    process.close();
  }

  /** The process of the latest start. */
  final BackgroundProcess process() {
    return process;
  }

  /** Takes over a new start of the program on the same port (the previous process has stopped). */
  final void replace(BackgroundProcess restarted) {
    process = restarted;
  }
}
