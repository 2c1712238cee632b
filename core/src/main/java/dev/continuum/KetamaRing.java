package dev.continuum;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The ketama rings of libmemcached, twemproxy and spymemcached (see docs/compatibility.md, from
 * "Shared building blocks" to "spymemcached"): one builder, parameterised by how a server is named on
 * the ring, how its points are generated, how equal points are ordered and how keys are hashed.
 * Lookup is always "first point at or above the key's hash, wrapping to the first point".
 */
final class KetamaRing extends RingPlacement {
  /** The string a server's points are generated from ({@code "<name>-<i>"}). */
  enum NodeName {
    /** libmemcached: {@code host}, plus {@code ":" + port} unless the port is 11211. */
    LIBMEMCACHED {
      @Override
      String of(Server s) {
        return s.port() == 11211 ? s.host() : s.host() + ":" + s.port();
      }
    },
    /** libmemcached CONSISTENT_KETAMA_SPY: {@code "/" + host + ":" + port}, port always present. */
    LIBMEMCACHED_SPY {
      @Override
      String of(Server s) {
        return "/" + s.host() + ":" + s.port();
      }
    },
    /** twemproxy: the server's name when it has one, otherwise the libmemcached rule. */
    TWEMPROXY {
      @Override
      String of(Server s) {
        return s.name() != null ? s.name() : LIBMEMCACHED.of(s);
      }
    },
    /**
     * spymemcached's default node-key format, {@code String.valueOf(InetSocketAddress)} without its
     * leading "/" on JDK 17: {@code ip:port} for an IP literal, {@code host/ip:port} for a host with
     * a {@linkplain Server#address() resolved address}, {@code host/<unresolved>:port} otherwise.
     */
    SPYMEMCACHED {
      @Override
      String of(Server s) {
        if (isIpLiteral(s.host())) {
          return s.host() + ":" + s.port();
        }
        String address = s.address() != null ? s.address() : "<unresolved>";
        return s.host() + "/" + address + ":" + s.port();
      }
    },
    /**
     * spymemcached's LIBMEMCACHED node-key format: {@code getHostName()} (the host as given; continuum
     * never does reverse lookups) plus {@code ":" + port} unless 11211; the same as libmemcached's.
     */
    SPYMEMCACHED_LIBMEMCACHED {
      @Override
      String of(Server s) {
        return LIBMEMCACHED.of(s);
      }
    };

    abstract String of(Server s);
  }

  /** How many points a server gets and what they are. */
  enum Points {
    /** KP(w, W, n) points in float32 (docs/compatibility.md, "Shared building blocks"), four md5 words per digest of {@code "<name>-<i>"}. */
    WEIGHTED_MD5_WORDS,
    /** spymemcached unweighted: always 160 points, four md5 words per digest, weights ignored. */
    FIXED_160_MD5_WORDS,
    /** libmemcached unweighted: 100 points, point i = the key hash of {@code "<name>-<i>"}. */
    HUNDRED_HASHED,
    /**
     * libmemcached with the behaviour set before the servers: {@link #HUNDRED_HASHED}, but any
     * server of weight > 1 silently switches the ring to {@link #WEIGHTED_MD5_WORDS}.
     */
    HUNDRED_HASHED_UNLESS_WEIGHTED
  }

  /** Which server wins when two servers share a point value: expressed as the order points are added. */
  enum Ties {
    /** libmemcached: the lowest list index wins. */
    FIRST_LISTED,
    /** spymemcached (a map keyed by point, later puts overwrite): the highest list index wins. */
    LAST_LISTED,
    /**
     * twemproxy sorts servers by (byte length of ring name, name bytes) with glibc's stable qsort
     * before building: the shorter, then byte-wise smaller, name wins.
     */
    SHORTEST_NAME
  }

  /** What a weight (capacity) of 0 means. */
  enum ZeroWeight {
    /** libmemcached stores weight 0 as 1. */
    AS_ONE,
    /** twemproxy refuses weight 0 in its configuration. */
    REJECTED,
    /** spymemcached uses the weight as given. */
    AS_IS
  }

  /**
   * The Debian build of libmemcached 1.1.4 aborts above 100 servers in every consistent mode
   * (assertion {@code memcached_server_count * 100 <= MEMCACHED_CONTINUUM_SIZE}), so a larger list has
   * no peer placement to match: the dialects reject it rather than invent one.
   */
  static final int LIBMEMCACHED_MAX_SERVERS = 100;

