package dev.continuum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import dev.continuum.Server;
import org.junit.jupiter.api.Test;

/**
 * {@code continuum fingerprint}: one fingerprint for one placement, whatever the source format; the
 * twemproxy pool and its server list agree, and a list differing in a way the dialect reads does not.
 */
class FingerprintCommandTest {
  private static String fingerprint(String... args) {
    Cli r = Cli.run(args);
    assertThat(r.code).as(r.err).isZero();
    return r.out.strip();
  }

  @Test
  void aTwemproxyPoolAndItsServerListHaveOneFingerprint() {
    String pool = fingerprint("fingerprint", "--twemproxy", Cli.EXAMPLES.resolve("nutcracker.yml").toString(),
        "--pool", "cache");
    String list = fingerprint("fingerprint", "--servers", Cli.EXAMPLES.resolve("fleet.txt").toString(),
        "--algorithm", "twemproxy-md5");
    assertThat(pool).startsWith("twemproxy-md5-v1-").isEqualTo(list);
    // The same fleet built in Java, names included.
    Continuum c = new Continuum(Algorithm.TWEMPROXY_MD5);
    String[] names = {"cache-a", "cache-b", "cache-c", "cache-d", "cache-e", "cache-f"};
    int[] weights = {1, 1, 1, 2, 2, 1};
    for (int i = 0; i < 6; i++) {
      c.addServer(Server.of("10.0.1." + (i + 1), 11211, weights[i]).withName(names[i]));
    }
    assertThat(c.fingerprint()).isEqualTo(pool);
  }

  @Test
  void whatTheDialectReadsChangesIt() {
    String named = fingerprint("fingerprint", "--servers", Cli.EXAMPLES.resolve("fleet.txt").toString(),
        "--algorithm", "twemproxy-md5");
    String renamed = fingerprint("fingerprint", "--servers", Cli.EXAMPLES.resolve("fleet.txt").toString(),
        "--algorithm", "twemproxy-md5", "--name", "10.0.1.1:11211=cache-z");
    String otherHash = fingerprint("fingerprint", "--servers", Cli.EXAMPLES.resolve("fleet.txt").toString(),
        "--algorithm", "twemproxy");
    String libmemcached = fingerprint("fingerprint", "--servers", Cli.EXAMPLES.resolve("fleet.txt").toString(),
        "--algorithm", "libmemcached-ketama-weighted");
    String libketama = fingerprint("fingerprint", "--libketama", Cli.EXAMPLES.resolve("ketama.servers").toString());
    assertThat(renamed).isNotEqualTo(named);
    assertThat(otherHash).isNotEqualTo(named);
    // libmemcached ignores names: the named list and libketama's file (no names) agree.
    assertThat(libketama).startsWith("libmemcached-ketama-weighted-v1-").isEqualTo(libmemcached);
  }

  @Test
  void expectExitsOneWhenTheFingerprintDiffers() {
    String fp = fingerprint("fingerprint", "--servers", Cli.EXAMPLES.resolve("fleet.txt").toString());
    Cli same = Cli.run("fingerprint", "--servers", Cli.EXAMPLES.resolve("fleet.txt").toString(), "--expect", fp);
    assertThat(same.code).isZero();
    Cli other = Cli.run("fingerprint", "--servers", Cli.EXAMPLES.resolve("fleet.txt").toString(),
        "--weight-free", "x");
    assertThat(other.code).isEqualTo(Main.USAGE);
    Cli differs = Cli.run("fingerprint", "--servers", Cli.EXAMPLES.resolve("fleet.txt").toString(),
        "--algorithm", "ring", "--expect", fp);
    assertThat(differs.code).isEqualTo(FingerprintCommand.DIFFERENT);
    assertThat(differs.err).contains("differs from the expected " + fp);
  }
}
