package dev.continuum.cli;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --keys N}, {@code --sample} and {@code --keys-file FILE}: which keys to place when a result
 * is counted rather than computed exactly.
 */
final class SampleOptions {
  @Option(names = "--keys", paramLabel = "N", defaultValue = "1000000",
      description = "Sample keys to place when the result cannot be computed exactly (default: ${DEFAULT-VALUE})."
          + "%n  e.g. --keys 5000000.")
  long keys;

  @Option(names = "--sample",
      description = "Place sample keys even for rings, to cross-check the exact result.%n  e.g. --sample --keys 1000000.")
  boolean sample;

  @Option(names = "--keys-file", paramLabel = "FILE",
      description = "Count your own keys, one per line, instead of sample keys (also for rings).%n  e.g. --keys-file keys.txt.")
  Path keysFile;

  /** The keys to count: the user's, or {@code --keys} sample keys. */
  Keys keys() throws IOException {
    return keysFile != null ? Keys.file(keysFile) : Keys.sample(keys);
  }

  /** True when keys must be counted even where the exact answer is available. */
  boolean forceCounting() {
    return sample || keysFile != null;
  }
}
