package dev.continuum.xmemcached;

import static dev.continuum.xmemcached.XmemClients.connect;
import static dev.continuum.xmemcached.XmemClients.hits;
import static dev.continuum.xmemcached.XmemClients.randomKeys;
import static dev.continuum.xmemcached.XmemClients.setAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.Algorithm;
import dev.continuum.testkit.LoopbackPorts;
import dev.continuum.testkit.MemcacheTextClient;
import dev.continuum.testkit.Memcached;
import dev.continuum.testkit.Nutcracker;
import dev.continuum.testkit.Pymemcache;
import dev.continuum.testkit.RunSeed;
import dev.continuum.xmemcached.ContinuumSessionLocator.ServerNames;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.rubyeye.xmemcached.MemcachedClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * continuum-xmemcached sharing real memcached servers with nutcracker and pymemcache: keys written
 * through an {@code XMemcachedClient} with {@link ContinuumSessionLocator} are read back through the
 * other program, and the other way round, every key found. Fresh random fleets (2 to 6 servers,
 * nutcracker weights 1 to 3) and keys every run; the seed is printed ({@code -Dxmem.seed=N} replays).
 *
 * <p>Servers are given to every program as {@code 127.0.0.1:port}; the locator names them by that IP
 * ({@link ServerNames#IP}). Two controls show the test can fail: another dialect misses many keys, and
 * xmemcached's own naming misses many too wherever 127.0.0.1 has a reverse name other than
 * itself (it is {@code localhost} here).
 */
class LiveInteropTest {
  private static final RunSeed SEED = RunSeed.fromProperty("xmem.seed", "xmemcached");
  private static final int KEYS = 10_000;
  /**
   * A control finds fewer keys than this. Two placements that do not agree still agree on a key by
   * chance: on two servers weighted 3 and 1 on about 62.5% of them (0.75^2 + 0.25^2), at most on the
   * fleets drawn here; so "fails" means at least 10% of the keys missed, not most of them.
   */
  private static final int CONTROL_BELOW = KEYS * 9 / 10;

  private final List<AutoCloseable> started = new ArrayList<>();

  @AfterEach
  void stopEverything() {
    Memcached.closeAll(started); // clients were added first, so they stop before their servers
  }

  @Test
  void nutcrackerKetamaMd5AndTheTwemproxyMd5Dialect() throws Exception {
    nutcrackerRoundTrip("md5", Algorithm.TWEMPROXY_MD5, Algorithm.TWEMPROXY);
  }

  @Test
  void nutcrackerKetamaDefaultHashAndTheTwemproxyDialect() throws Exception {
    nutcrackerRoundTrip(null, Algorithm.TWEMPROXY, Algorithm.TWEMPROXY_MD5); // no hash line: fnv1a_64
  }

  private void nutcrackerRoundTrip(String hash, Algorithm dialect, Algorithm control) throws Exception {
    String hashName = hash == null ? "fnv1a_64 (default)" : hash;
    Random random = SEED.random("nutcracker " + hashName);
    List<Memcached> servers = memcached(2 + random.nextInt(5));
    int[] weights = new int[servers.size()];
    Nutcracker.Pool pool = Nutcracker.Pool.ketama().hash(hash);
    for (int i = 0; i < weights.length; i++) {
      weights[i] = 1 + random.nextInt(3);
      pool.server(servers.get(i).port(), weights[i]);
    }
    Nutcracker proxy = Nutcracker.start(pool);
    started.add(0, proxy);
    MemcachedClient java = client(servers, weights, dialect, ServerNames.IP);
    Set<String> taken = new HashSet<>();
    List<String> byProxy = randomKeys(random, KEYS, taken);
    List<String> byJava = randomKeys(random, KEYS, taken);

    try (MemcacheTextClient viaProxy = proxy.client()) {
      for (String k : byProxy) {
        assertThat(viaProxy.set(k, k)).as("set %s through nutcracker", k).isTrue();
      }
      int javaHits = hits(java, byProxy);
      int otherDialect = hits(client(servers, weights, control, ServerNames.IP), byProxy);
      int xmemcachedNames = hits(client(servers, weights, dialect, ServerNames.XMEMCACHED), byProxy);
      setAll(java, byJava);
      int proxyHits = 0;
      for (String k : byJava) {
        if (k.equals(viaProxy.get(k))) {
          proxyHits++;
        }
      }
      System.out.printf("%snutcracker ketama (hash %s), %d servers weights %s: nutcracker -> xmemcached %s:"
          + " %d of %d hits; xmemcached -> nutcracker: %d of %d; controls: dialect %s %d hits, xmemcached's names %d"
          + " hits%n", SEED.replay(), hashName, servers.size(), Arrays.toString(weights), dialect.cliName(), javaHits,
          KEYS, proxyHits, KEYS, control.cliName(), otherDialect, xmemcachedNames);
      assertThat(javaHits).as(SEED.replay() + "keys nutcracker wrote, read by xmemcached").isEqualTo(KEYS);
      assertThat(proxyHits).as(SEED.replay() + "keys xmemcached wrote, read by nutcracker").isEqualTo(KEYS);
      assertThat(otherDialect).as(SEED.replay() + "control: another dialect").isLessThan(CONTROL_BELOW);
      assertNamingControl(xmemcachedNames);
    }
  }

  @Test
  void pymemcacheHashClientAndThePymemcacheDialect() throws Exception {
    Random random = SEED.random("pymemcache");
    List<Memcached> servers = memcached(2 + random.nextInt(5));
    int[] weights = new int[servers.size()];
    Arrays.fill(weights, 1); // pymemcache's HashClient has no weights
    List<Integer> ports = servers.stream().map(Memcached::port).toList();
    MemcachedClient java = client(servers, weights, Algorithm.PYMEMCACHE, ServerNames.IP);
    Set<String> taken = new HashSet<>();
    List<String> byPython = randomKeys(random, KEYS, taken);
    List<String> byJava = randomKeys(random, KEYS, taken);

    Pymemcache.write(ports, byPython);
    int javaHits = hits(java, byPython);
    int otherDialect = hits(client(servers, weights, Algorithm.TWEMPROXY_MD5, ServerNames.IP), byPython);
    int xmemcachedNames = hits(client(servers, weights, Algorithm.PYMEMCACHE, ServerNames.XMEMCACHED), byPython);
    setAll(java, byJava);
    int pythonHits = Pymemcache.hits(ports, byJava);
    System.out.printf("%spymemcache HashClient, %d servers: pymemcache -> xmemcached pymemcache: %d of %d"
        + " hits; xmemcached -> pymemcache: %d of %d; controls: dialect twemproxy-md5 %d hits, xmemcached's names %d"
        + " hits%n", SEED.replay(), servers.size(), javaHits, KEYS, pythonHits, KEYS, otherDialect, xmemcachedNames);
    assertThat(javaHits).as(SEED.replay() + "keys pymemcache wrote, read by xmemcached").isEqualTo(KEYS);
    assertThat(pythonHits).as(SEED.replay() + "keys xmemcached wrote, read by pymemcache").isEqualTo(KEYS);
    assertThat(otherDialect).as(SEED.replay() + "control: another dialect").isLessThan(CONTROL_BELOW);
    assertNamingControl(xmemcachedNames);
  }

  /**
   * xmemcached's own naming reverse-resolves 127.0.0.1: where that gives another name, servers are
   * named differently from the other program's and most keys miss; where it gives the IP back, the
   * names agree and every key is found. Either way the outcome is asserted.
   */
  private static void assertNamingControl(int hits) throws Exception {
    String reverse = InetAddress.getByName(LoopbackPorts.HOST).getHostName();
    if (reverse.equals(LoopbackPorts.HOST)) {
      assertThat(hits).as(SEED.replay() + "control: xmemcached's names, 127.0.0.1 without a reverse name").isEqualTo(KEYS);
    } else {
      assertThat(hits).as(SEED.replay() + "control: xmemcached's names (127.0.0.1 is %s)", reverse).isLessThan(CONTROL_BELOW);
    }
  }

  private List<Memcached> memcached(int n) {
    List<Memcached> servers = Memcached.startMany(n);
    started.addAll(servers);
    return servers;
  }

  private MemcachedClient client(List<Memcached> servers, int[] weights, Algorithm algorithm, ServerNames names) {
    MemcachedClient client = connect(servers, weights, ContinuumSessionLocator.builder(algorithm).serverNames(names).build());
    started.add(0, client::shutdown);
    return client;
  }
}