  /** What every dialect of one peer program shares: tie rule, weight-0 rule, shortcut, server limit. */
  enum Peer {
    LIBMEMCACHED(Ties.FIRST_LISTED, ZeroWeight.AS_ONE, true, LIBMEMCACHED_MAX_SERVERS,
        "libmemcached 1.1.4 as built by Debian aborts above 100 servers"),
    TWEMPROXY(Ties.SHORTEST_NAME, ZeroWeight.REJECTED, true, 0, null),
    SPYMEMCACHED(Ties.LAST_LISTED, ZeroWeight.AS_IS, false, 0, null);

    final Ties ties;
    final ZeroWeight zeroWeight;
    /** libmemcached and twemproxy skip the hash and return their only server. */
    final boolean singleServerShortcut;
    /** The most servers the peer can place on, or 0 for no peer limit. */
    final int serverLimit;
    final String limitReason;

    Peer(Ties ties, ZeroWeight zeroWeight, boolean singleServerShortcut, int serverLimit, String limitReason) {
      this.ties = ties;
      this.zeroWeight = zeroWeight;
      this.singleServerShortcut = singleServerShortcut;
      this.serverLimit = serverLimit;
      this.limitReason = limitReason;
    }
  }

  /**
   * One ketama dialect: everything that differs between the peers, and nothing else. Each constant
   * is the placement factory of the {@link Algorithm} constant of the same name; a dialect takes no
   * option (equal servers are the {@link Continuum}'s business), so {@link #factory} returns it.
   */
  enum Dialect implements PlacementFactory {
    LIBMEMCACHED_KETAMA_WEIGHTED(Peer.LIBMEMCACHED, NodeName.LIBMEMCACHED, Points.WEIGHTED_MD5_WORDS, KeyHash.MD5),
    LIBMEMCACHED_KETAMA(Peer.LIBMEMCACHED, NodeName.LIBMEMCACHED, Points.HUNDRED_HASHED_UNLESS_WEIGHTED,
        KeyHash.ONE_AT_A_TIME),
    LIBMEMCACHED_KETAMA_UNWEIGHTED(Peer.LIBMEMCACHED, NodeName.LIBMEMCACHED, Points.HUNDRED_HASHED,
        KeyHash.ONE_AT_A_TIME),
    LIBMEMCACHED_KETAMA_MD5(Peer.LIBMEMCACHED, NodeName.LIBMEMCACHED, Points.HUNDRED_HASHED_UNLESS_WEIGHTED,
        KeyHash.MD5),
    LIBMEMCACHED_SPY(Peer.LIBMEMCACHED, NodeName.LIBMEMCACHED_SPY, Points.HUNDRED_HASHED_UNLESS_WEIGHTED,
        KeyHash.ONE_AT_A_TIME),
    LIBMEMCACHED_SPY_MD5(Peer.LIBMEMCACHED, NodeName.LIBMEMCACHED_SPY, Points.HUNDRED_HASHED_UNLESS_WEIGHTED,
        KeyHash.MD5),
    LIBMEMCACHED_SPY_WEIGHTED(Peer.LIBMEMCACHED, NodeName.LIBMEMCACHED_SPY, Points.WEIGHTED_MD5_WORDS, KeyHash.MD5),
    TWEMPROXY(Peer.TWEMPROXY, NodeName.TWEMPROXY, Points.WEIGHTED_MD5_WORDS, KeyHash.TWEMPROXY_FNV1A_64),
    TWEMPROXY_MD5(Peer.TWEMPROXY, NodeName.TWEMPROXY, Points.WEIGHTED_MD5_WORDS, KeyHash.MD5),
    SPYMEMCACHED(Peer.SPYMEMCACHED, NodeName.SPYMEMCACHED, Points.FIXED_160_MD5_WORDS, KeyHash.MD5),
    SPYMEMCACHED_WEIGHTED(Peer.SPYMEMCACHED, NodeName.SPYMEMCACHED, Points.WEIGHTED_MD5_WORDS, KeyHash.MD5),
    SPYMEMCACHED_LIBMEMCACHED(Peer.SPYMEMCACHED, NodeName.SPYMEMCACHED_LIBMEMCACHED, Points.FIXED_160_MD5_WORDS,
        KeyHash.MD5),
    SPYMEMCACHED_LIBMEMCACHED_WEIGHTED(Peer.SPYMEMCACHED, NodeName.SPYMEMCACHED_LIBMEMCACHED,
        Points.WEIGHTED_MD5_WORDS, KeyHash.MD5);

    /** The command-line name, for messages: the constant's name in lower case with dashes. */
    final String label;
    final Peer peer;
    final NodeName names;
    final Points points;
    final KeyHash keyHash;

