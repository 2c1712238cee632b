package dev.continuum.compat;

import java.security.SecureRandom;
import java.util.Random;

/**
 * The seed of a compat run: {@code -Dcompat.seed=N} replays run N, otherwise a fresh seed is drawn
 * and printed. Every test derives its own {@link Random} from the run's seed and its own name, so a
 * replay reproduces every test's server lists and keys.
 */
final class CompatSeed {
  private static final long RUN_SEED = chooseSeed();

  private CompatSeed() {}

  private static long chooseSeed() {
    String given = System.getProperty("compat.seed", "").trim();
    long seed = given.isEmpty() ? new SecureRandom().nextLong() : Long.parseLong(given);
    System.out.println("[compat] seed " + seed + (given.isEmpty() ? " (replay with -Dcompat.seed=" + seed + ")" : " (given)"));
    return seed;
  }

  /** The run's seed, for failure messages. */
  static long value() {
    return RUN_SEED;
  }

  /** The random source of the test called {@code name}. */
  static Random random(String name) {
    return new Random(RUN_SEED * 31 + name.hashCode());
  }

  /** A failure-message prefix naming the seed and how to replay it. */
  static String replay() {
    return "[compat seed " + RUN_SEED + ", replay with -Dcompat.seed=" + RUN_SEED + "] ";
  }
}
