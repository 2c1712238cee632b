package dev.continuum.compat;

import dev.continuum.testkit.RunSeed;
import java.util.Random;

/**
 * The seed of a compat run: {@code -Dcompat.seed=N} replays run N, otherwise a fresh seed is drawn
 * and printed. Every test derives its own {@link Random} from the run's seed and its own name, so a
 * replay reproduces every test's server lists and keys.
 */
final class CompatSeed {
  private static final RunSeed RUN = RunSeed.fromProperty("compat.seed", "compat");

  private CompatSeed() {}

  /** The run's seed, for failure messages. */
  static long value() {
    return RUN.value();
  }

  /** The random source of the test called {@code name}. */
  static Random random(String name) {
    return RUN.random(name);
  }

  /** A failure-message prefix naming the seed and how to replay it. */
  static String replay() {
    return RUN.replay();
  }
}
