package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link KeySpace#keyHash()} names the function that takes a key into the key space: hashing sample
 * keys with the named function (the models' own, {@link Models}, written from each definition) and looking the
 * value up in the arcs gives the server {@code resolve} gives, for every ring placement.
 */
class KeySpaceKeyHashTest {
  private static long hash(String name, String key) {
    byte[] b = key.getBytes(StandardCharsets.UTF_8);
    switch (name) {
      case "md5":
        return Models.Ketama.MD5.hash(b);
      case "one-at-a-time":
        return Models.Ketama.OAT.hash(b);
      case "twemproxy-fnv1a_64":
        return Models.Ketama.FNV.hash(b);
      case "crc32":
      case "sdbm":
      case "djb2":
      case "wt6":
      case "sdbm+avalanche":
      case "djb2+avalanche":
      case "wt6+avalanche":
      case "crc32+avalanche":
        return ProxyModels.haproxyHash(name.replace("+avalanche", ""), name.endsWith("+avalanche"), b);
      default:
        assertThat(name).startsWith("xxh64-high32-seed-");
        long seed = Long.parseLong(name.substring("xxh64-high32-seed-".length()));
        return XxHash64.hash(b, 0, b.length, seed) >>> 32;
    }
  }

  @Test
  void theNamedKeyHashTakesEveryKeyToTheArcOfItsServer() throws Exception {
    List<Server> fleet = Placements.servers(7, 11);
    int rings = 0;
    for (Algorithm a : Algorithm.values()) {
      Continuum c = a.accepts(Options.Knob.SEED) && a != Algorithm.PYMEMCACHE
          ? Continuum.builder(a).seed(99).build() : Continuum.builder(a).build();
      c.addServers(fleet);
      if (c.keySpace().isEmpty()) {
        continue;
      }
      rings++;
      KeySpace ks = c.keySpace().get();
      for (String key : Placements.keys(3000, 5)) {
        Server owner = ks.servers().get(ks.ownerOf(hash(ks.keyHash(), key)));
        assertThat(owner).as("%s (%s): %s", a, ks.keyHash(), key).isEqualTo(c.resolve(key));
      }
    }
    assertThat(rings).isEqualTo(24); // 21, plus xmemcached, xmemcached-nginx and dubbo
  }
}
