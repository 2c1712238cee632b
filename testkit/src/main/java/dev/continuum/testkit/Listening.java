package dev.continuum.testkit;

/** Waiting, boundedly, for a freshly started program to listen on its port. */
final class Listening {
  private static final long WAIT_MILLIS = 10_000;

  private Listening() {}

  /**
   * Returns once something listens on 127.0.0.1:{@code port} while {@code p} is alive.
   *
   * @throws PortTakenError when {@code p} exits early and its log says the address is in use
   * @throws AssertionError with {@code p}'s log when it exits early or does not listen within 10 s
   */
  static void await(BackgroundProcess p, int port, String what) {
    long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
    while (System.nanoTime() < deadline) {
      if (!p.alive()) {
        String log = p.logTail();
        String message = what + " exited before listening on port " + port + ": " + p + "\n" + log;
        if (log.contains("in use")) {
          throw new PortTakenError(message);
        }
        throw new AssertionError(message);
      }
      if (LoopbackPorts.listening(port)) {
        if (!p.alive()) {
          continue; // someone else's listener: report it through the branch above
        }
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
    throw new AssertionError(what + " did not listen on port " + port + " within " + WAIT_MILLIS + " ms: " + p
        + "\n" + p.logTail());
  }
}
