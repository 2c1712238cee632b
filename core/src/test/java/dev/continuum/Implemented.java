package dev.continuum;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The algorithms whose factory works today. Tests that run over every algorithm take their list
 * from here, so an algorithm merged later is covered without touching the tests; one still declared
 * with a "not implemented yet" factory is skipped with that reason, visibly.
 */
final class Implemented {
  private Implemented() {}

  private static final List<Algorithm> ALL = find();

  private static List<Algorithm> find() {
    List<Algorithm> list = new ArrayList<>();
    for (Algorithm a : Algorithm.values()) {
      if (missingReason(a) == null) {
        list.add(a);
      }
    }
    return List.copyOf(list);
  }

  /** Why {@code a} cannot be tested yet, or null when it can. */
  static String missingReason(Algorithm a) {
    try {
      a.factory(Options.defaults()).build(new Server[0]);
      return null;
    } catch (UnsupportedOperationException e) {
      if (String.valueOf(e.getMessage()).contains("not implemented yet")) {
        return e.getMessage();
      }
      throw e;
    }
  }

  /** Every algorithm whose factory is implemented. */
  static List<Algorithm> algorithms() {
    return ALL;
  }

  /** Skips the calling test (JUnit assumption) when {@code a} is not implemented yet. */
  static void assume(Algorithm a) {
    String why = missingReason(a);
    Assumptions.assumeTrue(why == null, () -> "skipped: " + why);
  }
}
