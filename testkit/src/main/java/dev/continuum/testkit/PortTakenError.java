package dev.continuum.testkit;

/** The chosen port was taken by another process before the program could bind it: retry elsewhere. */
final class PortTakenError extends AssertionError {
  private static final long serialVersionUID = 1L;

  PortTakenError(String message) {
    super(message);
  }
}
