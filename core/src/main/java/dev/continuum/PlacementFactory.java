package dev.continuum;

/** Builds the immutable {@link Placement} of one algorithm, with its options, for a server array. */
@FunctionalInterface
interface PlacementFactory {
  /**
   * Builds a placement over {@code servers} (in list order; never modified, never kept by reference
   * beyond the placement's own needs). Throws {@link IllegalArgumentException} for a list this
   * algorithm cannot place on; nothing is published then.
   */
  Placement build(Server[] servers);
}
