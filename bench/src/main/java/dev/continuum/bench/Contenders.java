package dev.continuum.bench;

import com.dynatrace.hash4j.consistent.ConsistentBucketHasher;
import com.dynatrace.hash4j.consistent.ConsistentHashing;
import com.dynatrace.hash4j.hashing.Hasher64;
import com.google.code.yanf4j.core.Session;
import com.google.common.hash.HashFunction;
import dev.continuum.Algorithm;
import dev.continuum.BenchSupport;
import dev.continuum.Continuum;
import dev.continuum.KeyHashFunction;
import dev.continuum.Server;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
import net.rubyeye.xmemcached.impl.KetamaMemcachedSessionLocator;
import net.rubyeye.xmemcached.networking.MemcachedSession;
import net.rubyeye.xmemcached.utils.InetSocketAddressWrapper;
import net.spy.memcached.DefaultHashAlgorithm;
import net.spy.memcached.KetamaNodeLocator;
import net.spy.memcached.MemcachedNode;
import redis.clients.jedis.JedisShardInfo;
import redis.clients.jedis.util.Sharded;

/** Every contender by name, built over a {@link Fleet}. */
final class Contenders {
  private Contenders() {}

  /** Contenders that place keys on servers (checked to resolve every key to one of the fleet's). */
  static final String[] PLACERS = {
    "continuum-python", "continuum-spymemcached", "continuum-twemproxy-md5", "spymemcached", "xmemcached",
    "jedis-sharded", "continuum-ring", "continuum-jump", "continuum-jumpback", "continuum-maglev", "continuum-memento",
    "continuum-memento-10pct-removed", "guava-jump", "hash4j-jumpback", "hash4j-jumpback-continuum-hash",
    "continuum-jumpback-mixed", "continuum-jumpback-rapidhash", "continuum-jumpback-xxhash64",
  };
  /** The md5 dialects of issue 11's target (libmemcached's runs apart: it stops at 100 servers). */
  static final String[] MD5_DIALECTS = {"continuum-python", "continuum-spymemcached", "continuum-twemproxy-md5"};
  /** libmemcached's libketama ring (md5 keys), limited to 100 servers as libmemcached is. */
  static final String LIBMEMCACHED = "continuum-libmemcached";
  /** Hash-only floors: the cost of a key hash alone. */
  static final String[] FLOORS = {"floor-md5-messagedigest", "floor-md5-messagedigest-noalloc", "floor-md5-continuum",
    "floor-murmur3-chars", "floor-komihash-chars", "floor-keyhash-continuum"};

  static Contender create(String name, Fleet fleet) {
    if (name.equals(MIXED)) {
      Continuum timed = built("continuum-jumpback", fleet);
      runBesideOthers(fleet, timed, c -> {
        int sum = 0;
        for (String key : fleet.keys) {
          sum += c.resolve(key).port();
        }
        return sum;
      });
      return continuum(timed, i -> false);
    }
    if (name.startsWith("continuum-")) {
      boolean removals = name.equals("continuum-memento-10pct-removed");
      return continuum(built(name, fleet), i -> removals && removedTenth(i, fleet.size()));
    }
    switch (name) {
      case "spymemcached":
        return spymemcached(fleet);
      case "xmemcached":
        return xmemcached(fleet);
      case "jedis-sharded":
        return jedis(fleet);
      case "guava-jump":
        return guavaJump(fleet);
      case "hash4j-jumpback":
        return hash4jJumpBack(fleet, com.dynatrace.hash4j.hashing.Hashing.komihash5_0()::hashCharsToLong);
      case "hash4j-jumpback-continuum-hash":
        return hash4jJumpBack(fleet, BenchSupport.defaultKeyHash(Algorithm.JUMPBACK)::applyAsLong);
      case "floor-md5-messagedigest":
        return md5MessageDigest();
      case "floor-md5-messagedigest-noalloc":
        return md5MessageDigestNoAlloc();
      case "floor-md5-continuum":
        return floor(BenchSupport::md5);
      case "floor-keyhash-continuum":
        ToLongFunction<CharSequence> keyHash = BenchSupport.defaultKeyHash(Algorithm.RING);
        return floor(key -> (int) keyHash.applyAsLong(key));
      case "floor-murmur3-chars":
        Hasher64 murmur = com.dynatrace.hash4j.hashing.Hashing.murmur3_128();
        return floor(key -> (int) murmur.hashCharsToLong(key));
      case "floor-komihash-chars":
        Hasher64 komihash = com.dynatrace.hash4j.hashing.Hashing.komihash5_0();
        return floor(key -> (int) komihash.hashCharsToLong(key));
      default:
        throw new IllegalArgumentException("unknown contender " + name);
    }
  }

