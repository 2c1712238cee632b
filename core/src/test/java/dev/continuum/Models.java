package dev.continuum;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brute-force models of every placement, written from the papers and docs/compatibility.md,
 * independently of the code under test: a ring is every point in a list, sorted with a comparator that
 * states the tie rule and searched linearly; rendezvous is a max over scores; maglev's table is filled
 * by the paper's plain loop; jump is the paper's loop; memento follows its paper with a hash map for
 * the replacement set. They are slow and obviously right, and share nothing with {@code core}'s
 * placements but the hash layer: xxHash64 and its avalanche (checked against published values in
 * {@link XxHash64Test}). MD5 is the JDK's; murmur3, one-at-a-time and twemproxy's fnv are written
 * here again.
 *
 * <p><b>Adding an algorithm:</b> add one entry to {@link #TABLE} (its model, and the limits its
 * build enforces in {@link Model#rejects}); {@link ModelBasedTest} then checks it, and fails for any
 * {@link Algorithm} without an entry.
 */
final class Models {
  private Models() {}

  /** The knobs of one configured continuum, as the model needs them. */
  record Config(long seed, int totalDots, int pointsPerWeight, int probes, int tableSize, boolean avalanche) {
    /** Without HAProxy's avalanche modifier. */
    Config(long seed, int totalDots, int pointsPerWeight, int probes, int tableSize) {
      this(seed, totalDots, pointsPerWeight, probes, tableSize, false);
    }

    /** The builder of a continuum configured like this (only the knobs the algorithm takes). */
    Continuum.Builder builder(Algorithm a) {
      Continuum.Builder b = Continuum.builder(a);
      if (a.accepts(Options.Knob.SEED)) {
        b.seed(a == Algorithm.PYMEMCACHE ? seed & 0xFFFFFFFFL : seed);
      }
      if (a.accepts(Options.Knob.TOTAL_DOTS)) {
        b.totalDots(totalDots);
      }
      if (a.accepts(Options.Knob.POINTS_PER_WEIGHT)) {
        b.pointsPerWeight(a == Algorithm.DUBBO ? dubboHashNodes() : pointsPerWeight);
      }
      if (a.accepts(Options.Knob.PROBES)) {
        b.probes(probes);
      }
      if (a.accepts(Options.Knob.TABLE_SIZE)) {
        b.tableSize(tableSize);
      }
      if (a.accepts(Options.Knob.AVALANCHE)) {
        b.avalanche(avalanche);
      }
      return b;
    }

    /** Dubbo's hash.nodes: at least 4 (fewer gives Dubbo an empty ring, which the dialect refuses). */
    int dubboHashNodes() {
      return Math.max(4, pointsPerWeight);
    }

    static Config defaults() {
      return new Config(0, 1000, 160, 21, 65537, false);
    }
  }

  /**
   * A placement model fed every server list the continuum generates, in order (history-dependent
   * algorithms keep state between lists).
   */
  interface Model {
    /** The limit a build over {@code servers} breaks, or null when it can be built. */
    default String rejects(List<Server> servers) {
      return null;
    }

    /** The placement is now over {@code servers} (already accepted by {@link #rejects}). */
    void generate(List<Server> servers);

    /** The number of distinct servers some key can reach. */
    int reachable();

    /** The first {@code n <= reachable()} servers for the key's bytes, in preference order. */
    List<Server> place(byte[] key, int n);
  }

  /** The models, one entry an algorithm. */
  static final Map<Algorithm, java.util.function.Function<Config, Model>> TABLE = table();

  private static Map<Algorithm, java.util.function.Function<Config, Model>> table() {
    Map<Algorithm, java.util.function.Function<Config, Model>> t = new EnumMap<>(Algorithm.class);
    t.put(Algorithm.PYTHON_CONTINUUM, c -> new PythonContinuum(c.totalDots()));
    t.put(Algorithm.RING, c -> new GeneralRing(c.pointsPerWeight(), c.seed()));
    t.put(Algorithm.BOUNDED_LOAD, c -> new GeneralRing(c.pointsPerWeight(), c.seed()));
    t.put(Algorithm.JUMP, c -> new JumpModel(c.seed()));
    t.put(Algorithm.JUMPBACK, c -> new JumpBackModel(c.seed()));
    t.put(Algorithm.MEMENTO, c -> new MementoModel(c.seed()));
    t.put(Algorithm.RENDEZVOUS, c -> new RendezvousModel(c.seed()));
    t.put(Algorithm.MAGLEV, c -> new MaglevModel(c.tableSize(), c.seed()));
    t.put(Algorithm.MULTI_PROBE, c -> new MultiProbeModel(c.probes(), c.seed()));
    t.put(Algorithm.LIBMEMCACHED_KETAMA_WEIGHTED,
        c -> new Ketama(Ketama.LIBMEMCACHED, Ketama.WEIGHTED, Ketama.FIRST, Ketama.MD5, 100));
    t.put(Algorithm.LIBMEMCACHED_KETAMA,
        c -> new Ketama(Ketama.LIBMEMCACHED, Ketama.HUNDRED_UNLESS_WEIGHTED, Ketama.FIRST, Ketama.OAT, 100));
    t.put(Algorithm.LIBMEMCACHED_KETAMA_UNWEIGHTED,
        c -> new Ketama(Ketama.LIBMEMCACHED, Ketama.HUNDRED, Ketama.FIRST, Ketama.OAT, 100));
    t.put(Algorithm.LIBMEMCACHED_KETAMA_MD5,
        c -> new Ketama(Ketama.LIBMEMCACHED, Ketama.HUNDRED_UNLESS_WEIGHTED, Ketama.FIRST, Ketama.MD5, 100));
    t.put(Algorithm.LIBMEMCACHED_SPY,
        c -> new Ketama(Ketama.SPY_SLASH, Ketama.HUNDRED_UNLESS_WEIGHTED, Ketama.FIRST, Ketama.OAT, 100));
    t.put(Algorithm.LIBMEMCACHED_SPY_MD5,
        c -> new Ketama(Ketama.SPY_SLASH, Ketama.HUNDRED_UNLESS_WEIGHTED, Ketama.FIRST, Ketama.MD5, 100));
    t.put(Algorithm.LIBMEMCACHED_SPY_WEIGHTED,
        c -> new Ketama(Ketama.SPY_SLASH, Ketama.WEIGHTED, Ketama.FIRST, Ketama.MD5, 100));
    t.put(Algorithm.TWEMPROXY, c -> new Ketama(Ketama.TWEMPROXY_NAME, Ketama.WEIGHTED, Ketama.SHORTEST, Ketama.FNV, 0));
    t.put(Algorithm.TWEMPROXY_MD5, c -> new Ketama(Ketama.TWEMPROXY_NAME, Ketama.WEIGHTED, Ketama.SHORTEST, Ketama.MD5, 0));
    t.put(Algorithm.SPYMEMCACHED, c -> new Ketama(Ketama.SPY_DEFAULT, Ketama.FIXED_160, Ketama.LAST, Ketama.MD5, 0));
    t.put(Algorithm.SPYMEMCACHED_WEIGHTED, c -> new Ketama(Ketama.SPY_DEFAULT, Ketama.WEIGHTED, Ketama.LAST, Ketama.MD5, 0));
    t.put(Algorithm.SPYMEMCACHED_LIBMEMCACHED,
        c -> new Ketama(Ketama.LIBMEMCACHED, Ketama.FIXED_160, Ketama.LAST, Ketama.MD5, 0));
    t.put(Algorithm.SPYMEMCACHED_LIBMEMCACHED_WEIGHTED,
        c -> new Ketama(Ketama.LIBMEMCACHED, Ketama.WEIGHTED, Ketama.LAST, Ketama.MD5, 0));
    t.put(Algorithm.PYMEMCACHE, c -> new Pymemcache(c.seed() & 0xFFFFFFFFL));
    t.put(Algorithm.NGINX_HASH_CONSISTENT, c -> new NginxModel());
    t.put(Algorithm.HAPROXY_SDBM, c -> new HaproxyModel("sdbm", c.avalanche()));
    t.put(Algorithm.HAPROXY_DJB2, c -> new HaproxyModel("djb2", c.avalanche()));
    t.put(Algorithm.HAPROXY_WT6, c -> new HaproxyModel("wt6", c.avalanche()));
    t.put(Algorithm.HAPROXY_CRC32, c -> new HaproxyModel("crc32", c.avalanche()));
    t.put(Algorithm.JEDIS, c -> new JavaClientModels.Jedis());
    t.put(Algorithm.XMEMCACHED, c -> new JavaClientModels.Xmemcached(false));
    t.put(Algorithm.XMEMCACHED_NGINX, c -> new JavaClientModels.Xmemcached(true));
    t.put(Algorithm.DUBBO, c -> new JavaClientModels.Dubbo(c.dubboHashNodes()));
    return t;
  }

  // ---- Hashes ---------------------------------------------------------------------------------

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] md5(byte[] b) {
    try {
      return MessageDigest.getInstance("MD5").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** Little-endian word {@code w} (0..3) of an MD5 digest, unsigned. */
  static long md5Word(byte[] digest, int w) {
    long v = 0;
    for (int i = 3; i >= 0; i--) {
      v = v << 8 | (digest[4 * w + i] & 0xFF);
    }
    return v;
  }

  static long xx(byte[] b, long seed) {
    return XxHash64.hash(b, seed);
  }

  /**
   * {@code rapidhash-wide}, the default key hash of jumpback and memento: hash4j's rapidhash V3 of the
   * bytes, each followed by a zero byte (written out here, not the code under test's widening).
   */
  static long wide(byte[] b, long seed) {
    byte[] w = new byte[2 * b.length];
    for (int i = 0; i < b.length; i++) {
      w[2 * i] = b[i];
    }
    return com.dynatrace.hash4j.hashing.Hashing.rapidhashV3(seed).hashBytesToLong(w);
  }

  static long high32(long h) {
    return h >>> 32;
  }

  static final long GOLDEN = 0x9E3779B97F4A7C15L;

  /** A server's seeded identity: xxHash64 of "host:port". */
  static long id(Server s, long seed) {
    return xx(utf8(s.host() + ":" + s.port()), seed);
  }

  /** Servers by identity (unsigned), then host, then port: continuum's order-free tie rule. */
  static Comparator<Server> canonical(long seed) {
    return Comparator.<Server, Long>comparing(s -> id(s, seed) ^ Long.MIN_VALUE)
        .thenComparing(Server::host).thenComparingInt(Server::port);
  }

  // ---- Rings ----------------------------------------------------------------------------------

  /** A ring point: an unsigned 32-bit value and the list index of its owner. */
  record Point(long value, int owner) {}

  /**
   * A ring given as all its points, sorted by value and then by the tie order (a stable sort over
   * points listed in tie order), searched linearly.
   */
  static final class Ring {
    final List<Point> points;
    final boolean strict;

    /** {@code points} in tie order: among equal values the earlier wins. */
    Ring(List<Point> points, boolean strict) {
      this.points = new ArrayList<>(points);
      this.points.sort(Comparator.comparingLong(Point::value)); // List.sort is stable
      this.strict = strict;
    }

    /** The position of the first point at or above (strict: above) {@code hash}, wrapping; -1 if empty. */
    int find(long hash) {
      if (points.isEmpty()) {
        return -1;
      }
      for (int i = 0; i < points.size(); i++) {
        long v = points.get(i).value();
        if (strict ? v > hash : v >= hash) {
          return i;
        }
      }
      return 0;
    }

    int reachable() {
      Set<Integer> owners = new HashSet<>();
      for (Point p : points) {
        owners.add(p.owner());
      }
      return owners.size();
    }

    /** The first {@code n} distinct owners walking clockwise from position {@code start}. */
    List<Integer> walk(int start, int n) {
      List<Integer> out = new ArrayList<>();
      for (int step = 0; step < points.size() && out.size() < n; step++) {
        int owner = points.get((start + step) % points.size()).owner();
        if (!out.contains(owner)) {
          out.add(owner);
        }
      }
      return out;
    }
  }

  static List<Server> at(List<Server> servers, List<Integer> indexes) {
    List<Server> out = new ArrayList<>();
    for (int i : indexes) {
      out.add(servers.get(i));
    }
    return out;
  }

  /** A model whose placement is a function of the current list only, looked up on a {@link Ring}. */
  abstract static class RingModel implements Model {
    List<Server> servers = List.of();
    Ring ring = new Ring(List.of(), false);

    abstract Ring ring(List<Server> servers);

    abstract long keyHash(byte[] key);

    @Override
    public void generate(List<Server> list) {
      servers = List.copyOf(list);
      ring = ring(servers);
    }

    @Override
    public int reachable() {
      return ring.reachable();
    }

    @Override
    public List<Server> place(byte[] key, int n) {
      return at(servers, ring.walk(ring.find(keyHash(key)), n));
    }
  }

  /** python-continuum 0.1.1 (section 5): dots by capacity share, quirk positions, strict lookup. */
  static final class PythonContinuum extends RingModel {
    final int totalDots;

    PythonContinuum(int totalDots) {
      this.totalDots = totalDots;
    }

    @Override
    Ring ring(List<Server> list) {
      double total = 0;
      for (Server s : list) {
        total += s.capacity();
      }
      List<Point> points = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        Server s = list.get(i);
        int dots = total == 0 ? 0 : (int) (totalDots * (s.capacity() / total));
        for (int x = 0; x < dots / 4; x++) {
          byte[] d = md5(utf8(s.host() + "-" + s.port() + "-" + x));
          for (int w = 0; w < 4; w++) {
            points.add(new Point(md5Word(d, w), i));
          }
        }
        for (int r = 0; r < dots % 4; r++) {
          points.add(new Point(r, i));
        }
      }
      return new Ring(points, true);
    }

    @Override
    long keyHash(byte[] key) {
      return md5Word(md5(key), 0);
    }
  }

  /** continuum's ring: capacity x pointsPerWeight points from the server's identity, canonical ties. */
  static final class GeneralRing extends RingModel {
    final int pointsPerWeight;
    final long seed;

    GeneralRing(int pointsPerWeight, long seed) {
      this.pointsPerWeight = pointsPerWeight;
      this.seed = seed;
    }

    @Override
    public String rejects(List<Server> list) {
      return tooManyPoints(list, pointsPerWeight);
    }

    @Override
    Ring ring(List<Server> list) {
      return new Ring(identityPoints(list, pointsPerWeight, seed), false);
    }

    @Override
    long keyHash(byte[] key) {
      return high32(xx(key, seed));
    }
  }

  /** "points" when capacity x perWeight points over {@code list} exceed the point limit. */
  static String tooManyPoints(List<Server> list, long perWeight) {
    long points = 0;
    for (Server s : list) {
      points += s.capacity() * perWeight;
    }
    return points > Checks.MAX_POINTS ? "points" : null;
  }

  /** Point j of a server: high 32 bits of mix(id + (j + 1) golden); servers in canonical order. */
  static List<Point> identityPoints(List<Server> list, int pointsPerWeight, long seed) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      order.add(i);
    }
    Comparator<Server> canonical = canonical(seed);
    order.sort((a, b) -> canonical.compare(list.get(a), list.get(b)));
    List<Point> points = new ArrayList<>();
    for (int i : order) {
      long id = id(list.get(i), seed);
      for (long j = 0; j < (long) list.get(i).capacity() * pointsPerWeight; j++) {
        points.add(new Point(high32(XxHash64.mix(id + (j + 1) * GOLDEN)), i));
      }
    }
    return points;
  }

  /** Multi-probe (Appleton and O'Reilly): 4 points a unit of capacity; the closest point after any probe. */
  static final class MultiProbeModel implements Model {
    final int probes;
    final long seed;
    List<Server> servers = List.of();
    Ring ring = new Ring(List.of(), false);

    MultiProbeModel(int probes, long seed) {
      this.probes = probes;
      this.seed = seed;
    }

    @Override
    public String rejects(List<Server> list) {
      return tooManyPoints(list, 4);
    }

    @Override
    public void generate(List<Server> list) {
      servers = List.copyOf(list);
      ring = new Ring(identityPoints(servers, 4, seed), false);
    }

    @Override
    public int reachable() {
      return ring.reachable();
    }

    @Override
    public List<Server> place(byte[] key, int n) {
      long h = xx(key, seed);
      int best = -1;
      long bestDistance = Long.MAX_VALUE;
      for (int i = 0; i < probes; i++) {
        long probe = high32(XxHash64.mix(h + i * GOLDEN));
        int pos = ring.find(probe);
        long distance = (ring.points.get(pos).value() - probe) & 0xFFFFFFFFL;
        if (distance < bestDistance) {
          best = pos;
          bestDistance = distance;
        }
      }
      return at(servers, ring.walk(best, n));
    }
  }

  /** The ketama dialects (sections 0 to 3): names, point schemes, tie rules, key hashes. */
  static final class Ketama extends RingModel {
    interface Naming {
      String of(Server s);
    }

    static final Naming LIBMEMCACHED = s -> s.port() == 11211 ? s.host() : s.host() + ":" + s.port();
    static final Naming SPY_SLASH = s -> "/" + s.host() + ":" + s.port();
    static final Naming TWEMPROXY_NAME = s -> s.name() != null ? s.name() : LIBMEMCACHED.of(s);
    /** spymemcached's InetSocketAddress text without the leading "/" (JDK 17). */
    static final Naming SPY_DEFAULT = s -> {
      boolean literal = s.host().contains(":") || s.host().matches(
          "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
      return literal ? s.host() + ":" + s.port()
          : s.host() + "/" + (s.address() != null ? s.address() : "<unresolved>") + ":" + s.port();
    };

    static final int WEIGHTED = 0;
    static final int FIXED_160 = 1;
    static final int HUNDRED = 2;
    static final int HUNDRED_UNLESS_WEIGHTED = 3;

    static final int FIRST = 0;
    static final int LAST = 1;
    static final int SHORTEST = 2;

    interface KeyHashing {
      long hash(byte[] b);
    }

    static final KeyHashing MD5 = b -> md5Word(md5(b), 0);
    /** Jenkins one-at-a-time over signed chars, 32-bit. */
    static final KeyHashing OAT = b -> {
      int h = 0;
      for (byte x : b) {
        h += x;
        h += h << 10;
        h ^= h >>> 6;
      }
      h += h << 3;
      h ^= h >>> 11;
      h += h << 15;
      return h & 0xFFFFFFFFL;
    };
    /** twemproxy's "fnv1a_64": 32-bit arithmetic with the low halves of the 64-bit constants. */
    static final KeyHashing FNV = b -> {
      int h = (int) 0xcbf29ce484222325L;
      for (byte x : b) {
        h ^= x;
        h *= (int) 0x100000001b3L;
      }
      return h & 0xFFFFFFFFL;
    };

    final Naming naming;
    final int scheme;
    final int ties;
    final KeyHashing keyHash;
    final int maxServers;

    Ketama(Naming naming, int scheme, int ties, KeyHashing keyHash, int maxServers) {
      this.naming = naming;
      this.scheme = scheme;
      this.ties = ties;
      this.keyHash = keyHash;
      this.maxServers = maxServers;
    }

    @Override
    public String rejects(List<Server> list) {
      if (maxServers > 0 && list.size() > maxServers) {
        return "servers";
      }
      for (Server s : list) {
        if (naming == TWEMPROXY_NAME && s.capacity() == 0) {
          return "capacity 0";
        }
      }
      return null;
    }

    /** KP(w, W, n) of section 0, in float as the C code. */
    static int weightedPoints(long w, long total, int n) {
      if (total == 0) {
        return 0;
      }
      float pct = (float) w / (float) total;
      float x = pct * 160 / 4 * (float) n;
      return 4 * (int) Math.floor((float) (x + 0.0000000001));
    }

    @Override
    Ring ring(List<Server> list) {
      int n = list.size();
      long[] weights = new long[n];
      long total = 0;
      boolean anyAboveOne = false;
      for (int i = 0; i < n; i++) {
        long w = list.get(i).capacity();
        if (w == 0 && ties != LAST) {
          w = 1; // libmemcached stores 0 as 1 (twemproxy rejected it above; spymemcached keeps it)
        }
        weights[i] = w;
        total += w;
        anyAboveOne |= w > 1;
      }
      int points = scheme == HUNDRED_UNLESS_WEIGHTED ? (anyAboveOne ? WEIGHTED : HUNDRED) : scheme;
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        order.add(ties == LAST ? n - 1 - i : i);
      }
      if (ties == SHORTEST) {
        Comparator<Integer> byLength = Comparator.comparingInt(i -> utf8(naming.of(list.get(i))).length);
        order.sort(byLength.thenComparing(
            (a, b) -> java.util.Arrays.compareUnsigned(utf8(naming.of(list.get(a))), utf8(naming.of(list.get(b))))));
      }
      List<Point> all = new ArrayList<>();
      for (int i : order) {
        String name = naming.of(list.get(i));
        if (points == HUNDRED) {
          for (int p = 0; p < 100; p++) {
            all.add(new Point(keyHash.hash(utf8(name + "-" + p)), i));
          }
          continue;
        }
        int count = points == FIXED_160 ? 160 : weightedPoints(weights[i], total, n);
        for (int d = 0; d < count / 4; d++) {
          byte[] digest = md5(utf8(name + "-" + d));
          for (int w = 0; w < 4; w++) {
            all.add(new Point(md5Word(digest, w), i));
          }
        }
      }
      return new Ring(all, false);
    }

    @Override
    long keyHash(byte[] key) {
      return keyHash.hash(key);
    }
  }

  // ---- Rendezvous -----------------------------------------------------------------------------

  /** Weighted rendezvous, logarithmic method: the servers by descending -w / ln(u), ties by smaller id. */
  static final class RendezvousModel implements Model {
    final long seed;
    List<Server> servers = List.of();

    RendezvousModel(long seed) {
      this.seed = seed;
    }

    @Override
    public void generate(List<Server> list) {
      servers = List.copyOf(list);
    }

    @Override
    public int reachable() {
      return (int) servers.stream().filter(s -> s.capacity() > 0).count();
    }

    @Override
    public List<Server> place(byte[] key, int n) {
      long h = xx(key, seed);
      List<Server> ranked = new ArrayList<>();
      for (Server s : servers) {
        if (s.capacity() > 0) {
          ranked.add(s);
        }
      }
      Comparator<Server> byScore = Comparator.comparingDouble(s -> score(h, s));
      ranked.sort(byScore.reversed().thenComparing(s -> id(s, seed) ^ Long.MIN_VALUE));
      return List.copyOf(ranked.subList(0, n));
    }

    double score(long h, Server s) {
      long u = XxHash64.mix(h ^ id(s, seed));
      double unit = ((u >>> 11) + 0.5) / (double) (1L << 53);
      return -s.capacity() / Math.log(unit);
    }
  }

  /** pymemcache 3.5.2: murmur3 of node + "-" + key over code points & 0xFF; ties to the larger node. */
  static final class Pymemcache implements Model {
    final long seed;
    List<Server> servers = List.of();

    Pymemcache(long seed) {
      this.seed = seed;
    }

    static String node(Server s) {
      return s.name() != null ? s.name() : s.host() + ":" + s.port();
    }

    @Override
    public String rejects(List<Server> list) {
      Set<String> names = new HashSet<>();
      for (Server s : list) {
        if (!names.add(node(s))) {
          return "node names";
        }
      }
      return null;
    }

    @Override
    public void generate(List<Server> list) {
      servers = List.copyOf(list);
    }

    @Override
    public int reachable() {
      return servers.size();
    }

    @Override
    public List<Server> place(byte[] key, int n) {
      String k = new String(key, StandardCharsets.UTF_8);
      List<Server> ranked = new ArrayList<>(servers);
      Comparator<Server> byScore = Comparator.comparingLong(s -> murmur3(units(node(s) + "-" + k), (int) seed));
      Comparator<Server> byNode = (a, b) -> java.util.Arrays.compare(node(a).codePoints().toArray(),
          node(b).codePoints().toArray());
      ranked.sort(byScore.thenComparing(byNode).reversed());
      return List.copyOf(ranked.subList(0, n));
    }

    static byte[] units(String s) {
      int[] cps = s.codePoints().toArray();
      byte[] out = new byte[cps.length];
      for (int i = 0; i < cps.length; i++) {
        out[i] = (byte) cps[i];
      }
      return out;
    }

    /** MurmurHash3 x86_32, unsigned. */
    static long murmur3(byte[] data, int seed) {
      int h = seed;
      int blocks = data.length / 4;
      for (int i = 0; i < blocks; i++) {
        int k = (data[4 * i] & 0xFF) | (data[4 * i + 1] & 0xFF) << 8 | (data[4 * i + 2] & 0xFF) << 16
            | (data[4 * i + 3] & 0xFF) << 24;
        k *= 0xcc9e2d51;
        k = Integer.rotateLeft(k, 15);
        k *= 0x1b873593;
        h ^= k;
        h = Integer.rotateLeft(h, 13);
        h = h * 5 + 0xe6546b64;
      }
      int k = 0;
      int tail = blocks * 4;
      switch (data.length & 3) {
        case 3:
          k ^= (data[tail + 2] & 0xFF) << 16;
          // fall through
        case 2:
          k ^= (data[tail + 1] & 0xFF) << 8;
          // fall through
        case 1:
          k ^= data[tail] & 0xFF;
          k *= 0xcc9e2d51;
          k = Integer.rotateLeft(k, 15);
          k *= 0x1b873593;
          h ^= k;
          break;
        default:
          break;
      }
      h ^= data.length;
      h ^= h >>> 16;
      h *= 0x85ebca6b;
      h ^= h >>> 13;
      h *= 0xc2b2ae35;
      h ^= h >>> 16;
      return h & 0xFFFFFFFFL;
    }
  }

  // ---- Maglev ---------------------------------------------------------------------------------

  /**
   * Maglev (Eisenbud et al. 2016, section 3.4, Pseudocode 1) with proportional turns: each round every
   * server, in canonical order, earns its capacity and takes its next preferred empty slot once per
   * maximum capacity earned, until the table is full.
   */
  static final class MaglevModel implements Model {
    final int m;
    final long seed;
    List<Server> servers = List.of();
    int[] entry = new int[0];

    MaglevModel(int m, long seed) {
      this.m = m;
      this.seed = seed;
    }

    @Override
    public String rejects(List<Server> list) {
      return list.size() > m ? "tableSize" : null;
    }

    @Override
    public void generate(List<Server> list) {
      servers = List.copyOf(list);
      int n = servers.size();
      long[] offset = new long[n];
      long[] skip = new long[n];
      long[] next = new long[n];
      long[] credit = new long[n];
      long max = 0;
      for (int i = 0; i < n; i++) {
        long id = id(servers.get(i), seed);
        offset[i] = Long.remainderUnsigned(XxHash64.mix(id ^ 0x6A09E667F3BCC909L), m);
        skip[i] = Long.remainderUnsigned(XxHash64.mix(id ^ 0xBB67AE8584CAA73BL), m - 1) + 1;
        max = Math.max(max, servers.get(i).capacity());
      }
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        order.add(i);
      }
      Comparator<Server> canonical = canonical(seed);
      order.sort((a, b) -> canonical.compare(servers.get(a), servers.get(b)));
      entry = new int[m];
      java.util.Arrays.fill(entry, -1);
      int filled = 0;
      while (max > 0 && filled < m) {
        for (int i : order) {
          credit[i] += servers.get(i).capacity();
          while (credit[i] >= max && filled < m) {
            credit[i] -= max;
            int c = (int) ((offset[i] + next[i] * skip[i]) % m);
            while (entry[c] >= 0) {
              next[i]++;
              c = (int) ((offset[i] + next[i] * skip[i]) % m);
            }
            entry[c] = i;
            next[i]++;
            filled++;
          }
        }
      }
    }

    @Override
    public int reachable() {
      Set<Integer> owners = new HashSet<>();
      for (int e : entry) {
        if (e >= 0) {
          owners.add(e);
        }
      }
      return owners.size();
    }

    @Override
    public List<Server> place(byte[] key, int n) {
      int start = (int) Long.remainderUnsigned(xx(key, seed), m);
      List<Integer> out = new ArrayList<>();
      for (int step = 0; step < m && out.size() < n; step++) {
        int owner = entry[(start + step) % m];
        if (!out.contains(owner)) {
          out.add(owner);
        }
      }
      return at(servers, out);
    }
  }

  // ---- Jump and memento -----------------------------------------------------------------------

  /** The paper's jump consistent hash, as printed. */
  static int jump(long key, int buckets) {
    long b = -1;
    long j = 0;
    while (j < buckets) {
      b = j;
      key = key * 2862933555777941757L + 1;
      j = (long) ((b + 1) * ((double) (1L << 31) / (double) ((key >>> 33) + 1)));
    }
    return (int) b;
  }

  /**
   * A placement of numbered slots, each held by a server (null: a removed memento bucket). Replicas:
   * the slot of the rehashed key mix(h + r golden) for r = 1 .. 16n + 64, then the working slots in
   * order.
   */
  abstract static class SlotModel implements Model {
    final long seed;
    final List<Server> slots = new ArrayList<>();

    SlotModel(long seed) {
      this.seed = seed;
    }

    abstract int slot(long h);

    /** The algorithm's default key hash: xxHash64 (jump), rapidhash-wide (jumpback, memento). */
    long keyHash(byte[] key) {
      return xx(key, seed);
    }

    @Override
    public int reachable() {
      return (int) slots.stream().filter(s -> s != null).count();
    }

    @Override
    public List<Server> place(byte[] key, int n) {
      long h = keyHash(key);
      List<Server> out = new ArrayList<>();
      out.add(slots.get(slot(h)));
      for (long r = 1; out.size() < n && r <= 16L * n + 64; r++) {
        Server s = slots.get(slot(XxHash64.mix(h + r * GOLDEN)));
        if (!out.contains(s)) {
          out.add(s);
        }
      }
      for (Server s : slots) {
        if (out.size() < n && s != null && !out.contains(s)) {
          out.add(s);
        }
      }
      return out;
    }
  }

  /** Jump as continuum uses it: a removed server's slot goes to the last slot's server. */
  static class JumpModel extends SlotModel {
    JumpModel(long seed) {
      super(seed);
    }

    @Override
    public void generate(List<Server> list) {
      for (int b = slots.size() - 1; b >= 0; b--) {
        if (b < slots.size() && !list.contains(slots.get(b))) {
          Server last = slots.remove(slots.size() - 1);
          if (b < slots.size()) {
            slots.set(b, last);
          }
        }
      }
      for (Server s : list) {
        if (!slots.contains(s)) {
          slots.add(s);
        }
      }
    }

    @Override
    int slot(long h) {
      return jump(h, slots.size());
    }
  }

  /** jumpback: jump's slot bookkeeping over hash4j's JumpBackHash, the peer's own code. */
  static final class JumpBackModel extends JumpModel {
    static final com.dynatrace.hash4j.consistent.ConsistentBucketHasher HASH4J =
        com.dynatrace.hash4j.consistent.ConsistentHashing.jumpBackHashSplitMix64();

    JumpBackModel(long seed) {
      super(seed);
    }

    @Override
    long keyHash(byte[] key) {
      return wide(key, seed);
    }

    @Override
    int slot(long h) {
      return HASH4J.getBucket(h, slots.size());
    }
  }

  /**
   * MementoHash (Coluzzi et al. 2023) over JumpBackHash (hash4j's): the replacement set maps a removed bucket to (the working-set
   * size after its removal, the bucket removed before it); removals from the highest bucket down, then
   * additions in list order, each taking the most recently removed bucket.
   */
  static final class MementoModel extends SlotModel {
    /** bucket -> {replacer, previously removed}. */
    final Map<Integer, int[]> removed = new HashMap<>();
    int last;

    MementoModel(long seed) {
      super(seed);
    }

    @Override
    long keyHash(byte[] key) {
      return wide(key, seed);
    }

    @Override
    public void generate(List<Server> list) {
      for (int b = slots.size() - 1; b >= 0; b--) {
        if (b < slots.size() && slots.get(b) != null && !list.contains(slots.get(b))) {
          int working = reachable();
          if (removed.isEmpty() && b == slots.size() - 1) {
            slots.remove(b);
            last = slots.size();
          } else {
            removed.put(b, new int[] {working - 1, removed.isEmpty() ? slots.size() : last});
            slots.set(b, null);
            last = b;
          }
        }
      }
      for (Server s : list) {
        if (!slots.contains(s)) {
          if (removed.isEmpty()) {
            slots.add(s);
            last = slots.size();
          } else {
            int b = last;
            last = removed.remove(b)[1];
            slots.set(b, s);
          }
        }
      }
    }

    @Override
    int slot(long h) {
      int b = JumpBackModel.HASH4J.getBucket(h, slots.size());
      while (removed.containsKey(b)) {
        int r = removed.get(b)[0];
        // floor(u * r / 2^32) for u the high 32 bits of the rehash: uniform in [0, r).
        b = java.math.BigInteger.valueOf(XxHash64.mix(h ^ ((b + 1) * GOLDEN)) >>> 32)
            .multiply(java.math.BigInteger.valueOf(r)).shiftRight(32).intValueExact();
        while (removed.containsKey(b) && removed.get(b)[0] >= r) {
          b = removed.get(b)[0];
        }
      }
      return b;
    }
  }

  // ---- Proxies (ProxyModels holds the hashes and the node rules, from the C source) ------------

  /** nginx 1.22: weight x 160 CRC-32 points per line named as written, the earlier line wins ties. */
  static final class NginxModel extends RingModel {
    @Override
    public String rejects(List<Server> list) {
      Set<String> texts = new HashSet<>();
      for (Server s : list) {
        if (s.capacity() == 0) {
          return "capacity 0";
        }
        if (!texts.add(s.name() != null ? s.name() : s.hostPort())) {
          return "address text";
        }
      }
      return tooManyPoints(list, 160);
    }

    @Override
    Ring ring(List<Server> list) {
      List<Point> points = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        for (long p : ProxyModels.nginxPoints(list.get(i))) {
          points.add(new Point(p, i));
        }
      }
      return new Ring(points, false);
    }

    @Override
    long keyHash(byte[] key) {
      return ProxyModels.crc32(key);
    }
  }

  /**
   * HAProxy 2.6: the node list in insertion order, the closer neighbour winning; replicas are the
   * distinct servers met walking on from the chosen node, as HAProxy's redispatch walks.
   */
  static final class HaproxyModel implements Model {
    final String function;
    final boolean avalanche;
    List<Server> servers = List.of();
    List<long[]> sorted = List.of(); // {key, owner}, by key, insertion order among equal keys

    HaproxyModel(String function, boolean avalanche) {
      this.function = function;
      this.avalanche = avalanche;
    }

    @Override
    public String rejects(List<Server> list) {
      Set<Integer> ids = new HashSet<>();
      long nodes = 0;
      for (Server s : list) {
        if (s.capacity() > 256) {
          return "weight above 256";
        }
        if (s.id() != 0 && !ids.add(s.id())) {
          return "duplicate id";
        }
        nodes += s.capacity() * 16L;
      }
      return nodes > Checks.MAX_POINTS ? "points" : null;
    }

    @Override
    public void generate(List<Server> list) {
      servers = List.copyOf(list);
      List<long[]> nodes = new ArrayList<>(new ProxyModels.Haproxy(servers).nodes);
      nodes.sort(Comparator.comparingLong(n -> n[0])); // stable
      sorted = nodes;
    }

    @Override
    public int reachable() {
      Set<Long> owners = new HashSet<>();
      for (long[] n : sorted) {
        owners.add(n[1]);
      }
      return owners.size();
    }

    @Override
    public List<Server> place(byte[] key, int n) {
      long hash = ProxyModels.haproxyHash(function, avalanche, key);
      // next: the first node at or above the hash (the first of its equal keys), wrapping; prev: the
      // node before it, wrapping. The closer wins, prev at equal distance.
      int next = -1;
      for (int i = 0; i < sorted.size() && next < 0; i++) {
        if (sorted.get(i)[0] >= hash) {
          next = i;
        }
      }
      if (next < 0) {
        next = 0;
      }
      int prev = (next - 1 + sorted.size()) % sorted.size();
      long dp = (hash - sorted.get(prev)[0]) & 0xFFFFFFFFL;
      long dn = (sorted.get(next)[0] - hash) & 0xFFFFFFFFL;
      int at = dp <= dn ? prev : next;
      List<Integer> out = new ArrayList<>();
      for (int step = 0; step < sorted.size() && out.size() < n; step++) {
        int owner = (int) sorted.get((at + step) % sorted.size())[1];
        if (!out.contains(owner)) {
          out.add(owner);
        }
      }
      return at(servers, out);
    }
  }
}