    Dialect(Peer peer, NodeName names, Points points, KeyHash keyHash) {
      this.label = name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
      this.peer = peer;
      this.names = names;
      this.points = points;
      this.keyHash = keyHash;
    }

    /** The factory ({@link PlacementFactory.FromOptions}) of this dialect's {@link Algorithm}: itself. */
    PlacementFactory factory(Options options) {
      return this;
    }

    @Override
    public Placement build(Server[] servers) {
      return KetamaRing.build(this, servers);
    }

    @Override
    public int effectiveCapacity(int capacity) {
      return capacity == 0 && peer.zeroWeight == ZeroWeight.AS_ONE ? 1 : capacity;
    }

    /** The peer's server limit and a weight the peer refuses. */
    @Override
    public void check(Server[] servers) {
      if (peer.serverLimit > 0) {
        Checks.peerServerLimit(label, servers.length, peer.serverLimit, peer.limitReason);
      }
      if (peer.zeroWeight == ZeroWeight.REJECTED) {
        for (Server s : servers) {
          if (s.capacity() == 0) {
            throw new IllegalArgumentException(label + ": server " + s.hostPort()
                + " has capacity 0, which the peer rejects (its weights must be at least 1)");
          }
        }
      }
    }

    /**
     * Merges instead of re-sorting when every server's point count is fixed (spymemcached unweighted:
     * 160; libmemcached unweighted: 100), so that a server's points depend on that server alone. The
     * weighted modes' KP(w, W, n) changes with n and W, which can move every server's points.
     */
    @Override
    public Placement update(Placement previous, Server[] previousServers, Server[] servers) {
      int fixed = points == Points.FIXED_160_MD5_WORDS ? 160 : points == Points.HUNDRED_HASHED ? 100 : 0;
      KetamaRing old = (KetamaRing) previous;
      if (fixed == 0 || peer.ties == Ties.SHORTEST_NAME || old.single || servers.length <= 1) {
        return build(servers);
      }
      check(servers);
      Points scheme = points;
      PointRing.Source source = PointRing.Source.of(server -> fixed,
          (server, owner, to) -> addPoints(to, scheme, keyHash, names.of(server), fixed, owner, new int[4]));
      PointRing.Ties rule = peer.ties == Ties.LAST_LISTED ? PointRing.REVERSE_LIST_ORDER : PointRing.LIST_ORDER;
      PointRing ring = PointRing.update(old.ring, previousServers, servers, source, false, rule);
      return ring == null ? build(servers) : new KetamaRing(ring, this, false);
    }
  }

  private final Dialect dialect;
  /** The dialect's key hash, held here for the lookup. */
  private final KeyHash keyHash;
  /** True when the peer returns its only server without hashing. */
  private final boolean single;

  private KetamaRing(PointRing ring, Dialect dialect, boolean single) {
    super(ring);
    this.dialect = dialect;
    this.keyHash = dialect.keyHash;
    this.single = single;
  }

  static KetamaRing build(Dialect d, Server[] servers) {
    int n = servers.length;
    d.check(servers);
    long[] weights = new long[n];
    long total = 0;
    boolean anyAboveOne = false;
    for (int i = 0; i < n; i++) {
      long w = d.effectiveCapacity(servers[i].capacity());
      weights[i] = w;
      total += w;
      anyAboveOne |= w > 1;
    }
    Points scheme = d.points;
    if (scheme == Points.HUNDRED_HASHED_UNLESS_WEIGHTED) {
      scheme = anyAboveOne ? Points.WEIGHTED_MD5_WORDS : Points.HUNDRED_HASHED;
    }
    int[] counts = new int[n];
    long count = 0;
    for (int i = 0; i < n; i++) {
      counts[i] = pointCount(scheme, weights[i], total, n);
      count += counts[i];
    }
    String[] names = new String[n];
    for (int i = 0; i < n; i++) {
      names[i] = d.names.of(servers[i]);
    }
    PointRing.Builder builder = new PointRing.Builder(Checks.points(d.label + " ring", count));
    int[] words = new int[4];
    for (int i : addOrder(d.peer.ties, names)) {
      addPoints(builder, scheme, d.keyHash, names[i], counts[i], i, words);
    }
    return new KetamaRing(builder.build(false, n), d, d.peer.singleServerShortcut && n == 1);
  }

