package dev.continuum.cli;

import picocli.CommandLine.Option;

/** {@code --keys N} and {@code --sample}: how many keys to place when a result cannot be exact. */
final class SampleOptions {
  @Option(names = "--keys", paramLabel = "N", defaultValue = "1000000",
      description = "Sample keys to place when the result cannot be computed exactly (default: ${DEFAULT-VALUE}), "
          + "e.g. --keys 5000000.")
  long keys;

  @Option(names = "--sample",
      description = "Place sample keys even for rings, to cross-check the exact result, e.g. --sample --keys 1000000.")
  boolean sample;
}
