package dev.continuum;

import static dev.continuum.Algorithm.Capability.ARBITRARY_REMOVAL;
import static dev.continuum.Algorithm.Capability.BOUNDED_LOADS;
import static dev.continuum.Algorithm.Capability.COMPATIBILITY_DIALECT;
import static dev.continuum.Algorithm.Capability.HISTORY_DEPENDENT;
import static dev.continuum.Algorithm.Capability.PREHASHED_KEYS;
import static dev.continuum.Algorithm.Capability.SLOW_START;
import static dev.continuum.Algorithm.Capability.WEIGHTS;

import dev.continuum.Options.Knob;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Every placement algorithm and compatibility dialect continuum offers, by the name used on the
 * command line.
 *
 * <p>Compatibility dialects reproduce another program's placement exactly; each constant names the
 * exact version of the program it matches, and docs/compatibility.md gives the rules and how they were
 * verified. The others are continuum's own general-purpose algorithms, written from their papers: their
 * placement is continuum's own (pinned by checksums, see {@link #placementVersion()}), matching no other
 * program's except where a constant says so ({@link #JUMPBACK}).
 *
 * <p>Immutable and thread-safe, as every enum.
 *
 * <p>Each constant declares, in one place, everything about its algorithm: its command-line name,
 * its {@linkplain #placementVersion() placement version}, the factory of its placement class, its
 * {@linkplain #capabilities() capabilities}, the builder options it accepts and a one-line
 * description. Adding an algorithm is one constant and one placement class.
 */
public enum Algorithm {
  /**
   * python-continuum 0.1.1, bit for bit, quirks included: md5 ring of {@code totalDots} entries,
   * remainder entries at positions 0..m-1, strict "first entry above" lookup. The default.
   */
  PYTHON_CONTINUUM("python-continuum", 1, PythonContinuumRing::factory,
      EnumSet.of(WEIGHTS, COMPATIBILITY_DIALECT), EnumSet.of(Knob.TOTAL_DOTS),
      "python-continuum 0.1.1 bit for bit: md5 ring of totalDots entries, remainder entries at positions 0..m-1, strict lookup"),
  /**
   * continuum's general ring: {@code pointsPerWeight} points (default 160) per unit of capacity,
   * xxHash64 with the seed, ties decided by server identity. Any server can be removed, moving only its
   * keys. See {@code ConsistentRing}.
   */
  RING("ring", 1, ConsistentRing::factory,
      EnumSet.of(WEIGHTS, ARBITRARY_REMOVAL, SLOW_START, PREHASHED_KEYS), EnumSet.of(Knob.POINTS_PER_WEIGHT, Knob.SEED),
      "consistent-hashing ring (Karger et al. 1997): pointsPerWeight xxHash64 points per unit of capacity"),
  /**
   * Jump consistent hash (Lamping and Veach 2014): no memory, unweighted (capacity must be 1). Removing
   * a server other than the last moves the last server into its slot, so that server's keys move too.
   * The bucket function is the paper's (the same as Guava's {@code Hashing.consistentHash} for the same
   * 64-bit input); keys are hashed with xxHash64 and the seed first. See {@code Jump}.
   */
  JUMP("jump", 1, Jump::factory,
      EnumSet.of(HISTORY_DEPENDENT, PREHASHED_KEYS), EnumSet.of(Knob.SEED),
      "jump consistent hash (Lamping and Veach 2014): no memory, unweighted, removal of the last server only is minimal"),
  /**
   * JumpBackHash (Ertl 2024): the same bucket as hash4j 0.31.0's
   * {@code ConsistentHashing.jumpBackHashSplitMix64()} for the same 64-bit hash, with integer
   * arithmetic only and an expected constant cost. No memory, unweighted (capacity must be 1);
   * removing a server other than the last moves the last server into its slot, as {@link #JUMP}.
   * Placement version 2: keys hashed with {@link KeyHashFunction#RAPIDHASH_WIDE} by default, so that
   * an ASCII key goes where hash4j's {@code jumpBackHashSplitMix64()} over
   * {@code rapidhashV3().hashCharsToLong(key)} puts it (version 1 hashed keys with xxHash64). See
   * {@code JumpBack}.
   */
  JUMPBACK("jumpback", 2, JumpBack::factory,
      EnumSet.of(HISTORY_DEPENDENT, PREHASHED_KEYS), EnumSet.of(Knob.SEED),
      "JumpBackHash (Ertl 2024): hash4j's jumpBackHashSplitMix64 bucket exactly, unweighted, removal of the last server only is minimal"),
  /**
   * Weighted rendezvous (highest random weight) hashing, logarithmic method: score {@code -w / ln(u)}.
   * O(N) per lookup; any server can be removed, moving only its keys. See {@code Rendezvous}.
   */
  RENDEZVOUS("rendezvous", 1, Rendezvous::factory,
      EnumSet.of(WEIGHTS, ARBITRARY_REMOVAL, SLOW_START, PREHASHED_KEYS), EnumSet.of(Knob.SEED),
      "weighted rendezvous (highest random weight) hashing: exact shares, O(n) per lookup"),
  /**
   * Maglev hashing (Eisenbud et al. 2016): a lookup table of prime size {@code tableSize} (default
   * 65537), weights as proportional turns; near-minimal (not minimal) disruption. See {@code Maglev}.
   */
  MAGLEV("maglev", 1, Maglev::factory,
      EnumSet.of(WEIGHTS, PREHASHED_KEYS), EnumSet.of(Knob.TABLE_SIZE, Knob.SEED),
      "Maglev lookup table (Eisenbud et al. 2016): one table read per key, near-minimal disruption"),
  /**
   * Multi-probe consistent hashing (Appleton and O'Reilly 2015): {@code probes} hashes per key
   * (default 21), one ring point per unit of capacity. See {@code MultiProbe}.
   */
  MULTI_PROBE("multi-probe", 1, MultiProbe::factory,
      EnumSet.of(WEIGHTS, ARBITRARY_REMOVAL, SLOW_START, PREHASHED_KEYS), EnumSet.of(Knob.PROBES, Knob.SEED),
      "multi-probe consistent hashing (Appleton and O'Reilly 2015): few points, several probes per key"),
  /**
   * Consistent hashing with bounded loads (Mirrokni, Thorup and Zadimoghaddam 2016) over the
   * {@link #RING}: {@link Continuum#boundedLoads()} acquires and releases load per request so that no
   * server exceeds {@code ceil(loadFactor * average load)} (default 1.25). {@code resolve}, which
   * carries no load, is the plain ring placement (the server a key goes to when no server is full).
   */
  BOUNDED_LOAD("bounded-load", 1, ConsistentRing::factory,
      EnumSet.of(WEIGHTS, ARBITRARY_REMOVAL, BOUNDED_LOADS, SLOW_START, PREHASHED_KEYS),
      EnumSet.of(Knob.POINTS_PER_WEIGHT, Knob.LOAD_FACTOR, Knob.SEED),
      "consistent hashing with bounded loads (Mirrokni et al. 2018) over the ring"),
  /**
   * MementoHash (Coluzzi et al. 2023) over JumpBackHash: {@link #JUMPBACK} plus a memory of removed
   * buckets; any server can be removed moving only its keys, and re-adding restores. With nothing
   * removed it places exactly as {@link #JUMPBACK}. Unweighted. Placement version 3: keys hashed with
   * {@link KeyHashFunction#RAPIDHASH_WIDE} by default; version 2 hashed them with xxHash64, version 1
   * was built over jump hash. See {@code Memento}.
   */
  MEMENTO("memento", 3, Memento::factory,
      EnumSet.of(ARBITRARY_REMOVAL, HISTORY_DEPENDENT, PREHASHED_KEYS), EnumSet.of(Knob.SEED),
      "MementoHash (Coluzzi et al. 2023) over JumpBackHash: a memory of removed servers, any server removable"),
  /** libmemcached 1.1.4 with MEMCACHED_BEHAVIOR_KETAMA_WEIGHTED: the libketama-compatible md5 ring (also php-memcached's and pylibmc's). */
  LIBMEMCACHED_KETAMA_WEIGHTED("libmemcached-ketama-weighted", 1, KetamaRing.Dialect.LIBMEMCACHED_KETAMA_WEIGHTED::factory,
      EnumSet.of(WEIGHTS, COMPATIBILITY_DIALECT), EnumSet.of(Knob.DUPLICATE_SERVERS),
      "libmemcached 1.1.4 KETAMA_WEIGHTED (libketama, php-memcached, pylibmc): md5 keys, weighted 160-point md5 ring"),
  /** libmemcached 1.1.4 with MEMCACHED_BEHAVIOR_KETAMA set before the servers are added: one-at-a-time key hash, 100 points per server; a server of weight > 1 switches to the weighted md5 ring. */
  LIBMEMCACHED_KETAMA("libmemcached-ketama", 1, KetamaRing.Dialect.LIBMEMCACHED_KETAMA::factory,
      EnumSet.of(WEIGHTS, COMPATIBILITY_DIALECT), EnumSet.of(Knob.DUPLICATE_SERVERS),
      "libmemcached 1.1.4 KETAMA set before adding servers: one-at-a-time keys, 100 points; a weight > 1 switches to the weighted md5 ring"),
  /** libmemcached 1.1.4 with MEMCACHED_BEHAVIOR_KETAMA set after the servers were added: always unweighted. */
  LIBMEMCACHED_KETAMA_UNWEIGHTED("libmemcached-ketama-unweighted", 1, KetamaRing.Dialect.LIBMEMCACHED_KETAMA_UNWEIGHTED::factory,
      EnumSet.of(COMPATIBILITY_DIALECT), EnumSet.of(Knob.DUPLICATE_SERVERS),
      "libmemcached 1.1.4 KETAMA set after adding servers: one-at-a-time keys, 100 points, weights ignored"),
  /**
   * libmemcached 1.1.4 with KETAMA and HASH=MD5: 100 points per server, one md5 word each. A weight
   * above 1 switches to the weighted md5 ring, as for {@link #LIBMEMCACHED_KETAMA} (from the source;
   * the vectors cover the switch only for that mode).
   */
  LIBMEMCACHED_KETAMA_MD5("libmemcached-ketama-md5", 1, KetamaRing.Dialect.LIBMEMCACHED_KETAMA_MD5::factory,
      EnumSet.of(WEIGHTS, COMPATIBILITY_DIALECT), EnumSet.of(Knob.DUPLICATE_SERVERS),
      "libmemcached 1.1.4 KETAMA with HASH=MD5: md5 keys, 100 points of md5 word 0"),
  /**
   * libmemcached 1.1.4 with DISTRIBUTION=CONSISTENT_KETAMA_SPY (default one-at-a-time hash): ring names
   * {@code /host:port}, 100 points; a weight above 1 switches to the weighted md5 ring (from the source).
   * Not compatible with spymemcached itself.
   */
  LIBMEMCACHED_SPY("libmemcached-spy", 1, KetamaRing.Dialect.LIBMEMCACHED_SPY::factory,
      EnumSet.of(WEIGHTS, COMPATIBILITY_DIALECT), EnumSet.of(Knob.DUPLICATE_SERVERS),
      "libmemcached 1.1.4 CONSISTENT_KETAMA_SPY: \"/host:port\" names, one-at-a-time keys, 100 points"),
  /** libmemcached 1.1.4 with CONSISTENT_KETAMA_SPY and HASH=MD5. */
  LIBMEMCACHED_SPY_MD5("libmemcached-spy-md5", 1, KetamaRing.Dialect.LIBMEMCACHED_SPY_MD5::factory,
      EnumSet.of(WEIGHTS, COMPATIBILITY_DIALECT), EnumSet.of(Knob.DUPLICATE_SERVERS),
      "libmemcached 1.1.4 CONSISTENT_KETAMA_SPY with HASH=MD5: \"/host:port\" names, md5 keys, 100 points"),
  /** libmemcached 1.1.4 with KETAMA_WEIGHTED then CONSISTENT_KETAMA_SPY. */
  LIBMEMCACHED_SPY_WEIGHTED("libmemcached-spy-weighted", 1, KetamaRing.Dialect.LIBMEMCACHED_SPY_WEIGHTED::factory,
      EnumSet.of(WEIGHTS, COMPATIBILITY_DIALECT), EnumSet.of(Knob.DUPLICATE_SERVERS),
      "libmemcached 1.1.4 KETAMA_WEIGHTED then CONSISTENT_KETAMA_SPY: \"/host:port\" names, weighted md5 ring"),
  /** twemproxy (nutcracker 0.5.0) distribution ketama with its default key hash fnv1a_64 (as it really computes it). */
  TWEMPROXY("twemproxy", 1, KetamaRing.Dialect.TWEMPROXY::factory,
      EnumSet.of(WEIGHTS, COMPATIBILITY_DIALECT), EnumSet.noneOf(Knob.class),
      "twemproxy 0.5.0 ketama with its default hash (a truncated 32-bit \"fnv1a_64\"), server names honoured"),
  /** twemproxy (nutcracker 0.5.0) distribution ketama with hash md5. */
  TWEMPROXY_MD5("twemproxy-md5", 1, KetamaRing.Dialect.TWEMPROXY_MD5::factory,
      EnumSet.of(WEIGHTS, COMPATIBILITY_DIALECT), EnumSet.noneOf(Knob.class),
      "twemproxy 0.5.0 ketama with hash: md5, server names honoured"),
  /** spymemcached 2.12.3 KetamaNodeLocator, KETAMA_HASH, default SPYMEMCACHED node-key format, unweighted. */
  SPYMEMCACHED("spymemcached", 1, KetamaRing.Dialect.SPYMEMCACHED::factory,
      EnumSet.of(COMPATIBILITY_DIALECT), EnumSet.of(Knob.DUPLICATE_SERVERS),
      "spymemcached 2.12.3 KetamaNodeLocator, default node keys (ip:port, host/ip:port), 160 points, unweighted"),
  /** spymemcached 2.12.3 KetamaNodeLocator, KETAMA_HASH, SPYMEMCACHED node-key format, weighted. */
  SPYMEMCACHED_WEIGHTED("spymemcached-weighted", 1, KetamaRing.Dialect.SPYMEMCACHED_WEIGHTED::factory,
      EnumSet.of(WEIGHTS, COMPATIBILITY_DIALECT), EnumSet.of(Knob.DUPLICATE_SERVERS),
      "spymemcached 2.12.3 KetamaNodeLocator, default node keys, weighted"),
  /** spymemcached 2.12.3 KetamaNodeLocator, KETAMA_HASH, LIBMEMCACHED node-key format, unweighted. */
  SPYMEMCACHED_LIBMEMCACHED("spymemcached-libmemcached", 1, KetamaRing.Dialect.SPYMEMCACHED_LIBMEMCACHED::factory,
      EnumSet.of(COMPATIBILITY_DIALECT), EnumSet.of(Knob.DUPLICATE_SERVERS),
      "spymemcached 2.12.3 KetamaNodeLocator, LIBMEMCACHED node keys, 160 points, unweighted"),
  /** spymemcached 2.12.3 KetamaNodeLocator, KETAMA_HASH, LIBMEMCACHED node-key format, weighted. */
  SPYMEMCACHED_LIBMEMCACHED_WEIGHTED("spymemcached-libmemcached-weighted", 1, KetamaRing.Dialect.SPYMEMCACHED_LIBMEMCACHED_WEIGHTED::factory,
      EnumSet.of(WEIGHTS, COMPATIBILITY_DIALECT), EnumSet.of(Knob.DUPLICATE_SERVERS),
      "spymemcached 2.12.3 KetamaNodeLocator, LIBMEMCACHED node keys, weighted"),
  /**
   * Jedis 3.10.0 {@code ShardedJedis} ({@code Sharded} with its default MURMUR hash, a 64-bit
   * MurmurHash64A): {@code 160 * weight} points per shard named {@code "SHARD-<i>-NODE-<n>"} by list
   * position, or {@code "<name>*<n>"} for a shard with a {@linkplain Server#name() name}; the later
   * shard keeps a shared point. {@code JedisSharding} (Jedis 4.0 to 6.2, the last with sharding) places
   * exactly as this with unnamed shards of weight 1. See {@code JedisRing}.
   */
  JEDIS("jedis", 1, JedisRing::factory,
      EnumSet.of(WEIGHTS, COMPATIBILITY_DIALECT, SLOW_START), EnumSet.of(Knob.DUPLICATE_SERVERS),
      "Jedis 3.10.0 ShardedJedis and JedisSharding 4.0-6.2: MurmurHash64A ring, 160 points per weight, SHARD-i-NODE-n or name*n"),
  /**
   * xmemcached 2.4.8 {@code KetamaMemcachedSessionLocator}, default mode: md5 ring of
   * {@code 160 * weight} points named after the connected address ({@code "host/ip:port"}, the IP
   * literal standing for the host name when the IP has no PTR record). Not the same as
   * {@link #SPYMEMCACHED}. See {@code XmemcachedRing}.
   */
  XMEMCACHED("xmemcached", 1, XmemcachedRing::factory,
      EnumSet.of(WEIGHTS, COMPATIBILITY_DIALECT, SLOW_START), EnumSet.of(Knob.DUPLICATE_SERVERS),
      "xmemcached 2.4.8 KetamaMemcachedSessionLocator: md5 ring, 160 points per weight, \"host/ip:port\" names"),
  /** xmemcached 2.4.8 {@code KetamaMemcachedSessionLocator(true)}, cwNginxUpstreamConsistent: names {@code "ip"} or {@code "ip:port"}. */
  XMEMCACHED_NGINX("xmemcached-nginx", 1, XmemcachedRing::nginxFactory,
      EnumSet.of(WEIGHTS, COMPATIBILITY_DIALECT, SLOW_START), EnumSet.of(Knob.DUPLICATE_SERVERS),
      "xmemcached 2.4.8 KetamaMemcachedSessionLocator cwNginxUpstreamConsistent: md5 ring, names ip[:port] (port left out when 11211)"),
  /**
   * Apache Dubbo 3.3.5 {@code ConsistentHashLoadBalance}: md5 ring of {@code hash.nodes} (the
   * {@code pointsPerWeight} option, default 160) points per invoker from {@code "host:port" + i}; the
   * key is the invocation's argument string. Weights are ignored. See {@code DubboRing}.
   */
  DUBBO("dubbo", 1, DubboRing::factory,
      EnumSet.of(COMPATIBILITY_DIALECT), EnumSet.of(Knob.POINTS_PER_WEIGHT, Knob.DUPLICATE_SERVERS),
      "Apache Dubbo 3.3.5 ConsistentHashLoadBalance: md5 ring, hash.nodes (pointsPerWeight, default 160) points per invoker, key = argument string"),
  /**
   * pymemcache 3.5.2 RendezvousHash as HashClient uses it (murmur3 over code points, optional seed).
   * Unweighted, as pymemcache is: capacities are accepted and ignored.
   */
  PYMEMCACHE("pymemcache", 1, PymemcacheRendezvous::factory,
      EnumSet.of(COMPATIBILITY_DIALECT), EnumSet.of(Knob.SEED),
      "pymemcache 3.5.2 HashClient rendezvous hashing: murmur3 over code points, optional seed"),
  /**
   * nginx 1.22 {@code upstream { hash $key consistent; }}: CRC-32 key positions, {@code weight * 160}
   * CRC-32 points per server line named by its address as written (a server's name, else host:port),
   * first point at or above, the earlier server line winning equal points. See {@code NginxRing}.
   */
  NGINX_HASH_CONSISTENT("nginx-hash-consistent", 1, NginxRing::factory,
      EnumSet.of(WEIGHTS, ARBITRARY_REMOVAL, COMPATIBILITY_DIALECT, SLOW_START), EnumSet.noneOf(Knob.class),
      "nginx 1.22 upstream hash $key consistent: CRC-32 keys, weight x 160 CRC-32 points per server line, named as written"),
  /**
   * HAProxy 2.6 {@code hash-type consistent sdbm}; with {@code avalanche(true)} it is
   * {@code hash-type consistent sdbm avalanche}, which is also what a bare {@code hash-type consistent}
   * means. A tree of {@code weight * 16} nodes per server placed by the server's id, the closer of the
   * two neighbouring nodes winning. See {@code HaproxyTree}.
   */
  HAPROXY_SDBM("haproxy-sdbm", 1, HaproxyTree::sdbm,
      EnumSet.of(WEIGHTS, COMPATIBILITY_DIALECT, SLOW_START), EnumSet.of(Knob.AVALANCHE),
      "HAProxy 2.6 hash-type consistent sdbm [avalanche] (a bare hash-type consistent is sdbm avalanche): weight x 16 nodes by server id"),
  /** HAProxy 2.6 {@code hash-type consistent djb2 [avalanche]}; see {@link #HAPROXY_SDBM}. */
  HAPROXY_DJB2("haproxy-djb2", 1, HaproxyTree::djb2,
      EnumSet.of(WEIGHTS, COMPATIBILITY_DIALECT, SLOW_START), EnumSet.of(Knob.AVALANCHE),
      "HAProxy 2.6 hash-type consistent djb2 [avalanche]: weight x 16 nodes by server id"),
  /** HAProxy 2.6 {@code hash-type consistent wt6 [avalanche]}; see {@link #HAPROXY_SDBM}. */
  HAPROXY_WT6("haproxy-wt6", 1, HaproxyTree::wt6,
      EnumSet.of(WEIGHTS, COMPATIBILITY_DIALECT, SLOW_START), EnumSet.of(Knob.AVALANCHE),
      "HAProxy 2.6 hash-type consistent wt6 [avalanche]: weight x 16 nodes by server id"),
  /** HAProxy 2.6 {@code hash-type consistent crc32 [avalanche]}; see {@link #HAPROXY_SDBM}. */
  HAPROXY_CRC32("haproxy-crc32", 1, HaproxyTree::crc32,
      EnumSet.of(WEIGHTS, COMPATIBILITY_DIALECT, SLOW_START), EnumSet.of(Knob.AVALANCHE),
      "HAProxy 2.6 hash-type consistent crc32 [avalanche]: weight x 16 nodes by server id");

  /**
   * What an algorithm can do, as {@link #capabilities()} reports it. Declared once per algorithm, on
   * its constant; the boolean methods ({@link #supportsWeights()} ...) read this set.
   */
  public enum Capability {
    /** A server's capacity changes its share of keys. */
    WEIGHTS,
    /** Any server, not only the last added, can be removed with minimal disruption. */
    ARBITRARY_REMOVAL,
    /** The placement reproduces another program's exactly (see {@link #isCompatibilityDialect()}). */
    COMPATIBILITY_DIALECT,
    /** The placement depends on the order of past changes (see {@link #dependsOnHistory()}). */
    HISTORY_DEPENDENT,
    /** The builder accepts a seed ({@code Continuum.Builder.seed}) that changes the whole placement. */
    SEEDABLE,
    /** {@link Continuum#boundedLoads()} is available: per-request load accounting. */
    BOUNDED_LOADS,
    /**
     * Raising one server's capacity moves keys only onto it, lowering it only away from it, so a
     * newcomer can be ramped up from capacity 0 (see {@link #supportsSlowStart()}).
     */
    SLOW_START,
    /**
     * Keys are placed by a 64-bit key hash, so {@link Continuum#resolve(long)} and
     * {@link Continuum#resolve(long, int)} accept a hash the caller computed: continuum's own
     * algorithms. The compatibility dialects place by their peer's own key hash and reject it.
     */
    PREHASHED_KEYS
  }

  private final String cliName;
  private final int placementVersion;
  private final PlacementFactory.FromOptions factory;
  private final Set<Capability> capabilities;
  private final Set<Knob> knobs;
  private final String description;

  /**
   * @param placementVersion see {@link #placementVersion()}: 1 for a new algorithm
   * @param factory the static {@code factory(Options)} of the algorithm's placement class
   * @param capabilities what it can do ({@link Capability#SEEDABLE} follows from {@code knobs})
   * @param knobs the builder options it accepts ({@code keyHash} follows from
   *     {@link Capability#PREHASHED_KEYS})
   */
  Algorithm(String cliName, int placementVersion, PlacementFactory.FromOptions factory,
      EnumSet<Capability> capabilities, EnumSet<Knob> knobs, String description) {
    this.cliName = cliName;
    this.placementVersion = placementVersion;
    this.factory = factory;
    EnumSet<Capability> all = EnumSet.copyOf(capabilities);
    if (knobs.contains(Knob.SEED)) {
      all.add(Capability.SEEDABLE);
    }
    EnumSet<Knob> accepted = EnumSet.copyOf(knobs);
    if (capabilities.contains(Capability.PREHASHED_KEYS)) {
      accepted.add(Knob.KEY_HASH); // continuum's own algorithms hash keys with the selectable KeyHash64
    }
    this.capabilities = Collections.unmodifiableSet(all);
    this.knobs = Collections.unmodifiableSet(accepted);
    this.description = description;
  }

  /** True when the builder option {@code knob} applies to this algorithm. */
  boolean accepts(Knob knob) {
    return knobs.contains(knob);
  }

  /** The placement factory of this algorithm with {@code options}: the one place algorithms are built. */
  PlacementFactory factory(Options options) {
    if (options.keyHash == null && accepts(Knob.KEY_HASH)) {
      Options o = options.copy();
      o.keyHash = keyHashOf(this);
      return factory.factory(o);
    }
    return factory.factory(options);
  }

  /**
   * The 64-bit key hash this algorithm places String and byte keys by unless
   * {@link Continuum.Builder#keyHash} chooses another: {@link KeyHashFunction#RAPIDHASH_WIDE} for
   * {@link #JUMPBACK} and {@link #MEMENTO} (for an ASCII key, hash4j's
   * {@code rapidhashV3().hashCharsToLong(key)}: the fastest String key hash measured here, and the one
   * that puts an ASCII key where hash4j's {@code jumpBackHashSplitMix64()} over that hash puts it),
   * {@link KeyHashFunction#XXHASH64} for the other algorithms of continuum's own, whose placements
   * predate the choice; empty for a compatibility dialect, which hashes keys as its peer does.
   *
   * @return the default key hash, or empty for a dialect
   */
  public Optional<KeyHashFunction> defaultKeyHash() {
    return accepts(Knob.KEY_HASH) ? Optional.of(keyHashOf(this)) : Optional.empty();
  }

  private static KeyHashFunction keyHashOf(Algorithm a) {
    return a == JUMPBACK || a == MEMENTO ? KeyHashFunction.RAPIDHASH_WIDE : KeyHashFunction.XXHASH64;
  }

  /**
   * The name used on the command line, e.g. {@code python-continuum}.
   *
   * @return the command-line name, lower case with dashes
   */
  public String cliName() {
    return cliName;
  }

  /**
   * One line saying what this algorithm is or which program it matches.
   *
   * @return the description, for listings such as {@code continuum algorithms}
   */
  public String description() {
    return description;
  }

  /**
   * The version of this algorithm's output. It starts at 1 and is bumped by every release that
   * deliberately changes which server some input (servers, options, key) is placed on, and by nothing
   * else: refactoring, speed-ups and new options whose default keeps the output leave it alone. Two
   * continuums with the same algorithm, placement version, options and server list place every key
   * alike, so a fingerprint of a placement (a cache key, a saved plan) should include it. Each bump is
   * listed in {@code CHANGELOG.md}.
   *
   * @return the placement version, at least 1
   */
  public int placementVersion() {
    return placementVersion;
  }

  /**
   * Everything this algorithm can do.
   *
   * @return an unmodifiable set of this algorithm's capabilities
   */
  public Set<Capability> capabilities() {
    return capabilities;
  }

  /**
   * True when this algorithm has {@code capability}.
   *
   * @param capability the capability asked about
   * @return whether {@link #capabilities()} contains it
   * @throws NullPointerException if {@code capability} is null
   */
  public boolean has(Capability capability) {
    return capabilities.contains(Objects.requireNonNull(capability, "capability"));
  }

  /**
   * The names of the builder options this algorithm accepts ({@code totalDots}, {@code seed},
   * {@code allowDuplicateServers}), for listings such as {@code continuum algorithms}.
   *
   * @return an unmodifiable set of option names, in declaration order
   */
  public Set<String> options() {
    Set<String> out = new LinkedHashSet<>();
    for (Knob k : knobs) {
      out.add(k.label);
    }
    return Collections.unmodifiableSet(out);
  }

  /**
   * The capacity this algorithm gives a server whose capacity is {@code capacity}: the share of keys a
   * server is meant to take is its effective capacity over the sum of all servers'. 1 when the
   * algorithm ignores capacities ({@link #supportsWeights()} is false); 1 for capacity 0 in the
   * libmemcached dialects, since libmemcached stores weight 0 as 1; otherwise {@code capacity}.
   *
   * @param capacity a server's capacity, 0 or more
   * @return the capacity the placement reads, 0 or more
   * @throws IllegalArgumentException if {@code capacity} is negative
   */
  public int effectiveCapacity(int capacity) {
    Checks.capacity(capacity);
    return supportsWeights() ? factory(Options.defaults()).effectiveCapacity(capacity) : 1;
  }

  /**
   * True when a server's capacity changes its share of keys: {@link Capability#WEIGHTS}.
   *
   * @return whether this algorithm is weighted
   */
  public boolean supportsWeights() {
    return has(Capability.WEIGHTS);
  }

  /**
   * True when any server, not only the last added, can be removed with minimal disruption:
   * {@link Capability#ARBITRARY_REMOVAL}.
   *
   * @return whether any server can be removed moving only its keys
   */
  public boolean supportsArbitraryRemoval() {
    return has(Capability.ARBITRARY_REMOVAL);
  }

  /**
   * True when this reproduces another program's placement exactly:
   * {@link Capability#COMPATIBILITY_DIALECT}.
   *
   * @return whether this is a compatibility dialect
   */
  public boolean isCompatibilityDialect() {
    return has(Capability.COMPATIBILITY_DIALECT);
  }

  /**
   * True when the placement depends on the order of past changes, not only on the current server
   * list ({@link Capability#HISTORY_DEPENDENT}): {@link #JUMP} and {@link #JUMPBACK} (a removed
   * server's slot is taken by the last one) and {@link #MEMENTO} (it remembers removed slots). To
   * predict such a placement after a change, apply the change to the continuum that holds the current
   * state; a fresh continuum built from the final list is a different placement.
   *
   * @return whether the placement depends on the history of changes
   */
  public boolean dependsOnHistory() {
    return has(Capability.HISTORY_DEPENDENT);
  }

  /**
   * True when raising one server's capacity moves keys only onto that server, and lowering it only
   * away from it ({@link Capability#SLOW_START}): {@link #RING} and {@link #BOUNDED_LOAD} (a server's
   * points for capacity c are the first of its points for c + 1), {@link #MULTI_PROBE} (the same points, probed) and
   * {@link #RENDEZVOUS} (only that server's scores grow), and {@link #JEDIS}, {@link #XMEMCACHED} and
   * {@link #XMEMCACHED_NGINX} (160 points per unit of weight, numbered from 0: a higher weight only adds
   * points; xmemcached's ramp starts at 1). A newcomer can then be brought in slowly:
   * added with capacity 0, which takes no keys, and raised step by step with
   * {@link Continuum#updateServer}, each step moving only the keys it takes on. Elsewhere a capacity
   * change reshuffles other servers' keys too (python-continuum, maglev, the weighted ketama dialects),
   * or capacities are ignored.
   *
   * @return whether this algorithm supports slow start
   */
  public boolean supportsSlowStart() {
    return has(Capability.SLOW_START);
  }

  /**
   * The command-line names of the algorithms with {@code capability}, comma-separated, for messages.
   *
   * @param capability the capability
   * @return for example {@code "ring, jump, jumpback"}
   */
  static String withCapability(Capability capability) {
    StringBuilder out = new StringBuilder();
    for (Algorithm a : values()) {
      if (a.has(capability)) {
        out.append(out.length() == 0 ? "" : ", ").append(a.cliName);
      }
    }
    return out.toString();
  }

  /**
   * The algorithm with this command-line name (case-insensitive; the enum constant's name is accepted
   * too).
   *
   * @param name a command-line name such as {@code ring}, or a constant name such as {@code RING}
   * @return the algorithm
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
   * The command-line name.
   *
   * @return {@link #cliName()}
   */
  @Override
  public String toString() {
    return cliName;
  }
}
