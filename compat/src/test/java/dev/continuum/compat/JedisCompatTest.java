package dev.continuum.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import dev.continuum.Server;
import dev.continuum.Vectors;
import dev.continuum.compat.JedisOracle.Shard;
import dev.continuum.compat.RandomInputs.HostPort;
import dev.continuum.compat.RandomInputs.KeyRule;
import dev.continuum.compat.RandomInputs.WeightRule;
import dev.continuum.testkit.Redis;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisShardInfo;
import redis.clients.jedis.ShardedJedis;

/**
 * continuum's {@code jedis} dialect against the real Jedis: 3.10.0's {@code ShardedJedis} on random
 * shard lists (names, weights, duplicate names), every {@code JedisSharding} release copied into
 * {@code target/jedis-versions}, and keys really stored through {@code ShardedJedis} into
 * redis-server shards on loopback, then found on the shard continuum names.
 */
class JedisCompatTest {
  private static final int CONFIGS = 6;
  private static final int KEYS = 2000;

  /** The harness itself: the real libraries reproduce every vector row. */
  @Test
  void theOracleReproducesTheVectors() {
    Map<String, List<Vectors.Row>> configs = Vectors.byConfig(Vectors.read("jedis.configs.tsv"));
    Map<String, List<Vectors.Row>> rows = Vectors.byConfig(Vectors.read("jedis.tsv"));
    Path sharding = JedisOracle.shardingJars().get("6.2.0");
    for (Map.Entry<String, List<Vectors.Row>> config : configs.entrySet()) {
      List<Shard> shards = new ArrayList<>();
      for (Vectors.Row s : config.getValue()) {
        shards.add(new Shard(s.get("host"), s.getInt("port"), s.getInt("weight"), "-".equals(s.get("name")) ? null : s.get("name")));
      }
      List<String> keys = new ArrayList<>();
      int[] expected = new int[rows.get(config.getKey()).size()];
      for (Vectors.Row row : rows.get(config.getKey())) {
        expected[keys.size()] = row.getInt("server_idx");
        keys.add(row.key());
      }
      boolean provider = config.getValue().get(0).get("api").startsWith("JedisSharding");
      int[] got = provider ? JedisOracle.jedisSharding(sharding, shards, keys) : JedisOracle.shardedJedis(shards, keys);
      Placements.assertSame("jedis oracle vs vectors " + config.getKey(), shards.toString(), labels(shards),
          RandomInputs.utf8(keys), expected, got);
    }
  }

  @Test
  void continuumPlacesKeysAsShardedJedisDoes() {
    Random r = CompatSeed.random("jedis-sharded");
    for (int config = 0; config < CONFIGS; config++) {
      List<Shard> shards = shards(r, RandomInputs.count(r, 100), config);
      List<String> keys = RandomInputs.keys(r, KEYS, KeyRule.ANY, hints(shards));
      List<byte[]> bytes = RandomInputs.withRawByteKeys(RandomInputs.utf8(keys), r, 200);
      Continuum c = continuum(shards);
      Placements.assertSame("ShardedJedis 3.10.0 vs jedis (String keys)", shards.toString(), labels(shards),
          RandomInputs.utf8(keys), JedisOracle.shardedJedis(shards, keys), Placements.continuum(c, RandomInputs.utf8(keys)));
      Placements.assertSame("ShardedJedis 3.10.0 vs jedis (byte[] keys)", shards.toString(), labels(shards), bytes,
          JedisOracle.shardedJedisBytes(shards, bytes), Placements.continuum(c, bytes));
    }
  }

  /**
   * Every JedisSharding release (4.0.0, 4.4.8, 5.2.0 and 6.2.0, the last with sharding) places as
   * 3.10.0's ShardedJedis over unnamed shards of weight 1, and as continuum.
   */
  @Test
  void everyJedisShardingReleaseAgrees() {
    Random r = CompatSeed.random("jedis-sharding");
    Map<String, Path> jars = JedisOracle.shardingJars();
    assertThat(jars.keySet()).contains("4.0.0", "6.2.0");
    for (int config = 0; config < 3; config++) {
      List<Shard> shards = new ArrayList<>();
      for (HostPort hp : RandomInputs.servers(r, RandomInputs.count(r, 60), WeightRule.EQUAL)) {
        shards.add(new Shard(hp.host(), hp.port(), 1, null));
      }
      List<String> keys = RandomInputs.keys(r, KEYS, KeyRule.ANY, hints(shards));
      List<byte[]> bytes = RandomInputs.utf8(keys);
      int[] sharded = JedisOracle.shardedJedis(shards, keys);
      int[] ours = Placements.continuum(continuum(shards), bytes);
      Placements.assertSame("ShardedJedis 3.10.0 vs jedis", shards.toString(), labels(shards), bytes, sharded, ours);
      for (Map.Entry<String, Path> jar : jars.entrySet()) {
        Placements.assertSame("JedisSharding " + jar.getKey() + " vs jedis", shards.toString(), labels(shards), bytes,
            JedisOracle.jedisSharding(jar.getValue(), shards, keys), ours);
      }
    }
  }

