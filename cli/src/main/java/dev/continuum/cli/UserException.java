package dev.continuum.cli;

/** A problem with the user's input: printed as one line, exit code 2. */
final class UserException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UserException(String message) {
    super(message);
  }
}
