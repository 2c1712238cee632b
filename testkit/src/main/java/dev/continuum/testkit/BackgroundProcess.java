package dev.continuum.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A long-running program (memcached, nutcracker) started for a test, which is always stopped:
 * by {@link #close()}, by a JVM shutdown hook if the test forgot, and by a watchdog if the JVM
 * itself is killed.
 *
 * <p>The watchdog is a tiny {@code /bin/sh} parent: it starts the program, reports its pid and then
 * reads its own standard input, which is a pipe from this JVM. When the pipe closes, because
 * {@link #close()} closed it or because the JVM died in any way, the shell kills the program and
 * waits for it (so no zombie is left, even under a PID 1 that does not reap orphans).
 */
final class BackgroundProcess implements AutoCloseable {
  private static final String WATCHDOG =
      "log=$1; shift; \"$@\" </dev/null >>\"$log\" 2>&1 & child=$!; "
          + "trap 'kill \"$child\" 2>/dev/null; wait \"$child\"' EXIT; echo \"$child\"; cat >/dev/null";
  private static final long STOP_MILLIS = 5_000;

  /** Every process started and not yet stopped, for the shutdown hook. */
  private static final Set<BackgroundProcess> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      for (BackgroundProcess p : List.copyOf(LIVE)) {
        p.close();
      }
    }, "testkit-reaper"));
  }

  private final String description;
  private final Process watchdog;
  private final long pid;
  private final Optional<Instant> started;
  private final Path log;
  private volatile boolean closed;

  private BackgroundProcess(String description, Process watchdog, long pid, Path log) {
    this.description = description;
    this.watchdog = watchdog;
    this.pid = pid;
    this.started = ProcessHandle.of(pid).flatMap(h -> h.info().startInstant());
    this.log = log;
  }

  /**
   * Starts {@code command} in the background, its output appended to {@code log}.
   *
   * @throws AssertionError when it cannot be started
   */
  static BackgroundProcess start(List<String> command, Path log) {
    List<String> full = new ArrayList<>(List.of("/bin/sh", "-c", WATCHDOG, "testkit-watchdog", log.toString()));
    full.addAll(command);
    Process w;
    try {
      w = new ProcessBuilder(full).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new AssertionError("cannot start " + command + ": " + e.getMessage(), e);
    }
    CompletableFuture<String> firstLine = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try {
        BufferedReader r = new BufferedReader(new InputStreamReader(w.getInputStream(), StandardCharsets.US_ASCII));
        firstLine.complete(r.readLine());
      } catch (IOException e) {
        firstLine.completeExceptionally(e);
      }
    }, "testkit-pid");
    reader.setDaemon(true);
    reader.start();
    String line;
    try {
      line = firstLine.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      w.destroyForcibly();
      throw new AssertionError("no pid from the watchdog of " + command, e);
    }
    if (line == null || !line.trim().matches("[0-9]+")) {
      w.destroyForcibly();
      throw new AssertionError("no pid from the watchdog of " + command + ": " + line);
    }
    BackgroundProcess p = new BackgroundProcess(String.join(" ", command), w, Long.parseLong(line.trim()), log);
    LIVE.add(p);
    return p;
  }

  /** The program's own process id (not the watchdog's). */
  long pid() {
    return pid;
  }

  /** True while the program runs. */
  boolean alive() {
    return !closed && handle().map(ProcessHandle::isAlive).orElse(false) && watchdog.isAlive();
  }

  /** The program's output so far (at most the last 4000 characters), for failure messages. */
  String logTail() {
    try {
      String s = Files.readString(log, StandardCharsets.UTF_8);
      return s.length() <= 4000 ? s : "..." + s.substring(s.length() - 4000);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /**
   * Kills the program with SIGKILL, as a crash would (it cannot close its connections or clean
   * up), then closes the watchdog, which reaps it; returns once it is gone and its port is free.
   * Idempotent, and the same as {@link #close()} once the program has stopped.
   */
  void kill() {
    if (!closed) {
      handle().ifPresent(ProcessHandle::destroyForcibly);
    }
    close();
  }

  /** Stops the program and waits (boundedly) until it is gone. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      watchdog.getOutputStream().close(); // the watchdog kills and reaps the program
    } catch (IOException ignored) {
      // Already closed: the watchdog has been told.
    }
    try {
      if (!watchdog.waitFor(STOP_MILLIS, TimeUnit.MILLISECONDS)) {
        handle().ifPresent(ProcessHandle::destroyForcibly); // ignored SIGTERM
        watchdog.waitFor(STOP_MILLIS, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      handle().ifPresent(ProcessHandle::destroyForcibly);
    } finally {
      watchdog.destroyForcibly();
      LIVE.remove(this);
    }
  }

  /** The program's process, only if it is still the one started (pids are reused). */
  private Optional<ProcessHandle> handle() {
    return ProcessHandle.of(pid).filter(h -> started.isEmpty() || h.info().startInstant().equals(started));
  }

  @Override
  public String toString() {
    return description + " (pid " + pid + ")";
  }
}
