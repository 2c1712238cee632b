package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.Options.Knob;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Placement fingerprints, both ways, for every algorithm: continuums with equal fingerprints place
 * sample keys identically (primary and replica order), and a change that moves any sample key changes
 * the fingerprint. The changes an algorithm ignores are stated here, from each peer's documented
 * behaviour, independently of {@code Fingerprint}: they must leave it unchanged (and, checked too,
 * move no key).
 */
class FingerprintTest {
  private static final int KEYS = 1500;

  /** Server names go on the ring (twemproxy) or into the node string (pymemcache). */
  private static final Set<Algorithm> NAMES = EnumSet.of(Algorithm.TWEMPROXY, Algorithm.TWEMPROXY_MD5,
      Algorithm.PYMEMCACHE, Algorithm.NGINX_HASH_CONSISTENT, Algorithm.JEDIS);
  /** Dialects whose peer rejects a weight of 0. */
  static final Set<Algorithm> ZERO_REJECTED = EnumSet.of(Algorithm.TWEMPROXY, Algorithm.TWEMPROXY_MD5,
      Algorithm.NGINX_HASH_CONSISTENT, Algorithm.XMEMCACHED, Algorithm.XMEMCACHED_NGINX);
  /** The resolved address is part of spymemcached's default node key for a host name. */
  private static final Set<Algorithm> ADDRESSES = EnumSet.of(Algorithm.SPYMEMCACHED, Algorithm.SPYMEMCACHED_WEIGHTED,
      Algorithm.XMEMCACHED, Algorithm.XMEMCACHED_NGINX);
  /** Capacities never change a key's server. */
  private static final Set<Algorithm> CAPACITY_IGNORED = EnumSet.of(Algorithm.PYMEMCACHE,
      Algorithm.LIBMEMCACHED_KETAMA_UNWEIGHTED, Algorithm.SPYMEMCACHED, Algorithm.SPYMEMCACHED_LIBMEMCACHED,
      Algorithm.DUBBO);
  /** Capacity 0 is read as 1 (libmemcached). */
  static final Set<Algorithm> ZERO_AS_ONE = EnumSet.of(Algorithm.LIBMEMCACHED_KETAMA,
      Algorithm.LIBMEMCACHED_KETAMA_MD5, Algorithm.LIBMEMCACHED_KETAMA_WEIGHTED, Algorithm.LIBMEMCACHED_SPY,
      Algorithm.LIBMEMCACHED_SPY_MD5, Algorithm.LIBMEMCACHED_SPY_WEIGHTED);
  /** The placement is a function of the set of servers, whatever their order. */
  private static final Set<Algorithm> ORDER_FREE = EnumSet.of(Algorithm.RING, Algorithm.BOUNDED_LOAD,
      Algorithm.RENDEZVOUS, Algorithm.MULTI_PROBE, Algorithm.PYMEMCACHE);
  /** Capacities other than 1 are rejected. */
  private static final Set<Algorithm> UNIT_ONLY = SlowStartTest.UNIT_ONLY;

  private static String[] keys(long seed) {
    return Placements.keys(KEYS, seed);
  }

  /** Every key's primary and, where two servers take keys, its second replica. */
  private static List<String> placement(Continuum c, String[] keys) {
    List<String> out = new ArrayList<>(keys.length);
    boolean two;
    try {
      c.resolve(keys[0], 2);
      two = true;
    } catch (IllegalArgumentException | IllegalStateException fewer) {
      two = false;
    }
    for (String k : keys) {
      if (two) {
        List<Server> pair = c.resolve(k, 2);
        out.add(pair.get(0).hostPort() + " " + pair.get(1).hostPort());
      } else {
        out.add(c.resolve(k).hostPort());
      }
    }
    return out;
  }

  private static Server server(Random r, Algorithm a, boolean unit) {
    boolean named = r.nextBoolean();
    String host = named ? "cache-" + r.nextInt(1000) + ".example" : "10.0." + r.nextInt(256) + "." + r.nextInt(256);
    int capacity = unit || UNIT_ONLY.contains(a) ? 1 : 1 + r.nextInt(3);
    Server s = Server.of(host, 11000 + r.nextInt(400), capacity);
    if (r.nextBoolean()) {
      s = s.withName("n" + r.nextInt(1000));
    }
    if (named) {
      s = s.withAddress("192.168." + r.nextInt(256) + "." + r.nextInt(256));
    }
    return s;
  }