  /**
   * The continuum of contender {@code name} over the fleet: python-continuum with 160 dots a server (the
   * ring size of the others), libmemcached's libketama ring, memento with every tenth server removed,
   * or the algorithm named after {@code continuum-} with its defaults.
   */
  static Continuum built(String name, Fleet fleet) {
    Continuum c = switch (name) {
      case "continuum-python" -> Continuum.builder(Algorithm.PYTHON_CONTINUUM).totalDots(160 * fleet.size()).build();
      case "continuum-libmemcached" -> new Continuum(Algorithm.LIBMEMCACHED_KETAMA_WEIGHTED);
      case "continuum-memento-10pct-removed" -> new Continuum(Algorithm.MEMENTO);
      case "continuum-jumpback-rapidhash" -> Continuum.builder(Algorithm.JUMPBACK).keyHash(KeyHashFunction.RAPIDHASH).build();
      case "continuum-jumpback-xxhash64" -> Continuum.builder(Algorithm.JUMPBACK).keyHash(KeyHashFunction.XXHASH64).build();
      default -> new Continuum(Algorithm.byName(name.substring("continuum-".length())));
    };
    Server[] all = servers(fleet);
    c.addServers(all);
    if (name.equals("continuum-memento-10pct-removed")) {
      for (int i = 0; i < all.length; i++) {
        if (removedTenth(i, all.length)) {
          c.removeServer(all[i]);
        }
      }
    }
    return c;
  }

  /**
   * {@code continuum-jumpback} timed in a JVM that also runs continuums of other algorithms
   * ({@link #runBesideOthers}).
   */
  static final String MIXED = "continuum-jumpback-mixed";

  /**
   * Before a {@code -mixed} contender is timed: continuums of four other algorithms (ring, maglev,
   * memento with removals, jump) and the timed one take turns resolving every key through
   * {@code lookups}, 30 rounds, as in an application with continuums of several algorithms. The
   * JIT's profile of continuum's lookup methods then holds several placement classes, so a lookup
   * that calls through the placement is no longer inlined for one class alone; the plain contender,
   * in a fork of its own, shows the best case of one algorithm per JVM.
   */
  static void runBesideOthers(Fleet fleet, Continuum timed, ToIntFunction<Continuum> lookups) {
    List<Continuum> all = new ArrayList<>();
    all.add(timed);
    for (String other : new String[] {"continuum-ring", "continuum-maglev", "continuum-memento-10pct-removed", "continuum-jump"}) {
      all.add(built(other, fleet));
    }
    int sink = 0;
    for (int round = 0; round < 30; round++) {
      for (Continuum c : all) {
        sink += lookups.applyAsInt(c);
      }
    }
    mixedSink = sink;
  }

  /** Keeps {@link #runBesideOthers}'s lookups observable, so that none is optimised away. */
  static volatile int mixedSink;

  /** Every tenth server of the fleet (at least one): what {@code memento-10pct-removed} removes. */
  static boolean removedTenth(int i, int servers) {
    return servers >= 10 ? i % 10 == 5 : i == servers / 2;
  }

  static Server[] servers(Fleet fleet) {
    Server[] out = new Server[fleet.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Server.of(fleet.hosts[i], Fleet.PORT);
    }
    return out;
  }

