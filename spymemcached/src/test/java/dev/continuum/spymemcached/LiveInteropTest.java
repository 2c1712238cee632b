package dev.continuum.spymemcached;

import static dev.continuum.spymemcached.LiveClients.continuum;
import static dev.continuum.spymemcached.LiveClients.hits;
import static dev.continuum.spymemcached.LiveClients.keys;
import static dev.continuum.spymemcached.LiveClients.setAll;
import static dev.continuum.spymemcached.LiveClients.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.Algorithm;
import dev.continuum.testkit.Memcached;
import dev.continuum.testkit.Nutcracker;
import dev.continuum.testkit.Pymemcache;
import java.util.List;
import net.spy.memcached.MemcachedClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cross-client interoperability on real servers: keys written by nutcracker or pymemcache are found
 * by the Java client with the matching dialect, and the reverse.
 */
class LiveInteropTest {
  private static final int KEYS = 20_000;
  @RegisterExtension
  final Started started = new Started();

  @Test
  void nutcrackerKetamaMd5AndTheTwemproxyMd5Dialect() {
    nutcrackerRoundTrip("md5", Algorithm.TWEMPROXY_MD5, Algorithm.TWEMPROXY);
  }

  @Test
  void nutcrackerKetamaDefaultHashAndTheTwemproxyDialect() {
    nutcrackerRoundTrip(null, Algorithm.TWEMPROXY, Algorithm.TWEMPROXY_MD5); // no hash line: fnv1a_64
  }

  /**
   * {@code control} is a dialect that should miss: not spymemcached for hash md5, whose ring over
   * {@code ip:port} nodes of equal weight is the very same as twemproxy's (spec section 6).
   */
  private void nutcrackerRoundTrip(String hash, Algorithm dialect, Algorithm control) {
    List<Memcached> servers = started.memcached(5);
    Nutcracker.Pool pool = Nutcracker.Pool.ketama().hash(hash); // every server weight 1, unnamed
    servers.forEach(m -> pool.server(m.port(), 1));
    Nutcracker proxy = started.process(Nutcracker.start(pool));
    MemcachedClient viaProxy = started.client(single(proxy.port()));
    MemcachedClient java = started.client(continuum(servers, dialect));

    List<String> byProxy = keys("via-nutcracker:", KEYS);
    setAll(viaProxy, byProxy);
    int javaHits = hits(java, byProxy);
    int controlHits = hits(started.client(continuum(servers, control)), byProxy);
    List<String> byJava = keys("via-java:", KEYS);
    setAll(java, byJava);
    int proxyHits = hits(viaProxy, byJava);
    String hashName = hash == null ? "default fnv1a_64" : hash;
    System.out.printf("interop nutcracker ketama (hash %s) -> Java %s: %d of %d hits; Java -> nutcracker: %d of %d"
        + " hits; control, Java with the %s dialect: %d hits%n",
        hashName, dialect.cliName(), javaHits, KEYS, proxyHits, KEYS, control.cliName(), controlHits);
    assertThat(javaHits).isEqualTo(KEYS);
    assertThat(proxyHits).isEqualTo(KEYS);
    assertThat(controlHits).isLessThan(KEYS / 2); // the dialect matters: another ring misses most keys
  }

  @Test
  void pymemcacheHashClientAndThePymemcacheDialect() {
    List<Memcached> servers = started.memcached(5);
    MemcachedClient java = started.client(continuum(servers, Algorithm.PYMEMCACHE));

    List<Integer> ports = servers.stream().map(Memcached::port).toList();
    Pymemcache.write(ports, keys("by-python:", KEYS));
    int javaHits = hits(java, keys("by-python:", KEYS));
    int controlHits = hits(started.client(continuum(servers, Algorithm.TWEMPROXY_MD5)), keys("by-python:", KEYS));
    setAll(java, keys("by-java:", KEYS));
    int pythonHits = Pymemcache.hits(ports, keys("by-java:", KEYS));
    System.out.printf("interop pymemcache HashClient -> Java pymemcache: %d of %d hits; Java -> pymemcache: %d of %d"
        + " hits; control, Java with the twemproxy-md5 dialect: %d hits%n", javaHits, KEYS, pythonHits, KEYS, controlHits);
    assertThat(javaHits).isEqualTo(KEYS);
    assertThat(controlHits).isLessThan(KEYS / 2);
    assertThat(pythonHits).isEqualTo(KEYS);
  }
}
