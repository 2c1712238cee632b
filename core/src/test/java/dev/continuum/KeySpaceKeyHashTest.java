package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link KeySpace#keyHash()} names the function that takes a key into the key space: hashing sample
 * keys with the named function (written here from each definition, MD5 from the JDK) and looking the
 * value up in the arcs gives the server {@code resolve} gives, for every ring placement.
 */
class KeySpaceKeyHashTest {
  private static long hash(String name, String key) throws NoSuchAlgorithmException {
    byte[] b = key.getBytes(StandardCharsets.UTF_8);
    switch (name) {
      case "md5": {
        byte[] d = MessageDigest.getInstance("MD5").digest(b);
        return (d[0] & 0xFFL) | (d[1] & 0xFFL) << 8 | (d[2] & 0xFFL) << 16 | (d[3] & 0xFFL) << 24;
      }
      case "one-at-a-time": {
        int h = 0;
        for (byte x : b) {
          h += x;
          h += h << 10;
          h ^= h >>> 6;
        }
        h += h << 3;
        h ^= h >>> 11;
        h += h << 15;
        return Integer.toUnsignedLong(h);
      }
      case "twemproxy-fnv1a_64": {
        int h = 0x84222325;
        for (byte x : b) {
          h ^= x;
          h *= 0x1b3;
        }
        return Integer.toUnsignedLong(h);
      }
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
