package dev.continuum;

import dev.continuum.Options.Knob;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Every placement algorithm and compatibility dialect continuum offers, by the name used on the
 * command line.
 *
 * <p>Compatibility dialects reproduce another program's placement exactly; see each constant for
 * what it matches. The others are continuum's own general-purpose algorithms.
 */
public enum Algorithm {
  /**
   * python-continuum 0.1.1, bit for bit, quirks included: md5 ring of {@code totalDots} entries,
   * remainder entries at positions 0..m-1, strict "first entry above" lookup. The default.
   */
  PYTHON_CONTINUUM("python-continuum", true, false, true, EnumSet.of(Knob.TOTAL_DOTS)) {
    @Override
    PlacementFactory factory(Options options) {
      int totalDots = options.totalDots;
      return servers -> PythonContinuumRing.build(servers, totalDots);
    }
  },
  /**
   * continuum's general ring: {@code pointsPerWeight} points (default 160) per unit of capacity,
   * xxHash64 with the seed, ties decided by server identity. Any server can be removed, moving only its
   * keys. See {@code HashRing}.
   */
  RING("ring", true, true, false, EnumSet.of(Knob.POINTS_PER_WEIGHT, Knob.SEED)) {
    @Override
    PlacementFactory factory(Options options) {
      int perWeight = options.pointsPerWeight;
      long seed = options.seed;
      return HashRing.factory(perWeight, seed);
    }
  },
  /**
   * Jump consistent hash (Lamping and Veach 2014): no memory, unweighted (capacity must be 1). Removing
   * a server other than the last moves the last server into its slot, so that server's keys move too.
   * See {@code Jump}.
   */
  JUMP("jump", false, false, false, EnumSet.of(Knob.SEED)) {
    @Override
    PlacementFactory factory(Options options) {
      return Jump.factory(options.seed);
    }
  },
  /**
   * Weighted rendezvous (highest random weight) hashing, logarithmic method: score {@code -w / ln(u)}.
   * O(N) per lookup; any server can be removed, moving only its keys. See {@code Rendezvous}.
   */
  RENDEZVOUS("rendezvous", true, true, false, EnumSet.of(Knob.SEED)) {
    @Override
    PlacementFactory factory(Options options) {
      long seed = options.seed;
      return servers -> Rendezvous.build(servers, seed);
    }
  },
  /**
   * Maglev hashing (Eisenbud et al. 2016): a lookup table of prime size {@code tableSize} (default
   * 65537), weights as proportional turns; near-minimal (not minimal) disruption. See {@code Maglev}.
   */
  MAGLEV("maglev", true, false, false, EnumSet.of(Knob.TABLE_SIZE, Knob.SEED)) {
    @Override
    PlacementFactory factory(Options options) {
      int m = options.tableSize;
      long seed = options.seed;
      return servers -> Maglev.build(servers, m, seed);
    }
  },
  /**
   * Multi-probe consistent hashing (Appleton and O'Reilly 2015): {@code probes} hashes per key
   * (default 21), one ring point per unit of capacity. See {@code MultiProbe}.
   */
  MULTI_PROBE("multi-probe", true, true, false, EnumSet.of(Knob.PROBES, Knob.SEED)) {
    @Override
    PlacementFactory factory(Options options) {
      int probes = options.probes;
      long seed = options.seed;
      return servers -> MultiProbe.build(servers, probes, seed);
    }
  },
  /**
   * Consistent hashing with bounded loads (Mirrokni, Thorup and Zadimoghaddam 2016) over the
   * {@link #RING}: {@link Continuum#boundedLoads()} acquires and releases load per request so that no
   * server exceeds {@code ceil(loadFactor * average load)} (default 1.25). {@code resolve}, which
   * carries no load, is the plain ring placement (the server a key goes to when no server is full).
   */
  BOUNDED_LOAD("bounded-load", true, true, false,
      EnumSet.of(Knob.POINTS_PER_WEIGHT, Knob.LOAD_FACTOR, Knob.SEED)) {
    @Override
    PlacementFactory factory(Options options) {
      return RING.factory(options);
    }
  },
  /**
   * MementoHash (Coluzzi et al. 2023): jump hash plus a memory of removed buckets; any server can be
   * removed moving only its keys, and re-adding restores. Unweighted. See {@code Memento}.
   */
  MEMENTO("memento", false, true, false, EnumSet.of(Knob.SEED)) {
    @Override
    PlacementFactory factory(Options options) {
      return Memento.factory(options.seed);
    }
  },
  /** libmemcached 1.1.4 with MEMCACHED_BEHAVIOR_KETAMA_WEIGHTED: the libketama-compatible md5 ring (also php-memcached's and pylibmc's). */
  LIBMEMCACHED_KETAMA_WEIGHTED("libmemcached-ketama-weighted", true, false, true, EnumSet.noneOf(Knob.class)) {
    @Override
    PlacementFactory factory(Options options) {
      throw new UnsupportedOperationException("libmemcached-ketama-weighted: not implemented yet");
    }
  },
  /** libmemcached 1.1.4 with MEMCACHED_BEHAVIOR_KETAMA set before the servers are added: one-at-a-time key hash, 100 points per server; a server of weight > 1 switches to the weighted md5 ring. */
  LIBMEMCACHED_KETAMA("libmemcached-ketama", true, false, true, EnumSet.noneOf(Knob.class)) {
    @Override
    PlacementFactory factory(Options options) {
      throw new UnsupportedOperationException("libmemcached-ketama: not implemented yet");
    }
  },
  /** libmemcached 1.1.4 with MEMCACHED_BEHAVIOR_KETAMA set after the servers were added: always unweighted. */
  LIBMEMCACHED_KETAMA_UNWEIGHTED("libmemcached-ketama-unweighted", true, false, true, EnumSet.noneOf(Knob.class)) {
    @Override
    PlacementFactory factory(Options options) {
      throw new UnsupportedOperationException("libmemcached-ketama-unweighted: not implemented yet");
    }
  },
  /** libmemcached 1.1.4 with KETAMA and HASH=MD5: 100 points per server, one md5 word each. */
  LIBMEMCACHED_KETAMA_MD5("libmemcached-ketama-md5", true, false, true, EnumSet.noneOf(Knob.class)) {
    @Override
    PlacementFactory factory(Options options) {
      throw new UnsupportedOperationException("libmemcached-ketama-md5: not implemented yet");
    }
  },
  /** libmemcached 1.1.4 with DISTRIBUTION=CONSISTENT_KETAMA_SPY (default one-at-a-time hash). */
  LIBMEMCACHED_SPY("libmemcached-spy", true, false, true, EnumSet.noneOf(Knob.class)) {
    @Override
    PlacementFactory factory(Options options) {
      throw new UnsupportedOperationException("libmemcached-spy: not implemented yet");
    }
  },
  /** libmemcached 1.1.4 with CONSISTENT_KETAMA_SPY and HASH=MD5. */
  LIBMEMCACHED_SPY_MD5("libmemcached-spy-md5", true, false, true, EnumSet.noneOf(Knob.class)) {
    @Override
    PlacementFactory factory(Options options) {
      throw new UnsupportedOperationException("libmemcached-spy-md5: not implemented yet");
    }
  },
  /** libmemcached 1.1.4 with KETAMA_WEIGHTED then CONSISTENT_KETAMA_SPY. */
  LIBMEMCACHED_SPY_WEIGHTED("libmemcached-spy-weighted", true, false, true, EnumSet.noneOf(Knob.class)) {
    @Override
    PlacementFactory factory(Options options) {
      throw new UnsupportedOperationException("libmemcached-spy-weighted: not implemented yet");
    }
  },
  /** twemproxy (nutcracker 0.5.0) distribution ketama with its default key hash fnv1a_64 (as it really computes it). */
  TWEMPROXY("twemproxy", true, false, true, EnumSet.noneOf(Knob.class)) {
    @Override
    PlacementFactory factory(Options options) {
      throw new UnsupportedOperationException("twemproxy: not implemented yet");
    }
  },
  /** twemproxy (nutcracker 0.5.0) distribution ketama with hash md5. */
  TWEMPROXY_MD5("twemproxy-md5", true, false, true, EnumSet.noneOf(Knob.class)) {
    @Override
    PlacementFactory factory(Options options) {
      throw new UnsupportedOperationException("twemproxy-md5: not implemented yet");
    }
  },
  /** spymemcached 2.12.3 KetamaNodeLocator, KETAMA_HASH, default SPYMEMCACHED node-key format, unweighted. */
  SPYMEMCACHED("spymemcached", true, false, true, EnumSet.noneOf(Knob.class)) {
    @Override
    PlacementFactory factory(Options options) {
      throw new UnsupportedOperationException("spymemcached: not implemented yet");
    }
  },
  /** spymemcached 2.12.3 KetamaNodeLocator, KETAMA_HASH, SPYMEMCACHED node-key format, weighted. */
  SPYMEMCACHED_WEIGHTED("spymemcached-weighted", true, false, true, EnumSet.noneOf(Knob.class)) {
    @Override
    PlacementFactory factory(Options options) {
      throw new UnsupportedOperationException("spymemcached-weighted: not implemented yet");
    }
  },
  /** spymemcached 2.12.3 KetamaNodeLocator, KETAMA_HASH, LIBMEMCACHED node-key format, unweighted. */
  SPYMEMCACHED_LIBMEMCACHED("spymemcached-libmemcached", true, false, true, EnumSet.noneOf(Knob.class)) {
    @Override
    PlacementFactory factory(Options options) {
      throw new UnsupportedOperationException("spymemcached-libmemcached: not implemented yet");
    }
  },
  /** spymemcached 2.12.3 KetamaNodeLocator, KETAMA_HASH, LIBMEMCACHED node-key format, weighted. */
  SPYMEMCACHED_LIBMEMCACHED_WEIGHTED("spymemcached-libmemcached-weighted", true, false, true, EnumSet.noneOf(Knob.class)) {
    @Override
    PlacementFactory factory(Options options) {
      throw new UnsupportedOperationException("spymemcached-libmemcached-weighted: not implemented yet");
    }
  },
  /** pymemcache 3.5.2 RendezvousHash as HashClient uses it (murmur3 over code points, optional seed). */
  PYMEMCACHE("pymemcache", true, false, true, EnumSet.noneOf(Knob.class)) {
    @Override
    PlacementFactory factory(Options options) {
      throw new UnsupportedOperationException("pymemcache: not implemented yet");
    }
  };