  /**
   * KP(w, W, n) of docs/compatibility.md, every step in IEEE binary32 as the C code does it: with equal weights
   * and n = 50, x = 39.999996 and the server gets 156 points, not 160. Do not use double here.
   */
  static int weightedPointCount(long weight, long totalWeight, int servers) {
    if (totalWeight == 0) {
      return 0;
    }
    float p = (float) weight / (float) totalWeight;
    float x = p * 160f;
    x = x / 4f;
    x = x * (float) servers;
    x = (float) (x + 1e-10); // never changes the result (see KP in the docs), kept for fidelity
    return 4 * (int) Math.floor(x);
  }

  private static int pointCount(Points scheme, long weight, long total, int n) {
    switch (scheme) {
      case WEIGHTED_MD5_WORDS:
        return weightedPointCount(weight, total, n);
      case FIXED_160_MD5_WORDS:
        return 160;
      default:
        return 100;
    }
  }

  /** Server indexes in the order their points are added: among equal values the first added wins. */
  private static int[] addOrder(Ties ties, String[] names) {
    int n = names.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = ties == Ties.LAST_LISTED ? n - 1 - i : i;
    }
    if (ties == Ties.SHORTEST_NAME) {
      byte[][] bytes = new byte[n][];
      for (int i = 0; i < n; i++) {
        bytes[i] = names[i].getBytes(StandardCharsets.UTF_8);
      }
      Comparator<Integer> byLength = Comparator.comparingInt(i -> bytes[i].length);
      Arrays.sort(order, byLength.thenComparing((a, b) -> Arrays.compareUnsigned(bytes[a], bytes[b])));
    }
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = order[i];
    }
    return out;
  }

  /** Adds server {@code owner}'s {@code count} points generated from {@code "<name>-<i>"}, i from 0. */
  private static void addPoints(PointRing.Builder builder, Points scheme, KeyHash keyHash, String name, int count,
      int owner, int[] words) {
    byte[] prefix = (name + "-").getBytes(StandardCharsets.UTF_8);
    byte[] buf = Arrays.copyOf(prefix, prefix.length + 20);
    if (scheme == Points.HUNDRED_HASHED) {
      for (int i = 0; i < count; i++) {
        int len = prefix.length + Decimal.write(i, buf, prefix.length);
        builder.add(keyHash.hash(buf, 0, len), owner);
      }
      return;
    }
    for (int i = 0; i < count / 4; i++) {
      int len = prefix.length + Decimal.write(i, buf, prefix.length);
      Md5.words(buf, 0, len, words);
      builder.add(words[0], owner).add(words[1], owner).add(words[2], owner).add(words[3], owner);
    }
  }

  /** True for an IPv4 dotted quad or an IPv6 literal, which {@code InetSocketAddress} keeps unresolved-free. */
  static boolean isIpLiteral(String host) {
    if (host.indexOf(':') >= 0) {
      return true; // IPv6 (Server keeps it without brackets)
    }
    String[] parts = host.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3) {
        return false;
      }
      for (int i = 0; i < p.length(); i++) {
        if (p.charAt(i) < '0' || p.charAt(i) > '9') {
          return false;
        }
      }
      if (Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  // With one server the peer skips the hash; every point of the ring is that server's, so any
  // position (0 here) gives the same answer as hashing would.
  @Override
  int hash(byte[] key, int offset, int length) {
    return single ? 0 : keyHash.hash(key, offset, length);
  }

  @Override
  int hash(CharSequence key) {
    return single ? 0 : keyHash.hash(key);
  }

  @Override
  String keyHashName() {
    return keyHash.toString();
  }

  /**
   * In list order (ties follow it); the name where it is on the ring (twemproxy), the resolved address
   * where the node key holds it (spymemcached's default format); the capacity only where it sets the
   * point counts (weighted rings, and libmemcached's once some weight exceeds 1), 0 read as 1 where the
   * peer does so.
   */
  @Override
  void describe(Server[] servers, Fingerprint f) {
    Fingerprint.Reading reading = Fingerprint.Reading.LIST;
    if (dialect.names == NodeName.TWEMPROXY) {
      reading = reading.names();
    }
    if (dialect.names == NodeName.SPYMEMCACHED) {
      reading = reading.addresses();
    }
    boolean weighted = dialect.points == Points.WEIGHTED_MD5_WORDS
        || (dialect.points == Points.HUNDRED_HASHED_UNLESS_WEIGHTED && anyAboveOne(servers));
    if (!weighted) {
      reading = reading.capacityIgnored();
    } else if (dialect.effectiveCapacity(0) == 1) {
      reading = reading.zeroCapacityAsOne();
    }
    f.servers(servers, reading);
  }

  private static boolean anyAboveOne(Server[] servers) {
    for (Server s : servers) {
      if (s.capacity() > 1) {
        return true;
      }
    }
    return false;
  }
}
