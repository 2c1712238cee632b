package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/compatibility.md, "How the dialects differ from each other": which "ketama" implementations agree, measured on 20,000
 * keys with the verified dialects.
 */
class CrossDialectTest {
  private static final int KEYS = 20_000;

  private static Continuum ring(Algorithm a, List<Server> servers) {
    Continuum c = new Continuum(a);
    c.addServers(servers);
    return c;
  }

  /** The fraction of keys both place on the same list position. */
  private static double agreement(Continuum x, Continuum y) {
    int same = 0;
    for (int i = 0; i < KEYS; i++) {
      String key = "key-" + i;
      if (x.servers().indexOf(x.resolve(key)) == y.servers().indexOf(y.resolve(key))) {
        same++;
      }
    }
    return (double) same / KEYS;
  }

  private static List<Server> servers(int n, boolean unequal, boolean port11211) {
    List<Server> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(Server.of("10.2." + (i / 200) + "." + (i % 200 + 1), port11211 ? 11211 : 20000 + i,
          unequal ? 1 + i % 5 : 1));
    }
    return list;
  }

  @Test
  void libketamaCompatibleSetAgreesExactly() {
    for (boolean unequal : new boolean[] {false, true}) {
      List<Server> s = servers(10, unequal, false);
      Continuum lib = ring(Algorithm.LIBMEMCACHED_KETAMA_WEIGHTED, s);
      assertThat(agreement(lib, ring(Algorithm.TWEMPROXY_MD5, s))).isEqualTo(1.0);
      assertThat(agreement(lib, ring(Algorithm.SPYMEMCACHED_LIBMEMCACHED_WEIGHTED, s))).isEqualTo(1.0);
    }
  }

  @Test
  void spymemcachedDefaultFormatEqualsLibmemcachedOnlyForIpLiteralsOffPort11211() {
    List<Server> off = servers(10, false, false);
    assertThat(agreement(ring(Algorithm.SPYMEMCACHED, off), ring(Algorithm.LIBMEMCACHED_KETAMA_WEIGHTED, off))).isEqualTo(1.0);
    List<Server> on = servers(10, false, true);
    assertThat(agreement(ring(Algorithm.SPYMEMCACHED, on), ring(Algorithm.LIBMEMCACHED_KETAMA_WEIGHTED, on))).isLessThan(0.5);
  }

  @Test
  void fiftyEqualServersDifferBecauseOfFloat32() {
    // spymemcached unweighted always uses 160 points, libmemcached 156 for n = 50 (section 0).
    List<Server> s = servers(50, false, true);
    double a = agreement(ring(Algorithm.SPYMEMCACHED_LIBMEMCACHED, s), ring(Algorithm.LIBMEMCACHED_KETAMA_WEIGHTED, s));
    assertThat(a).isBetween(0.95, 0.99);
  }

  @Test
  void defaultTwemproxyAndDefaultLibmemcachedKetamaAreChanceLevel() {
    List<Server> s = servers(10, false, true);
    Continuum lib = ring(Algorithm.LIBMEMCACHED_KETAMA_WEIGHTED, s);
    assertThat(agreement(lib, ring(Algorithm.TWEMPROXY, s))).isLessThan(0.35);
    assertThat(agreement(lib, ring(Algorithm.LIBMEMCACHED_KETAMA, s))).isLessThan(0.35);
    assertThat(agreement(lib, ring(Algorithm.PYMEMCACHE, s))).isLessThan(0.35);
  }
}
