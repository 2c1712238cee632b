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
import dev.continuum.testkit.Processes;
import dev.continuum.testkit.Programs;
import java.time.Duration;
import java.util.ArrayList;
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
  /** pymemcache 3.5.2 HashClient (rendezvous, murmur3 seed 0): write or count hits of prefix0..n-1. */
  private static final String PYMEMCACHE_SCRIPT = String.join("\n",
      "import sys",
      "from pymemcache.client.hash import HashClient",
      "mode, n, prefix = sys.argv[1], int(sys.argv[2]), sys.argv[3]",
      "c = HashClient([('127.0.0.1', int(p)) for p in sys.argv[4:]], connect_timeout=2, timeout=5)",
      "keys = [prefix + str(i) for i in range(n)]",
      "hits = 0",
      "for i in range(0, n, 500):",
      "    chunk = keys[i:i + 500]",
      "    if mode == 'write':",
      "        failed = c.set_many({k: k.encode() for k in chunk}, noreply=False)",
      "        assert not failed, failed",
      "    else:",
      "        got = c.get_many(chunk)",
      "        hits += sum(1 for k, v in got.items() if v == k.encode())",
      "print(hits if mode == 'read' else n)");

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

    python(servers, "write", "by-python:");
    int javaHits = hits(java, keys("by-python:", KEYS));
    int controlHits = hits(started.client(continuum(servers, Algorithm.TWEMPROXY_MD5)), keys("by-python:", KEYS));
    setAll(java, keys("by-java:", KEYS));
    int pythonHits = Integer.parseInt(python(servers, "read", "by-java:"));
    System.out.printf("interop pymemcache HashClient -> Java pymemcache: %d of %d hits; Java -> pymemcache: %d of %d"
        + " hits; control, Java with the twemproxy-md5 dialect: %d hits%n", javaHits, KEYS, pythonHits, KEYS, controlHits);
    assertThat(javaHits).isEqualTo(KEYS);
    assertThat(controlHits).isLessThan(KEYS / 2);
    assertThat(pythonHits).isEqualTo(KEYS);
  }

  /** Runs the pymemcache script (at most 60 s) and returns its output line. */
  private static String python(List<Memcached> servers, String mode, String prefix) {
    String python = Programs.debianPythonWith("pymemcache", "python3-pymemcache").toString();
    List<String> command = new ArrayList<>(List.of(python, "-c", PYMEMCACHE_SCRIPT, mode, String.valueOf(KEYS), prefix));
    servers.forEach(m -> command.add(String.valueOf(m.port())));
    return Processes.run(command, new byte[0], Duration.ofSeconds(60)).requireSuccess().stdoutText().trim();
  }
}