  private static List<Server> fleet(Random r, Algorithm a, int n, boolean unit) {
    List<Server> out = new ArrayList<>();
    while (out.size() < n) {
      Server s = server(r, a, unit);
      boolean clash = out.contains(s);
      for (Server t : out) {
        clash |= s.name() != null && s.name().equals(t.name());
      }
      if (!clash) {
        out.add(s);
      }
    }
    return out;
  }

  private static Continuum.Builder builder(Algorithm a, long seed) {
    Continuum.Builder b = Continuum.builder(a);
    if (a.accepts(Knob.SEED)) {
      b.seed(a == Algorithm.PYMEMCACHE ? seed & 0xFFFFFFFFL : seed);
    }
    return b;
  }

  private static Continuum build(Continuum.Builder b, List<Server> servers) {
    Continuum c = b.build();
    c.addServers(servers);
    return c;
  }

  /** A change to a continuum's configuration, and the algorithms that ignore it. */
  private static final class Change {
    final String what;
    final Function<Algorithm, Boolean> ignoredBy;
    final Function<Algorithm, Continuum> apply;

    Change(String what, Function<Algorithm, Boolean> ignoredBy, Function<Algorithm, Continuum> apply) {
      this.what = what;
      this.ignoredBy = ignoredBy;
      this.apply = apply;
    }
  }

  private static List<Change> changes(Algorithm a, long seed, List<Server> base, Random r) {
    List<Change> out = new ArrayList<>();
    int i = r.nextInt(base.size());
    Server target = base.get(i);
    Function<Function<Server, Server>, Continuum> edit = f -> {
      List<Server> l = new ArrayList<>(base);
      l.set(i, f.apply(target));
      return build(builder(a, seed), l);
    };
    out.add(new Change("a server added", x -> false, x -> {
      List<Server> l = new ArrayList<>(base);
      Server s;
      do {
        s = server(r, x, false);
      } while (l.contains(s) || (s.name() != null && names(l).contains(s.name())));
      l.add(s);
      return build(builder(x, seed), l);
    }));
    if (base.size() > 1) {
      out.add(new Change("a server removed", x -> false, x -> {
        List<Server> l = new ArrayList<>(base);
        l.remove(i);
        return build(builder(x, seed), l);
      }));
      out.add(new Change("two servers swapped", ORDER_FREE::contains, x -> {
        List<Server> l = new ArrayList<>(base);
        Collections.swap(l, i, (i + 1) % l.size());
        return build(builder(x, seed), l);
      }));
    }
    out.add(new Change("a server renamed", x -> !NAMES.contains(x),
        x -> edit.apply(s -> s.withName("renamed-" + r.nextInt(1_000_000)))));
    out.add(new Change("a server's name dropped", x -> !NAMES.contains(x) || target.name() == null,
        x -> edit.apply(s -> s.withName(null))));
    out.add(new Change("an explicit id given", x -> !x.cliName().startsWith("haproxy-"),
        x -> edit.apply(s -> s.withId(1000 + r.nextInt(1000)))));
    out.add(new Change("a server's address changed",
        x -> !ADDRESSES.contains(x) || KetamaRing.isIpLiteral(target.host()),
        x -> edit.apply(s -> s.withAddress("172.16.0." + r.nextInt(256)))));
    out.add(new Change("the other server of the same host",
        x -> false, x -> edit.apply(s -> Server.of(s.host(), s.port() == 65535 ? 1 : s.port() + 1, s.capacity())
            .withAddress(s.address())))); // xmemcached needs a host name's address
    if (!UNIT_ONLY.contains(a)) {
      out.add(new Change("a capacity raised", CAPACITY_IGNORED::contains,
          x -> edit.apply(s -> s.withCapacity(s.capacity() + 1))));
      if (!ZERO_REJECTED.contains(a) && base.size() > 1 && target.capacity() == 1) {
        out.add(new Change("a capacity of 1 set to 0", x -> CAPACITY_IGNORED.contains(x) || ZERO_AS_ONE.contains(x),
            x -> edit.apply(s -> s.withCapacity(0))));
      }
    }
    if (a.accepts(Knob.SEED)) {
      out.add(new Change("another seed", x -> false, x -> build(builder(x, seed + 1), base)));
    }
    if (a.accepts(Knob.DUPLICATE_SERVERS)) {
      out.add(new Change("duplicates allowed", x -> true,
          x -> build(builder(x, seed).allowDuplicateServers(true), base)));
    }
    if (a.accepts(Knob.AVALANCHE)) {
      out.add(new Change("avalanche on", x -> false, x -> build(builder(x, seed).avalanche(true), base)));
    }
    if (a.accepts(Knob.TOTAL_DOTS)) {
      out.add(new Change("totalDots + 4", x -> false, x -> build(builder(x, seed).totalDots(1004), base)));
    }
    if (a.accepts(Knob.POINTS_PER_WEIGHT)) {
      out.add(new Change("pointsPerWeight + 1", x -> false, x -> build(builder(x, seed).pointsPerWeight(161), base)));
    }
    if (a.accepts(Knob.PROBES)) {
      out.add(new Change("probes + 1", x -> false, x -> build(builder(x, seed).probes(22), base)));
    }
    if (a.accepts(Knob.TABLE_SIZE)) {
      out.add(new Change("another table size", x -> false, x -> build(builder(x, seed).tableSize(65521), base)));
    }
    out.add(new Change("autogenerate off, then generate", x -> true, x -> {
      Continuum c = builder(x, seed).autogenerate(false).build();
      c.addServers(base);
      c.generate();
      return c;
    }));
    return out;
  }

