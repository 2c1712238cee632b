package dev.continuum;

import java.util.Locale;

/**
 * The 64-bit key hash continuum's own algorithms (ring, jump, jumpback, memento, maglev, rendezvous,
 * multi-probe, bounded-load) place keys by, chosen with {@link Continuum.Builder#keyHash}. Every
 * function hashes the key's UTF-8 bytes with the builder's seed, so {@code resolve(String)} and
 * {@code resolve(byte[])} of the same text agree whichever is chosen. The compatibility dialects
 * always use their peer's own hash and do not accept this option.
 */
public enum KeyHashFunction {
  /**
   * xxHash64 (Yann Collet, XXH64 of the xxHash specification) with the seed: the default of every
   * algorithm but {@code jumpback} and {@code memento} (see {@link Algorithm#defaultKeyHash()}), and
   * the key hash of every release so far.
   */
  XXHASH64("xxhash64"),
  /**
   * rapidhash V3 (Nicolas De Carli 2025, {@code rapidhash_withSeed} of {@code rapidhash.h} with the
   * default secrets), the same function as hash4j's {@code Hashing.rapidhashV3(seed)}: choose it to
   * agree with programs that hash keys with rapidhash, for instance to pass their hashes to
   * {@link Continuum#resolve(long)}. No algorithm's default: over String keys it was not faster than
   * xxHash64 (see {@code docs/algorithms.md}).
   */
  RAPIDHASH("rapidhash"),
  /**
   * rapidhash V3 with the seed over the key's UTF-8 bytes each widened to a 16-bit little-endian unit
   * {@code (byte, 0)}. For an ASCII key those units are its UTF-16 chars, so the hash equals hash4j's
   * {@code Hashing.rapidhashV3(seed).hashCharsToLong(key)}, and continuum reads it from the chars as
   * hash4j does, without packing them into bytes: the fastest String key hash here (see
   * {@code BENCHMARKS.md}), and the default of {@code jumpback} and {@code memento}. Any key, ASCII or
   * not, hashes the same as a String and as its UTF-8 bytes.
   */
  RAPIDHASH_WIDE("rapidhash-wide");

  private final String cliName;

  KeyHashFunction(String cliName) {
    this.cliName = cliName;
  }

  /**
   * The name used on the command line ({@code --hash NAME}) and in fingerprints.
   *
   * @return {@code xxhash64}, {@code rapidhash} or {@code rapidhash-wide}
   */
  public String cliName() {
    return cliName;
  }

  /**
   * The function with this name (case-insensitive; the enum constant's name is accepted too).
   *
   * @param name a name such as {@code xxhash64}
   * @return the function
   * @throws IllegalArgumentException naming the known functions when there is no such function
   */
  public static KeyHashFunction byName(String name) {
    if (name != null) {
      for (KeyHashFunction f : values()) {
        if (f.cliName.equalsIgnoreCase(name) || f.name().equalsIgnoreCase(name)) {
          return f;
        }
      }
    }
    StringBuilder known = new StringBuilder();
    for (KeyHashFunction f : values()) {
      known.append(known.length() == 0 ? "" : ", ").append(f.cliName);
    }
    throw new IllegalArgumentException("unknown key hash \"" + name + "\"; known: " + known);
  }

  /** This function with {@code seed}, as the placements hold it. */
  KeyHash64 seeded(long seed) {
    return switch (this) {
      case RAPIDHASH -> RapidHash.seeded(seed);
      case RAPIDHASH_WIDE -> RapidHash.seededWide(seed);
      case XXHASH64 -> XxHash64.seeded(seed);
    };
  }

  /**
   * The command-line name.
   *
   * @return {@link #cliName()}
   */
  @Override
  public String toString() {
    return cliName.toLowerCase(Locale.ROOT);
  }
}
