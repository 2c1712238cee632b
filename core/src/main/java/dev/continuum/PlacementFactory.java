package dev.continuum;

/**
 * Builds the immutable {@link Placement} of one algorithm, with its options, for a server array.
 *
 * <p>The one way to plug in an algorithm: its placement class has a static
 * {@code factory(Options)} (the shape of {@link FromOptions}) that reads the options it needs, takes
 * its key hash from {@link Options#keyHash64()} if it is one of continuum's own algorithms, and
 * returns a {@code PlacementFactory}; one {@link Algorithm} constant names that method and declares
 * the algorithm's capabilities, options and placement version. Nothing else is wired anywhere.
 */
@FunctionalInterface
interface PlacementFactory {
  /**
   * The shape every placement class's {@code factory(Options)} has, named by its {@link Algorithm}
   * constant ({@code ConsistentRing::factory}, {@code KetamaRing.Dialect.TWEMPROXY::factory}, ...).
   */
  @FunctionalInterface
  interface FromOptions {
    /**
     * The factory for these options. Reads the options now, so that a later change to the
     * {@code Options} object does not reach it; throws {@link IllegalArgumentException} for an option
     * value this algorithm rejects.
     */
    PlacementFactory factory(Options options);
  }

  /**
   * Builds a placement over {@code servers} (in list order; never modified, never kept by reference
   * beyond the placement's own needs). Throws {@link IllegalArgumentException} for a list this
   * algorithm cannot place on; nothing is published then.
   */
  Placement build(Server[] servers);

  /**
   * Throws the {@link IllegalArgumentException} naming the limit that {@link #build} would throw for
   * {@code servers} (points, table size, a peer's server count, a weight the peer refuses), without
   * building: a continuum that defers generation checks each change here, so that a list no
   * {@code generate()} could place is rejected at the change that made it. Costs O(servers) and
   * allocates nothing in proportion to the placement. The default has nothing to check.
   */
  default void check(Server[] servers) {}

  /**
   * The capacity the placement gives a server whose capacity is {@code capacity}, where weights count:
   * the capacity itself unless the peer reads it otherwise (libmemcached stores weight 0 as 1). The
   * one statement of that rule: the build reads capacities through it and
   * {@link Algorithm#effectiveCapacity} reports it.
   */
  default int effectiveCapacity(int capacity) {
    return capacity;
  }

  /** A factory whose builds are checked by {@code check} first. */
  static PlacementFactory checked(java.util.function.Consumer<Server[]> check,
      java.util.function.Function<Server[], Placement> build) {
    return new PlacementFactory() {
      @Override
      public Placement build(Server[] servers) {
        check.accept(servers);
        return build.apply(servers);
      }

      @Override
      public void check(Server[] servers) {
        check.accept(servers);
      }
    };
  }

  /**
   * Builds the placement that follows {@code previous} (built by this factory over
   * {@code previousServers}) after a change to {@code servers}. Algorithms whose placement depends on
   * the history of changes, not only on the set of servers (jump's and memento's slots), carry their
   * state over here; a ring whose points for a server depend on that server alone may merge instead
   * of re-sorting ({@link PointRing#update}), and must then give exactly what {@link #build} gives.
   * Neither array is modified. The default builds from scratch.
   */
  default Placement update(Placement previous, Server[] previousServers, Server[] servers) {
    return build(servers);
  }
}