  private static List<String> names(List<Server> l) {
    List<String> out = new ArrayList<>();
    for (Server s : l) {
      out.add(s.name());
    }
    return out;
  }

  @Property(tries = 12)
  void aChangeThatMovesAKeyChangesTheFingerprintAndAnIgnoredOneDoesNot(@ForAll long seed) {
    Random r = new Random(seed);
    String[] keys = keys(seed);
    int checkedMoves = 0;
    for (Algorithm a : Algorithm.values()) {
      List<Server> base = fleet(r, a, 1 + r.nextInt(6), r.nextBoolean());
      Continuum c = build(builder(a, seed), base);
      String fp = c.fingerprint();
      List<String> placed = placement(c, keys);
      assertThat(build(builder(a, seed), base).fingerprint()).as("%s rebuilt", a).isEqualTo(fp);
      for (Change ch : changes(a, seed, base, r)) {
        Continuum changed = ch.apply.apply(a);
        boolean moved = !placement(changed, keys).equals(placed);
        if (ch.ignoredBy.apply(a)) {
          assertThat(moved).as("%s: %s is ignored, yet keys moved", a, ch.what).isFalse();
          assertThat(changed.fingerprint()).as("%s: %s", a, ch.what).isEqualTo(fp);
        } else if (moved) {
          checkedMoves++;
          assertThat(changed.fingerprint()).as("%s: %s moved keys", a, ch.what).isNotEqualTo(fp);
        }
      }
    }
    assertThat(checkedMoves).isGreaterThan(60);
  }