  private final String cliName;
  private final boolean weighted;
  private final boolean arbitraryRemoval;
  private final boolean compatibility;
  private final Set<Knob> knobs;

  Algorithm(String cliName, boolean weighted, boolean arbitraryRemoval, boolean compatibility, Set<Knob> knobs) {
    this.cliName = cliName;
    this.weighted = weighted;
    this.arbitraryRemoval = arbitraryRemoval;
    this.compatibility = compatibility;
    this.knobs = knobs;
  }

  /** True when the builder option {@code knob} applies to this algorithm. */
  boolean accepts(Knob knob) {
    return knobs.contains(knob);
  }

  /** The name used on the command line, e.g. {@code python-continuum}. */
  public String cliName() {
    return cliName;
  }

  /** True when a server's capacity changes its share of keys. */
  public boolean supportsWeights() {
    return weighted;
  }

  /** True when any server, not only the last added, can be removed with minimal disruption. */
  public boolean supportsArbitraryRemoval() {
    return arbitraryRemoval;
  }

  /** True when this reproduces another program's placement exactly (and so cannot be seeded). */
  public boolean isCompatibilityDialect() {
    return compatibility;
  }

  /**
   * The algorithm with this command-line name (case-insensitive; the enum constant's name is accepted
   * too).
   *
   * @throws IllegalArgumentException naming the known algorithms when there is no such algorithm
   */
  public static Algorithm byName(String name) {
    if (name != null) {
      for (Algorithm a : values()) {
        if (a.cliName.equalsIgnoreCase(name) || a.name().equalsIgnoreCase(name)) {
          return a;
        }
      }
    }
    StringBuilder known = new StringBuilder();
    for (Algorithm a : values()) {
      known.append(known.length() == 0 ? "" : ", ").append(a.cliName);
    }
    throw new IllegalArgumentException("unknown algorithm \"" + name + "\"; known: " + known);
  }

  abstract PlacementFactory factory(Options options);

  @Override
  public String toString() {
    return cliName.toLowerCase(Locale.ROOT);
  }
}
