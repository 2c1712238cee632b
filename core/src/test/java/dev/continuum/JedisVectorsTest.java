package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every row of the Jedis vectors (3.10.0 ShardedJedis, 6.2.0 JedisSharding), and the worked examples. */
class JedisVectorsTest {
  static Continuum build(List<Vectors.Row> shards) {
    Continuum c = Continuum.builder(Algorithm.JEDIS).allowDuplicateServers(true).build();
    List<Server> list = new ArrayList<>();
    for (Vectors.Row s : shards) {
      Server server = Server.of(s.get("host"), s.getInt("port"), s.getInt("weight"));
      list.add("-".equals(s.get("name")) ? server : server.withName(s.get("name")));
    }
    c.addServers(list);
    return c;
  }

  @Test
  void everyVectorRowMatches() {
    assertThat(VectorCheck.run("jedis", JedisVectorsTest::build, "server_idx", "key_hash",
        (row, c, key) -> Murmur64A.jedis(key, 0, key.length))).isGreaterThan(4000);
  }

  @Test
  void theStringHashEqualsTheByteHash() {
    for (String k : new String[] {"", "a", "abcdefgh", "abcdefghi", "日本語のキー", "\ud800x"}) {
      byte[] b = k.getBytes(StandardCharsets.UTF_8);
      assertThat(Murmur64A.jedis(k)).as(k).isEqualTo(Murmur64A.jedis(b, 0, b.length));
    }
  }

  @Test
  void shardsAreNamedByPositionSoRemovingOneRenumbersTheRest() {
    Continuum c = Continuum.builder(Algorithm.JEDIS).build();
    Server a = c.addServer(Server.of("10.0.0.1", 6379));
    Server b = c.addServer(Server.of("10.0.0.2", 6379));
    Server third = c.addServer(Server.of("10.0.0.3", 6379));
    // "SHARD-1-NODE-0" is a point of the second shard whatever its address.
    assertThat(c.resolve("SHARD-1-NODE-0")).isSameAs(b);
    c.removeServer(b);
    assertThat(c.resolve("SHARD-1-NODE-0")).isSameAs(third);
    assertThat(c.resolve("SHARD-0-NODE-0")).isSameAs(a);
  }

  @Test
  void theLaterOfTwoEquallyNamedShardsTakesEveryPoint() {
    Continuum c = Continuum.builder(Algorithm.JEDIS).build();
    c.addServer(Server.of("10.0.0.1", 6379).withName("same"));
    Server other = c.addServer(Server.of("10.0.0.2", 6379).withName("other"));
    Server last = c.addServer(Server.of("10.0.0.3", 6379).withName("same"));
    for (int i = 0; i < 2000; i++) {
      assertThat(c.resolve("k" + i)).isIn(other, last);
    }
  }

  @Test
  void aRingOfWeightZeroShardsPlacesNothing() {
    // Jedis itself fails such a lookup (NoSuchElementException from an empty TreeMap).
    Continuum c = Continuum.builder(Algorithm.JEDIS).build();
    c.addServer(Server.of("10.0.0.1", 6379, 0));
    assertThatThrownBy(() -> c.resolve("k")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> c.resolve("k", 1)).isInstanceOf(IllegalStateException.class);
  }
}