  @Property(tries = 6)
  void equalFingerprintsPlaceAlikeWhateverTheHistory(@ForAll long seed) {
    Random r = new Random(seed);
    String[] keys = keys(seed);
    int sharedByDifferentHistories = 0;
    for (Algorithm a : Algorithm.values()) {
      List<Server> pool = fleet(r, a, 4, false);
      Map<String, List<String>> placementByFingerprint = new HashMap<>();
      Map<String, String> historyByFingerprint = new HashMap<>();
      for (int h = 0; h < 24; h++) {
        Continuum c = builder(a, seed).build();
        StringBuilder history = new StringBuilder();
        for (int step = 0; step < 6; step++) {
          Server s = pool.get(r.nextInt(pool.size()));
          boolean member = c.servers().contains(s);
          if (!member) {
            c.addServer(s);
            history.append('+').append(s.hostPort());
          } else if (c.size() > 1 && r.nextBoolean()) {
            c.removeServer(s);
            history.append('-').append(s.hostPort());
          } else if (!UNIT_ONLY.contains(a) && !CAPACITY_IGNORED.contains(a)) {
            c.updateServer(s.withCapacity(1 + r.nextInt(2)));
            history.append('~').append(s.hostPort());
          }
        }
        List<String> placed = placement(c, keys);
        String fp = c.fingerprint();
        List<String> seen = placementByFingerprint.putIfAbsent(fp, placed);
        if (seen != null) {
          assertThat(placed).as("%s: equal fingerprints %s after %s and %s", a, fp, history,
              historyByFingerprint.get(fp)).isEqualTo(seen);
          if (!history.toString().equals(historyByFingerprint.get(fp))) {
            sharedByDifferentHistories++;
          }
        } else {
          historyByFingerprint.put(fp, history.toString());
        }
      }
    }
    assertThat(sharedByDifferentHistories).as("histories that met on one fingerprint").isGreaterThan(10);
  }

  @Test
  void theFormIsTheAlgorithmItsVersionAndSixteenHexDigits() {
    Continuum c = Continuum.builder(Algorithm.TWEMPROXY_MD5).build();
    c.addServers(Server.of("10.0.0.1", 11211), Server.of("10.0.0.2", 11211));
    assertThat(c.fingerprint()).matches("twemproxy-md5-v1-[0-9a-f]{16}");
  }

  /**
   * Pinned: a fingerprint is a contract between processes and releases; it changes only with the
   * record's format or an algorithm's placement version (and then CHANGELOG.md says so).
   */
  @Test
  void pinnedFingerprints() {
    Continuum jump = Continuum.builder(Algorithm.JUMP).seed(7).build();
    jump.addServers(Server.of("10.0.0.1", 11211), Server.of("10.0.0.2", 11211), Server.of("10.0.0.3", 11211));
    jump.removeServer(Server.of("10.0.0.1", 11211));
    Continuum twem = Continuum.builder(Algorithm.TWEMPROXY).build();
    twem.addServers(Server.of("127.0.0.1", 11212).withName("a"), Server.of("127.0.0.1", 11213, 2));
    assertThat(jump.fingerprint()).isEqualTo("jump-v1-3827ce9161592d09");
    assertThat(twem.fingerprint()).isEqualTo("twemproxy-v1-5215d7133a4da47f");
  }

