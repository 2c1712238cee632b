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

  /**
   * The placement {@link #build} would give for {@code servers}, possibly derived from
   * {@code previous}, which this factory built for {@code previousServers}. Implementations that can
   * merge (a ring whose points per server depend on that server alone) override this; the result must
   * be identical to a full build. Neither array is modified.
   */
  default Placement update(Placement previous, Server[] previousServers, Server[] servers) {
    return build(servers);
  }
}
