package example;

import java.util.Objects;

/** The checks the generated example classes call (see {@link DocExamplesTest}). */
public final class Check {
  private Check() {}

  /** A statement that may throw anything. */
  @FunctionalInterface
  public interface Statement {
    /**
     * Runs the statement.
     *
     * @throws Exception anything the statement throws
     */
    void run() throws Exception;
  }

  /**
   * Fails unless {@code String.valueOf(actual)} is {@code expected}.
   *
   * @param where the doc file and line
   * @param actual what the example's expression gave
   * @param expected what the doc says it gives
   */
  public static void gives(String where, Object actual, String expected) {
    String text = String.valueOf(actual);
    if (!text.equals(expected)) {
      throw new AssertionError(where + ": expected " + expected + " but got " + text);
    }
  }

  /**
   * Fails unless {@code statement} throws {@code type}, with {@code message} when it is not null.
   *
   * @param where the doc file and line
   * @param type the exception the doc says the statement throws
   * @param message its message, or null to accept any
   * @param statement the statement
   */
  public static void fails(String where, Class<? extends Throwable> type, String message, Statement statement) {
    try {
      statement.run();
    } catch (Throwable t) {
      if (!type.isInstance(t)) {
        throw new AssertionError(where + ": expected " + type.getSimpleName() + " but got " + t, t);
      }
      if (message != null && !Objects.equals(message, t.getMessage())) {
        throw new AssertionError(where + ": expected the message \"" + message + "\" but got \"" + t.getMessage()
            + "\"", t);
      }
      return;
    }
    throw new AssertionError(where + ": expected " + type.getSimpleName() + " but nothing was thrown");
  }
}
