package dev.continuum.testkit;

/**
 * A program (or library, or module) a live test needs is not installed. It is an {@link
 * AssertionError} on purpose: test runners report it as a failure, never as a skip, so a machine
 * without the program cannot pass the live tests silently. The message names the Debian package
 * that provides it.
 */
public final class MissingProgramError extends AssertionError {
  private static final long serialVersionUID = 1L;

  private final String debianPackage;

  MissingProgramError(String what, String debianPackage) {
    super(what + " is missing; install the Debian package " + debianPackage
        + " (sudo apt-get install " + debianPackage + ", or run ./scripts/test, which installs it)");
    this.debianPackage = debianPackage;
  }

  /** The Debian package that provides the missing program. */
  public String debianPackage() {
    return debianPackage;
  }
}
