package dev.continuum.testkit;

import java.security.SecureRandom;
import java.util.Random;

/**
 * The seed of a run of live tests: {@code -D<property>=N} replays run N, otherwise a fresh seed is
 * drawn and printed with the flag that replays it. Each test derives its own {@link Random} from the
 * run's seed and its own name, so a replay reproduces every test's fleets and keys.
 */
public final class RunSeed {
  private final String property;
  private final String tag;
  private final long seed;

  private RunSeed(String property, String tag, long seed) {
    this.property = property;
    this.tag = tag;
    this.seed = seed;
  }

  /**
   * The seed given as {@code -D<property>=N}, or a fresh one; printed once, prefixed by {@code [tag]}.
   *
   * @throws NumberFormatException if the property is set but not a number
   */
  public static RunSeed fromProperty(String property, String tag) {
    String given = System.getProperty(property, "").trim();
    long seed = given.isEmpty() ? new SecureRandom().nextLong() : Long.parseLong(given);
    System.out.println("[" + tag + "] seed " + seed
        + (given.isEmpty() ? " (replay with -D" + property + "=" + seed + ")" : " (given)"));
    return new RunSeed(property, tag, seed);
  }

  /** The run's seed. */
  public long value() {
    return seed;
  }

  /** The random source of the test called {@code name}. */
  public Random random(String name) {
    return new Random(seed * 31 + name.hashCode());
  }

  /** A message prefix naming the seed and how to replay it: {@code "[tag seed N, replay with -Dproperty=N] "}. */
  public String replay() {
    return "[" + tag + " seed " + seed + ", replay with -D" + property + "=" + seed + "] ";
  }
}
