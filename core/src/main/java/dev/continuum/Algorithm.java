package dev.continuum;

import dev.continuum.KetamaRing.Dialect;
import dev.continuum.KetamaRing.NodeName;
import dev.continuum.KetamaRing.Points;
import dev.continuum.KetamaRing.Ties;
import dev.continuum.KetamaRing.ZeroWeight;
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
  PYTHON_CONTINUUM("python-continuum", true, false, true, EnumSet.of(Knob.TOTAL_DOTS),
      "python-continuum 0.1.1 bit for bit: md5 ring of totalDots entries, remainder entries at positions 0..m-1, strict lookup") {
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
  RING("ring", true, true, false, EnumSet.of(Knob.POINTS_PER_WEIGHT, Knob.SEED),
      "consistent-hashing ring (Karger et al. 1997): pointsPerWeight xxHash64 points per unit of capacity") {
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
  JUMP("jump", false, false, false, EnumSet.of(Knob.SEED),
      "jump consistent hash (Lamping and Veach 2014): no memory, unweighted, removal of the last server only is minimal") {
    @Override
    PlacementFactory factory(Options options) {
      return Jump.factory(options.seed);
    }
  },
  /**
   * Weighted rendezvous (highest random weight) hashing, logarithmic method: score {@code -w / ln(u)}.
   * O(N) per lookup; any server can be removed, moving only its keys. See {@code Rendezvous}.
   */
  RENDEZVOUS("rendezvous", true, true, false, EnumSet.of(Knob.SEED),
      "weighted rendezvous (highest random weight) hashing: exact shares, O(n) per lookup") {
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
  MAGLEV("maglev", true, false, false, EnumSet.of(Knob.TABLE_SIZE, Knob.SEED),
      "Maglev lookup table (Eisenbud et al. 2016): one table read per key, near-minimal disruption") {
    @Override
    PlacementFactory factory(Options options) {
      int m = options.tableSize;
      long seed = options.seed;
      return PlacementFactory.checked(servers -> Checks.maglevTable(m, servers.length),
          servers -> Maglev.build(servers, m, seed));
    }
  },
  /**
   * Multi-probe consistent hashing (Appleton and O'Reilly 2015): {@code probes} hashes per key
   * (default 21), one ring point per unit of capacity. See {@code MultiProbe}.
   */
  MULTI_PROBE("multi-probe", true, true, false, EnumSet.of(Knob.PROBES, Knob.SEED),
      "multi-probe consistent hashing (Appleton and O'Reilly 2015): few points, several probes per key") {
    @Override
    PlacementFactory factory(Options options) {
      int probes = options.probes;
      long seed = options.seed;
      return PlacementFactory.checked(
          servers -> Checks.ringPoints("the multi-probe ring", servers, MultiProbe.POINTS_PER_WEIGHT),
          servers -> MultiProbe.build(servers, probes, seed));
    }
  },
  /**
   * Consistent hashing with bounded loads (Mirrokni, Thorup and Zadimoghaddam 2016) over the
   * {@link #RING}: {@link Continuum#boundedLoads()} acquires and releases load per request so that no
   * server exceeds {@code ceil(loadFactor * average load)} (default 1.25). {@code resolve}, which
   * carries no load, is the plain ring placement (the server a key goes to when no server is full).
   */
  BOUNDED_LOAD("bounded-load", true, true, false,
      EnumSet.of(Knob.POINTS_PER_WEIGHT, Knob.LOAD_FACTOR, Knob.SEED),
      "consistent hashing with bounded loads (Mirrokni et al. 2018) over the ring") {
    @Override
    PlacementFactory factory(Options options) {
      return RING.factory(options);
    }
  },
  /**
   * MementoHash (Coluzzi et al. 2023): jump hash plus a memory of removed buckets; any server can be
   * removed moving only its keys, and re-adding restores. Unweighted. See {@code Memento}.
   */
  MEMENTO("memento", false, true, false, EnumSet.of(Knob.SEED),
      "MementoHash (Coluzzi et al. 2023): jump hash with a memory of removed servers, any server removable") {
    @Override
    PlacementFactory factory(Options options) {
      return Memento.factory(options.seed);
    }
  },
  /** libmemcached 1.1.4 with MEMCACHED_BEHAVIOR_KETAMA_WEIGHTED: the libketama-compatible md5 ring (also php-memcached's and pylibmc's). */
  LIBMEMCACHED_KETAMA_WEIGHTED("libmemcached-ketama-weighted", true, false, true, EnumSet.of(Knob.DUPLICATE_SERVERS),
      "libmemcached 1.1.4 KETAMA_WEIGHTED (libketama, php-memcached, pylibmc): md5 keys, weighted 160-point md5 ring") {
    @Override
    PlacementFactory factory(Options options) {
      return libmemcached("libmemcached-ketama-weighted", NodeName.LIBMEMCACHED, Points.WEIGHTED_MD5_WORDS, KeyHash.MD5);
    }
  },
  /** libmemcached 1.1.4 with MEMCACHED_BEHAVIOR_KETAMA set before the servers are added: one-at-a-time key hash, 100 points per server; a server of weight > 1 switches to the weighted md5 ring. */
  LIBMEMCACHED_KETAMA("libmemcached-ketama", true, false, true, EnumSet.of(Knob.DUPLICATE_SERVERS),
      "libmemcached 1.1.4 KETAMA set before adding servers: one-at-a-time keys, 100 points; a weight > 1 switches to the weighted md5 ring") {
    @Override
    PlacementFactory factory(Options options) {
      return libmemcached("libmemcached-ketama", NodeName.LIBMEMCACHED, Points.HUNDRED_HASHED_UNLESS_WEIGHTED, KeyHash.ONE_AT_A_TIME);
    }
  },
  /** libmemcached 1.1.4 with MEMCACHED_BEHAVIOR_KETAMA set after the servers were added: always unweighted. */
  LIBMEMCACHED_KETAMA_UNWEIGHTED("libmemcached-ketama-unweighted", false, false, true, EnumSet.of(Knob.DUPLICATE_SERVERS),
      "libmemcached 1.1.4 KETAMA set after adding servers: one-at-a-time keys, 100 points, weights ignored") {
    @Override
    PlacementFactory factory(Options options) {
      return libmemcached("libmemcached-ketama-unweighted", NodeName.LIBMEMCACHED, Points.HUNDRED_HASHED, KeyHash.ONE_AT_A_TIME);
    }
  },
  /**
   * libmemcached 1.1.4 with KETAMA and HASH=MD5: 100 points per server, one md5 word each. A weight
   * above 1 switches to the weighted md5 ring, as for {@link #LIBMEMCACHED_KETAMA} (from the source;
   * the vectors cover the switch only for that mode).
   */
  LIBMEMCACHED_KETAMA_MD5("libmemcached-ketama-md5", true, false, true, EnumSet.of(Knob.DUPLICATE_SERVERS),
      "libmemcached 1.1.4 KETAMA with HASH=MD5: md5 keys, 100 points of md5 word 0") {
    @Override
    PlacementFactory factory(Options options) {
      return libmemcached("libmemcached-ketama-md5", NodeName.LIBMEMCACHED, Points.HUNDRED_HASHED_UNLESS_WEIGHTED, KeyHash.MD5);
    }
  },
  /**
   * libmemcached 1.1.4 with DISTRIBUTION=CONSISTENT_KETAMA_SPY (default one-at-a-time hash): ring names
   * {@code /host:port}, 100 points; a weight above 1 switches to the weighted md5 ring (from the source).
   * Not compatible with spymemcached itself.
   */
  LIBMEMCACHED_SPY("libmemcached-spy", true, false, true, EnumSet.of(Knob.DUPLICATE_SERVERS),
      "libmemcached 1.1.4 CONSISTENT_KETAMA_SPY: \"/host:port\" names, one-at-a-time keys, 100 points") {
    @Override
    PlacementFactory factory(Options options) {
      return libmemcached("libmemcached-spy", NodeName.LIBMEMCACHED_SPY, Points.HUNDRED_HASHED_UNLESS_WEIGHTED, KeyHash.ONE_AT_A_TIME);
    }
  },
  /** libmemcached 1.1.4 with CONSISTENT_KETAMA_SPY and HASH=MD5. */
  LIBMEMCACHED_SPY_MD5("libmemcached-spy-md5", true, false, true, EnumSet.of(Knob.DUPLICATE_SERVERS),
      "libmemcached 1.1.4 CONSISTENT_KETAMA_SPY with HASH=MD5: \"/host:port\" names, md5 keys, 100 points") {
    @Override
    PlacementFactory factory(Options options) {
      return libmemcached("libmemcached-spy-md5", NodeName.LIBMEMCACHED_SPY, Points.HUNDRED_HASHED_UNLESS_WEIGHTED, KeyHash.MD5);
    }
  },
  /** libmemcached 1.1.4 with KETAMA_WEIGHTED then CONSISTENT_KETAMA_SPY. */
  LIBMEMCACHED_SPY_WEIGHTED("libmemcached-spy-weighted", true, false, true, EnumSet.of(Knob.DUPLICATE_SERVERS),
      "libmemcached 1.1.4 KETAMA_WEIGHTED then CONSISTENT_KETAMA_SPY: \"/host:port\" names, weighted md5 ring") {
    @Override
    PlacementFactory factory(Options options) {
      return libmemcached("libmemcached-spy-weighted", NodeName.LIBMEMCACHED_SPY, Points.WEIGHTED_MD5_WORDS, KeyHash.MD5);
    }
  },
  /** twemproxy (nutcracker 0.5.0) distribution ketama with its default key hash fnv1a_64 (as it really computes it). */
  TWEMPROXY("twemproxy", true, false, true, EnumSet.noneOf(Knob.class),
      "twemproxy 0.5.0 ketama with its default hash (a truncated 32-bit \"fnv1a_64\"), server names honoured") {
    @Override
    PlacementFactory factory(Options options) {
      return twemproxy("twemproxy", KeyHash.TWEMPROXY_FNV1A_64);
    }
  },
  /** twemproxy (nutcracker 0.5.0) distribution ketama with hash md5. */
  TWEMPROXY_MD5("twemproxy-md5", true, false, true, EnumSet.noneOf(Knob.class),
      "twemproxy 0.5.0 ketama with hash: md5, server names honoured") {
    @Override
    PlacementFactory factory(Options options) {
      return twemproxy("twemproxy-md5", KeyHash.MD5);
    }
  },
  /** spymemcached 2.12.3 KetamaNodeLocator, KETAMA_HASH, default SPYMEMCACHED node-key format, unweighted. */
  SPYMEMCACHED("spymemcached", false, false, true, EnumSet.of(Knob.DUPLICATE_SERVERS),
      "spymemcached 2.12.3 KetamaNodeLocator, default node keys (ip:port, host/ip:port), 160 points, unweighted") {
    @Override
    PlacementFactory factory(Options options) {
      return spymemcached("spymemcached", NodeName.SPYMEMCACHED, Points.FIXED_160_MD5_WORDS);
    }
  },
  /** spymemcached 2.12.3 KetamaNodeLocator, KETAMA_HASH, SPYMEMCACHED node-key format, weighted. */
  SPYMEMCACHED_WEIGHTED("spymemcached-weighted", true, false, true, EnumSet.of(Knob.DUPLICATE_SERVERS),
      "spymemcached 2.12.3 KetamaNodeLocator, default node keys, weighted") {
    @Override
    PlacementFactory factory(Options options) {
      return spymemcached("spymemcached-weighted", NodeName.SPYMEMCACHED, Points.WEIGHTED_MD5_WORDS);
    }
  },
  /** spymemcached 2.12.3 KetamaNodeLocator, KETAMA_HASH, LIBMEMCACHED node-key format, unweighted. */
  SPYMEMCACHED_LIBMEMCACHED("spymemcached-libmemcached", false, false, true, EnumSet.of(Knob.DUPLICATE_SERVERS),
      "spymemcached 2.12.3 KetamaNodeLocator, LIBMEMCACHED node keys, 160 points, unweighted") {
    @Override
    PlacementFactory factory(Options options) {
      return spymemcached("spymemcached-libmemcached", NodeName.SPYMEMCACHED_LIBMEMCACHED, Points.FIXED_160_MD5_WORDS);
    }
  },
  /** spymemcached 2.12.3 KetamaNodeLocator, KETAMA_HASH, LIBMEMCACHED node-key format, weighted. */
  SPYMEMCACHED_LIBMEMCACHED_WEIGHTED("spymemcached-libmemcached-weighted", true, false, true, EnumSet.of(Knob.DUPLICATE_SERVERS),
      "spymemcached 2.12.3 KetamaNodeLocator, LIBMEMCACHED node keys, weighted") {
    @Override
    PlacementFactory factory(Options options) {
      return spymemcached("spymemcached-libmemcached-weighted", NodeName.SPYMEMCACHED_LIBMEMCACHED, Points.WEIGHTED_MD5_WORDS);
    }
  },
  /**
   * Jedis 3.10.0 {@code ShardedJedis} ({@code Sharded} with its default MURMUR hash, a 64-bit
   * MurmurHash64A): {@code 160 * weight} points per shard named {@code "SHARD-<i>-NODE-<n>"} by list
   * position, or {@code "<name>*<n>"} for a shard with a {@linkplain Server#name() name}; the later
   * shard keeps a shared point. {@code JedisSharding} (Jedis 4.0 to 6.2, the last with sharding) places
   * exactly as this with unnamed shards of weight 1. See {@code JedisRing}.
   */
  JEDIS("jedis", true, false, true, EnumSet.of(Knob.DUPLICATE_SERVERS),
      "Jedis 3.10.0 ShardedJedis and JedisSharding 4.0-6.2: MurmurHash64A ring, 160 points per weight, SHARD-i-NODE-n or name*n") {
    @Override
    PlacementFactory factory(Options options) {
      return JedisRing.FACTORY;
    }
  },
  /**
   * xmemcached 2.4.8 {@code KetamaMemcachedSessionLocator}, default mode: md5 ring of
   * {@code 160 * weight} points named after the connected address ({@code "/ip:port"},
   * {@code "host/ip:port"}). Not the same as {@link #SPYMEMCACHED}. See {@code XmemcachedRing}.
   */
  XMEMCACHED("xmemcached", true, false, true, EnumSet.of(Knob.DUPLICATE_SERVERS),
      "xmemcached 2.4.8 KetamaMemcachedSessionLocator: md5 ring, 160 points per weight, \"/ip:port\" or \"host/ip:port\" names") {
    @Override
    PlacementFactory factory(Options options) {
      return XmemcachedRing.factory("xmemcached", false);
    }
  },
  /** xmemcached 2.4.8 {@code KetamaMemcachedSessionLocator(true)}, cwNginxUpstreamConsistent: names {@code "ip"} or {@code "ip:port"}. */
  XMEMCACHED_NGINX("xmemcached-nginx", true, false, true, EnumSet.of(Knob.DUPLICATE_SERVERS),
      "xmemcached 2.4.8 KetamaMemcachedSessionLocator cwNginxUpstreamConsistent: md5 ring, names ip[:port] (port left out when 11211)") {
    @Override
    PlacementFactory factory(Options options) {
      return XmemcachedRing.factory("xmemcached-nginx", true);
    }
  },
  /**
   * Apache Dubbo 3.3.5 {@code ConsistentHashLoadBalance}: md5 ring of {@code hash.nodes} (the
   * {@code pointsPerWeight} option, default 160) points per invoker from {@code "host:port" + i}; the
   * key is the invocation's argument string. Weights are ignored. See {@code DubboRing}.
   */
  DUBBO("dubbo", false, false, true, EnumSet.of(Knob.POINTS_PER_WEIGHT, Knob.DUPLICATE_SERVERS),
      "Apache Dubbo 3.3.5 ConsistentHashLoadBalance: md5 ring, hash.nodes (pointsPerWeight, default 160) points per invoker, key = argument string") {
    @Override
    PlacementFactory factory(Options options) {
      return DubboRing.factory(options.pointsPerWeight);
    }
  },
  /** pymemcache 3.5.2 RendezvousHash as HashClient uses it (murmur3 over code points, optional seed). */
  PYMEMCACHE("pymemcache", true, false, true, EnumSet.of(Knob.SEED),
      "pymemcache 3.5.2 HashClient rendezvous hashing: murmur3 over code points, optional seed") {
    @Override
    PlacementFactory factory(Options options) {
      long seed = Checks.unsignedSeed32("pymemcache", options.seed);
      return PlacementFactory.checked(RendezvousPlacement::checkNames,
          servers -> RendezvousPlacement.build(servers, seed));
    }
  };

  private final String cliName;
  private final boolean weighted;
  private final boolean arbitraryRemoval;
  private final boolean compatibility;
  private final Set<Knob> knobs;
  private final String description;

  Algorithm(String cliName, boolean weighted, boolean arbitraryRemoval, boolean compatibility, Set<Knob> knobs,
      String description) {
    this.description = description;
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

  /** One line saying what this algorithm is or which program it matches. */
  public String description() {
    return description;
  }

  /**
   * The names of the builder options this algorithm accepts ({@code totalDots}, {@code seed},
   * {@code allowDuplicateServers}), for listings such as {@code continuum algorithms}.
   */
  public Set<String> options() {
    Set<String> out = new java.util.LinkedHashSet<>();
    for (Knob k : knobs) {
      out.add(k.label);
    }
    return java.util.Collections.unmodifiableSet(out);
  }

  /** True when a server's capacity changes its share of keys. */
  public boolean supportsWeights() {
    return weighted;
  }

  /** True when any server, not only the last added, can be removed with minimal disruption. */
  public boolean supportsArbitraryRemoval() {
    return arbitraryRemoval;
  }

  /** True when this reproduces another program's placement exactly. */
  public boolean isCompatibilityDialect() {
    return compatibility;
  }

  /**
   * True when the placement depends on the order of past changes, not only on the current server
   * list: {@link #JUMP} (a removed server's slot is taken by the last one) and {@link #MEMENTO}
   * (it remembers removed slots). To predict such a placement after a change, apply the change to the
   * continuum that holds the current state; a fresh continuum built from the final list is a
   * different placement.
   */
  public boolean dependsOnHistory() {
    return this == JUMP || this == MEMENTO;
  }

  /**
   * True when raising one server's capacity moves keys only onto that server, and lowering it only
   * away from it: {@link #RING} and {@link #BOUNDED_LOAD} (a server's points for capacity c are the
   * first of its points for c + 1), {@link #MULTI_PROBE} (the same points, probed) and
   * {@link #RENDEZVOUS} (only that server's scores grow). A newcomer can then be brought in slowly:
   * added with capacity 0, which takes no keys, and raised step by step with
   * {@link Continuum#updateServer}, each step moving only the keys it takes on. Elsewhere a capacity
   * change reshuffles other servers' keys too (python-continuum, maglev, the weighted ketama dialects),
   * or capacities are ignored.
   *
   * @return whether this algorithm supports slow start
   */
  public boolean supportsSlowStart() {
    return this == RING || this == BOUNDED_LOAD || this == MULTI_PROBE || this == RENDEZVOUS;
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

  /**
   * The Debian build of libmemcached 1.1.4 aborts above 100 servers in every consistent mode
   * (assertion {@code memcached_server_count * 100 <= MEMCACHED_CONTINUUM_SIZE}), so a larger list has
   * no peer placement to match: the dialects reject it rather than invent one.
   */
  static final int LIBMEMCACHED_MAX_SERVERS = 100;

  private static Dialect libmemcached(String label, NodeName names, Points points, KeyHash keyHash) {
    return new Dialect(label, names, points, Ties.FIRST_LISTED, keyHash, ZeroWeight.AS_ONE, true,
        LIBMEMCACHED_MAX_SERVERS, "libmemcached 1.1.4 as built by Debian aborts above 100 servers");
  }

  private static Dialect twemproxy(String label, KeyHash keyHash) {
    return new Dialect(label, NodeName.TWEMPROXY, Points.WEIGHTED_MD5_WORDS, Ties.SHORTEST_NAME, keyHash,
        ZeroWeight.REJECTED, true, 0, null);
  }

  private static Dialect spymemcached(String label, NodeName names, Points points) {
    return new Dialect(label, names, points, Ties.LAST_LISTED, KeyHash.MD5, ZeroWeight.AS_IS, false, 0, null);
  }

  abstract PlacementFactory factory(Options options);

  @Override
  public String toString() {
    return cliName.toLowerCase(Locale.ROOT);
  }
}
