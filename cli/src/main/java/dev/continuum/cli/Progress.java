package dev.continuum.cli;

import java.io.PrintWriter;

/**
 * A progress bar on standard error, drawn only when standard error is a terminal and only once the
 * work has lasted a second, so short runs and redirected output stay clean.
 */
final class Progress implements AutoCloseable {
  private static final long DELAY_NANOS = 1_000_000_000L;
  private final PrintWriter err;
  private final String label;
  private final long total;
  private final long start = System.nanoTime();
  private final boolean enabled;
  private long lastDraw;
  private boolean drawn;

  private Progress(PrintWriter err, String label, long total, boolean enabled) {
    this.err = err;
    this.label = label;
    this.total = Math.max(1, total);
    this.enabled = enabled;
  }

  /** A bar for {@code total} steps, drawn when standard error is a terminal. */
  static Progress start(PrintWriter err, String label, long total) {
    return new Progress(err, label, total, err != null && stderrIsTerminal());
  }

  /**
   * Whether standard error is a terminal. Java cannot ask directly: on Linux the link behind file
   * descriptor 2 says it (so {@code > out.tsv} still shows progress and {@code 2> log} does not);
   * elsewhere {@link System#console()} (stdin and stdout are a terminal) stands in.
   */
  static boolean stderrIsTerminal() {
    try {
      String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }

  /** A bar that never draws (tests, nested work). */
  static Progress none() {
    return new Progress(null, "", 1, false);
  }

  /** Reports that {@code done} of the steps are finished. Cheap enough to call often. */
  void update(long done) {
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    if (now - start < DELAY_NANOS || now - lastDraw < 100_000_000L) {
      return;
    }
    lastDraw = now;
    int width = 30;
    int filled = (int) Math.min(width, done * width / total);
    err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(width - filled) + "] "
        + Math.min(100, done * 100 / total) + "%");
    err.flush();
    drawn = true;
  }

  @Override
  public void close() {
    if (drawn) {
      err.print("\r" + " ".repeat(label.length() + 40) + "\r");
      err.flush();
    }
  }
}
