package dev.continuum;

/**
 * The tuning knobs an algorithm may read, collected by {@link Continuum.Builder}. Each algorithm reads
 * the ones it understands; the builder rejects a knob the chosen algorithm does not use.
 */
final class Options {
  /** python-continuum's {@code totaldots}. */
  final int totalDots;

  Options(int totalDots) {
    this.totalDots = totalDots;
  }

  static Options defaults() {
    return new Options(1000);
  }
}