  /** A contender over {@code c}, whose fleet servers {@code removed} were taken out of it. */
  static Contender continuum(Continuum c, IntPredicate removed) {
    return new Contender() {
      @Override
      public Object locate(String key) {
        return c.resolve(key);
      }

      @Override
      public String nameOf(Object located) {
        Server s = (Server) located;
        return s.host() + ":" + s.port();
      }

      @Override
      public boolean removed(int server) {
        return removed.test(server);
      }
    };
  }

  /** spymemcached nodes: stand-ins answering only what the locator asks (the socket address). */
  static List<MemcachedNode> spyNodes(Fleet fleet, int from, int to) {
    List<MemcachedNode> nodes = new ArrayList<>();
    for (int i = from; i < to; i++) {
      nodes.add(standIn(MemcachedNode.class, address(i)));
    }
    return nodes;
  }

  /**
   * Server i's socket address, built from the IP's bytes so that it carries no host name: its
   * {@code toString()} is {@code /ip:port}, which spymemcached's default node key turns into
   * {@code ip:port}, the libketama name (an address made from the string "10.0.0.1" would print
   * {@code 10.0.0.1/10.0.0.1:port} and give a different ring).
   */
  static InetSocketAddress address(int i) {
    try {
      return new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, (byte) (i >>> 16), (byte) (i >>> 8), (byte) i}), Fleet.PORT);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static InetSocketAddress named(InetSocketAddress a) {
    try {
      InetAddress ip = a.getAddress();
      return new InetSocketAddress(InetAddress.getByAddress(ip.getHostAddress(), ip.getAddress()), a.getPort());
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  static Contender spymemcached(Fleet fleet) {
    KetamaNodeLocator locator = new KetamaNodeLocator(spyNodes(fleet, 0, fleet.size()), DefaultHashAlgorithm.KETAMA_HASH);
    return new Contender() {
      @Override
      public Object locate(String key) {
        return locator.getPrimary(key);
      }

      @Override
      public String nameOf(Object located) {
        return addressName((InetSocketAddress) ((MemcachedNode) located).getSocketAddress());
      }
    };
  }

  static List<Session> xmemcachedSessions(Fleet fleet, int from, int to) {
    List<Session> sessions = new ArrayList<>();
    for (int i = from; i < to; i++) {
      sessions.add(standIn(MemcachedSession.class, address(i)));
    }
    return sessions;
  }

  static Contender xmemcached(Fleet fleet) {
    KetamaMemcachedSessionLocator locator = new KetamaMemcachedSessionLocator();
    locator.updateSessions(xmemcachedSessions(fleet, 0, fleet.size()));
    return new Contender() {
      @Override
      public Object locate(String key) {
        return locator.getSessionByKey(key);
      }

      @Override
      public String nameOf(Object located) {
        return addressName(((Session) located).getRemoteSocketAddress());
      }
    };
  }

  static Contender jedis(Fleet fleet) {
    List<JedisShardInfo> shards = new ArrayList<>();
    for (String host : fleet.hosts) {
      shards.add(new JedisShardInfo(host, Fleet.PORT));
    }
    Sharded<?, JedisShardInfo> sharded = new Sharded<>(shards);
    return new Contender() {
      @Override
      public Object locate(String key) {
        return sharded.getShardInfo(key);
      }

      @Override
      public String nameOf(Object located) {
        JedisShardInfo info = (JedisShardInfo) located;
        return info.getHost() + ":" + info.getPort();
      }
    };
  }

  static Contender guavaJump(Fleet fleet) {
    HashFunction murmur = com.google.common.hash.Hashing.murmur3_128();
    String[] names = fleet.names;
    return new Contender() {
      @Override
      public Object locate(String key) {
        return names[com.google.common.hash.Hashing.consistentHash(murmur.hashString(key, StandardCharsets.UTF_8), names.length)];
      }

      @Override
      public String nameOf(Object located) {
        return (String) located;
      }
    };
  }

  /** hash4j's JumpBackHash over {@code hash} of the key (komihash of its chars, or continuum's key hash). */
  static Contender hash4jJumpBack(Fleet fleet, ToLongFunction<String> hash) {
    ConsistentBucketHasher jump = ConsistentHashing.jumpBackHashSplitMix64();
    String[] names = fleet.names;
    return new Contender() {
      @Override
      public Object locate(String key) {
        return names[jump.getBucket(hash.applyAsLong(key), names.length)];
      }

      @Override
      public String nameOf(Object located) {
        return (String) located;
      }
    };
  }

  /** MD5 of the key as a peer would do it: getBytes, one reused MessageDigest, a new digest array. */
  static Contender md5MessageDigest() {
    MessageDigest md5;
    try {
      md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return new Contender() {
      @Override
      public Object locate(String key) {
        md5.reset();
        return md5.digest(key.getBytes(StandardCharsets.UTF_8));
      }

      @Override
      public String nameOf(Object located) {
        return null;
      }
    };
  }

  /**
   * The best a caller can do with MessageDigest: encode into a reused buffer, digest into a reused
   * array; no allocation, but MessageDigest's bookkeeping on every key.
   */
  static Contender md5MessageDigestNoAlloc() {
    MessageDigest md5;
    try {
      md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buf = new byte[1024];
    byte[] out = new byte[16];
    return floor(key -> {
      int n = key.length();
      for (int i = 0; i < n; i++) {
        buf[i] = (byte) key.charAt(i); // the keys are ASCII
      }
      md5.update(buf, 0, n);
      try {
        md5.digest(out, 0, 16);
      } catch (java.security.DigestException e) {
        throw new IllegalStateException(e);
      }
      return out[0];
    });
  }

  /** Tokens a floor returns, picked by the hash so that the hash cannot be optimised away. */
  private static final Object[] TOKENS = new Object[1024];

  static {
    for (int i = 0; i < TOKENS.length; i++) {
      TOKENS[i] = Integer.toString(i);
    }
  }

  interface IntHash {
    int hash(String key);
  }

  static Contender floor(IntHash hash) {
    return new Contender() {
      @Override
      public Object locate(String key) {
        return TOKENS[hash.hash(key) & (TOKENS.length - 1)];
      }

      @Override
      public String nameOf(Object located) {
        return null;
      }
    };
  }

  static String addressName(InetSocketAddress a) {
    return a.getAddress().getHostAddress() + ":" + a.getPort();
  }

  /**
   * A stand-in for a client's connection object: answers its address, "not closed", weight 1, and
   * identity equality; anything else returns a zero value. Only locators ever call it here.
   */
  static <T> T standIn(Class<T> type, InetSocketAddress address) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, new StandIn(address)));
  }

  /** A named class, not a lambda, so that JOL can walk it (it cannot read hidden classes' fields). */
  private static final class StandIn implements InvocationHandler {
    private final InetSocketAddress address;
    /** xmemcached names a session's ring points after this wrapper's address string. */
    private InetSocketAddressWrapper wrapper;

    StandIn(InetSocketAddress address) {
      this.address = address;
    }

    /**
     * Made on first use (xmemcached only), over a copy of the address that already carries its IP as
     * host name: the wrapper asks for the host name, which would otherwise be a reverse DNS lookup
     * (seconds for 10,000 servers) and would be kept by the shared InetAddress, changing what
     * spymemcached's node keys print.
     */
    private InetSocketAddressWrapper wrapper() {
      if (wrapper == null) {
        wrapper = new InetSocketAddressWrapper(named(address), 0, 1, null);
        wrapper.setRemoteAddressStr(address.getAddress().getHostAddress() + ":" + address.getPort());
      }
      return wrapper;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
      switch (method.getName()) {
        case "hashCode":
          return System.identityHashCode(proxy);
        case "equals":
          return proxy == args[0];
        case "toString":
          return address.toString();
        case "getSocketAddress":
        case "getRemoteSocketAddress":
          return address;
        case "getWeight":
          return 1;
        case "getInetSocketAddressWrapper":
          return wrapper();
        default:
          break;
      }
      Class<?> r = method.getReturnType();
      if (r == boolean.class) {
        return false; // isClosed and every other flag
      }
      if (r == int.class) {
        return 0;
      }
      if (r == long.class) {
        return 0L;
      }
      return null;
    }
  }
}