  /**
   * Keys stored through a real {@code ShardedJedis} (3.10.0) into redis-server shards, then listed on
   * each shard over the Redis protocol by the testkit: every key is on exactly the shard continuum
   * names.
   */
  @Test
  void keysStoredThroughShardedJedisAreWhereContinuumPlacesThem() {
    Random r = CompatSeed.random("jedis-live");
    List<Redis> servers = Redis.startMany(2 + r.nextInt(4));
    try {
      List<Shard> shards = new ArrayList<>();
      for (int i = 0; i < servers.size(); i++) {
        int weight = 1 + r.nextInt(3);
        String name = r.nextInt(3) == 0 ? "redis-" + r.nextInt(1000) + "-" + i : null;
        shards.add(new Shard("127.0.0.1", servers.get(i).port(), name == null ? weight : 1, name));
      }
      List<JedisShardInfo> infos = new ArrayList<>();
      for (Shard s : shards) {
        infos.add(JedisOracle.info(s, 5000));
      }
      List<String> keys = RandomInputs.keys(r, 1000, KeyRule.ANY, hints(shards));
      try (ShardedJedis sharded = new ShardedJedis(infos)) {
        for (String k : keys) {
          sharded.set(k, "v");
        }
      }
      Map<String, Integer> found = new java.util.HashMap<>();
      for (int i = 0; i < servers.size(); i++) {
        for (byte[] k : servers.get(i).keys()) {
          Integer before = found.put(HexFormat.of().formatHex(k), i);
          assertThat(before).as(CompatSeed.replay() + "key %s on two shards", new String(k, StandardCharsets.UTF_8)).isNull();
        }
      }
      List<byte[]> bytes = RandomInputs.utf8(keys);
      int[] stored = new int[keys.size()];
      for (int i = 0; i < stored.length; i++) {
        Integer at = found.get(HexFormat.of().formatHex(bytes.get(i)));
        assertThat(at).as(CompatSeed.replay() + "key %s stored nowhere", keys.get(i)).isNotNull();
        stored[i] = at;
      }
      assertThat(found).hasSize(keys.size());
      Placements.assertSame("redis-server shards written by ShardedJedis vs jedis", shards.toString(), labels(shards),
          bytes, stored, Placements.continuum(continuum(shards), bytes));
    } finally {
      dev.continuum.testkit.Memcached.closeAll(servers);
    }
  }

  /** Shards of one random list: names now and then (a repeated name in some lists), weights 0 to 5. */
  private static List<Shard> shards(Random r, int n, int config) {
    List<Shard> out = new ArrayList<>();
    WeightRule rule = config == 0 ? WeightRule.EQUAL : WeightRule.SMALL_WITH_ZERO;
    List<HostPort> hosts = RandomInputs.servers(r, n, rule);
    boolean anyPositive = false;
    for (HostPort hp : hosts) {
      anyPositive |= hp.weight() > 0;
    }
    for (int i = 0; i < hosts.size(); i++) {
      HostPort hp = hosts.get(i);
      int weight = anyPositive || i > 0 ? hp.weight() : 1;
      String name = config >= 2 && r.nextInt(3) == 0 ? "shard-" + r.nextInt(config == 3 ? 4 : 100_000) : null;
      out.add(new Shard(hp.host(), hp.port(), weight, name));
    }
    return out;
  }

  /** Ring-point strings, whose hash is exactly a point. */
  private static List<String> hints(List<Shard> shards) {
    List<String> hints = new ArrayList<>();
    for (int i = 0; i < shards.size(); i++) {
      Shard s = shards.get(i);
      hints.add(s.name() == null ? "SHARD-" + i + "-NODE-0" : s.name() + "*0");
    }
    return hints;
  }

  private static Continuum continuum(List<Shard> shards) {
    Continuum c = Continuum.builder(Algorithm.JEDIS).allowDuplicateServers(true).build();
    List<Server> servers = new ArrayList<>();
    for (Shard s : shards) {
      Server server = Server.of(s.host(), s.port(), s.weight());
      servers.add(s.name() == null ? server : server.withName(s.name()));
    }
    c.addServers(servers);
    return c;
  }

  private static List<String> labels(List<Shard> shards) {
    List<String> out = new ArrayList<>();
    for (Shard s : shards) {
      out.add(s.toString());
    }
    return out;
  }
}