  /**
   * Every algorithm's fingerprint over one fleet that exercises every field a placement may read
   * (names, resolved addresses, explicit ids, capacities 0 to 3), pinned: which fields each algorithm
   * reads is declared by its placement class, and moving or rewriting those declarations must change no
   * fingerprint. An algorithm added without a pin fails here.
   */
  @Test
  void everyAlgorithmsFingerprintIsPinned() {
    Map<Algorithm, String> pinned = new EnumMap<>(Algorithm.class);
    pinned.put(Algorithm.PYTHON_CONTINUUM, "python-continuum-v1-ca51b1bf58a9f5e4");
    pinned.put(Algorithm.RING, "ring-v1-e4bb423f4bd20f80");
    pinned.put(Algorithm.JUMP, "jump-v1-0efacaa8d1c67375");
    pinned.put(Algorithm.JUMPBACK, "jumpback-v2-ca569db8e00042aa");
    pinned.put(Algorithm.RENDEZVOUS, "rendezvous-v1-d75f4150e7453d24");
    pinned.put(Algorithm.MAGLEV, "maglev-v1-e9e0ca041fc2e413");
    pinned.put(Algorithm.MULTI_PROBE, "multi-probe-v1-79306787c56008c2");
    pinned.put(Algorithm.BOUNDED_LOAD, "bounded-load-v1-fac2c032cb930ac3");
    pinned.put(Algorithm.MEMENTO, "memento-v3-3f5de415553451cd");
    pinned.put(Algorithm.LIBMEMCACHED_KETAMA_WEIGHTED, "libmemcached-ketama-weighted-v1-e760bf6b30c6e32f");
    pinned.put(Algorithm.LIBMEMCACHED_KETAMA, "libmemcached-ketama-v1-45e4c18d4a7d45e3");
    pinned.put(Algorithm.LIBMEMCACHED_KETAMA_UNWEIGHTED, "libmemcached-ketama-unweighted-v1-5b64cace088d679e");
    pinned.put(Algorithm.LIBMEMCACHED_KETAMA_MD5, "libmemcached-ketama-md5-v1-6c7c6eb45d7174af");
    pinned.put(Algorithm.LIBMEMCACHED_SPY, "libmemcached-spy-v1-13f03229c5c878c2");
    pinned.put(Algorithm.LIBMEMCACHED_SPY_MD5, "libmemcached-spy-md5-v1-e234e30d874bae89");
    pinned.put(Algorithm.LIBMEMCACHED_SPY_WEIGHTED, "libmemcached-spy-weighted-v1-203f7db52f04853a");
    pinned.put(Algorithm.TWEMPROXY, "twemproxy-v1-25ef722dd8855d7d");
    pinned.put(Algorithm.TWEMPROXY_MD5, "twemproxy-md5-v1-c6a0a4da29348f80");
    pinned.put(Algorithm.SPYMEMCACHED, "spymemcached-v1-8ec177339df9a03a");
    pinned.put(Algorithm.SPYMEMCACHED_WEIGHTED, "spymemcached-weighted-v1-033ad4ea9a9e377d");
    pinned.put(Algorithm.SPYMEMCACHED_LIBMEMCACHED, "spymemcached-libmemcached-v1-ac086ba6af7c846b");
    pinned.put(Algorithm.SPYMEMCACHED_LIBMEMCACHED_WEIGHTED, "spymemcached-libmemcached-weighted-v1-8c343b6dbaa6e379");
    pinned.put(Algorithm.JEDIS, "jedis-v1-68e00379a37e56f8");
    pinned.put(Algorithm.XMEMCACHED, "xmemcached-v1-026a049e6c9a04c4");
    pinned.put(Algorithm.XMEMCACHED_NGINX, "xmemcached-nginx-v1-2b39dcaa12c9ccfb");
    pinned.put(Algorithm.DUBBO, "dubbo-v1-35c1f21c4a893fb6");
    pinned.put(Algorithm.PYMEMCACHE, "pymemcache-v1-c24a9182946c1f20");
    pinned.put(Algorithm.NGINX_HASH_CONSISTENT, "nginx-hash-consistent-v1-7f7bcb0aacbf5c00");
    pinned.put(Algorithm.HAPROXY_SDBM, "haproxy-sdbm-v1-699520b2bdaddfbe");
    pinned.put(Algorithm.HAPROXY_DJB2, "haproxy-djb2-v1-a66d5a6c26b199d8");
    pinned.put(Algorithm.HAPROXY_WT6, "haproxy-wt6-v1-55ba897259ff1fc1");
    pinned.put(Algorithm.HAPROXY_CRC32, "haproxy-crc32-v1-8914464094fce9e7");
    Map<Algorithm, String> actual = new EnumMap<>(Algorithm.class);
    for (Algorithm a : Algorithm.values()) {
      boolean unit = UNIT_ONLY.contains(a);
      boolean zeroAllowed = !unit && !ZERO_REJECTED.contains(a);
      Continuum c = Continuum.builder(a).build();
      c.addServers(Server.of("cache-1.example", 11211, unit ? 1 : 2).withName("alpha").withAddress("10.1.0.1").withId(3),
          Server.of("10.0.0.2", 11212).withId(7),
          Server.of("10.0.0.3", 11211, unit ? 1 : 3).withName("gamma"),
          Server.of("cache-4.example", 11213, zeroAllowed ? 0 : 1).withAddress("10.1.0.4"));
      actual.put(a, c.fingerprint());
    }
    assertThat(actual).isEqualTo(pinned);
  }
}
