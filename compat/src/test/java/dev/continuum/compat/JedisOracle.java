package dev.continuum.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import redis.clients.jedis.JedisShardInfo;
import redis.clients.jedis.ShardedJedis;
import redis.clients.jedis.util.Hashing;

/**
 * The real Jedis sharding: 3.10.0's {@code ShardedJedis} (on the test classpath) and the
 * {@code ShardedConnectionProvider} behind {@code JedisSharding} of later releases, each loaded from
 * its own jar (copied by Maven into {@code target/jedis-versions}) in a class loader of its own. No
 * shard is contacted: both only build their rings here.
 */
final class JedisOracle {
  /** One shard: {@code name} null for none. */
  record Shard(String host, int port, int weight, String name) {
    @Override
    public String toString() {
      return host + ":" + port + " w" + weight + (name == null ? "" : " name=" + name);
    }
  }

  private JedisOracle() {}

  /** The {@code JedisShardInfo} of a shard, as an application would write it. */
  static JedisShardInfo info(Shard s, int timeoutMillis) {
    if (s.name() == null) {
      return new JedisShardInfo(s.host(), s.port(), timeoutMillis, timeoutMillis, s.weight());
    }
    if (s.weight() == 1) {
      return new JedisShardInfo(s.host(), s.port(), timeoutMillis, s.name());
    }
    // 3.10.0 has no constructor taking both; Sharded takes any ShardInfo, so a subclass names it.
    return new JedisShardInfo(s.host(), s.port(), timeoutMillis, timeoutMillis, s.weight()) {
      @Override
      public String getName() {
        return s.name();
      }
    };
  }

  /**
   * A shard that never connects: 3.10.0's {@code Jedis} connects as it is constructed, and
   * {@code Sharded} constructs one per shard. The ring is built from {@code getName()} and
   * {@code getWeight()} alone, both as a plain {@code JedisShardInfo} answers them.
   */
  private static final class StandIn extends JedisShardInfo {
    private final String name;

    StandIn(Shard s) {
      super(s.host(), s.port(), 2000, 2000, s.weight());
      this.name = s.name();
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public redis.clients.jedis.Jedis createResource() {
      return null;
    }
  }

  /** The shard index 3.10.0's {@code ShardedJedis.getShardInfo(String)} picks for each key (no shard contacted). */
  static int[] shardedJedis(List<Shard> shards, List<String> keys) {
    return shardIndexes(shards, keys, ShardedJedis::getShardInfo);
  }

  /** As {@link #shardedJedis} for keys given as bytes ({@code getShardInfo(byte[])}). */
  static int[] shardedJedisBytes(List<Shard> shards, List<byte[]> keys) {
    return shardIndexes(shards, keys, ShardedJedis::getShardInfo);
  }

  /** The index in {@code shards} of the shard {@code pick} returns for each key. */
  private static <K> int[] shardIndexes(List<Shard> shards, List<K> keys,
      java.util.function.BiFunction<ShardedJedis, K, JedisShardInfo> pick) {
    List<JedisShardInfo> infos = new ArrayList<>();
    Map<JedisShardInfo, Integer> index = new IdentityHashMap<>();
    for (Shard s : shards) {
      JedisShardInfo info = new StandIn(s);
      index.put(info, infos.size());
      infos.add(info);
    }
    ShardedJedis sharded = new ShardedJedis(infos); // holds no connection: nothing to close
    int[] out = new int[keys.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = index.get(pick.apply(sharded, keys.get(i)));
    }
    return out;
  }

  /** 3.10.0's {@code Hashing.MURMUR_HASH} of a key string, signed as Jedis keeps it. */
  static long murmur(String key) {
    return Hashing.MURMUR_HASH.hash(key);
  }

  /** The Jedis jars with a {@code JedisSharding}, by version, as Maven copied them. */
  static Map<String, Path> shardingJars() {
    Path dir = Paths.get("target", "jedis-versions");
    Map<String, Path> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.forEach(p -> {
        String name = p.getFileName().toString();
        if (name.startsWith("jedis-") && name.endsWith(".jar")) {
          out.put(name.substring("jedis-".length(), name.length() - ".jar".length()), p);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("no Jedis versions in " + dir.toAbsolutePath()
          + " (maven-dependency-plugin copies them at generate-test-resources)", e);
    }
    if (out.isEmpty()) {
      throw new AssertionError("no Jedis jars in " + dir.toAbsolutePath());
    }
    return out;
  }

  /**
   * The host:port index {@code JedisSharding}'s provider of the Jedis release in {@code jar} picks for
   * each key: {@code getNode(Hashing.MURMUR_HASH.hash(key))} (the key hash its command arguments
   * compute when no key-tag pattern is set). The shards' host:port must be distinct, as the provider's
   * nodes are {@code HostAndPort} values.
   */
  static int[] jedisSharding(Path jar, List<Shard> shards, List<String> keys) {
    try (ChildFirst loader = new ChildFirst(jar)) {
      Class<?> hostAndPort = loader.loadClass("redis.clients.jedis.HostAndPort");
      Constructor<?> hp = hostAndPort.getConstructor(String.class, int.class);
      List<Object> nodes = new ArrayList<>();
      for (Shard s : shards) {
        nodes.add(hp.newInstance(s.host(), s.port()));
      }
      Class<?> providerClass = loader.loadClass("redis.clients.jedis.providers.ShardedConnectionProvider");
      Object provider = providerClass.getConstructor(List.class).newInstance(nodes);
      Object murmur = loader.loadClass("redis.clients.jedis.util.Hashing").getField("MURMUR_HASH").get(null);
      Method hash = murmur.getClass().getMethod("hash", String.class);
      Method getNode = providerClass.getMethod("getNode", Long.class);
      int[] out = new int[keys.size()];
      for (int i = 0; i < out.length; i++) {
        Object node = getNode.invoke(provider, (Long) hash.invoke(murmur, keys.get(i)));
        out[i] = nodes.indexOf(node);
        if (out[i] < 0) {
          throw new AssertionError("Jedis " + jar + " placed a key on " + node + ", not a listed shard");
        }
      }
      providerClass.getMethod("close").invoke(provider);
      return out;
    } catch (ReflectiveOperationException | IOException e) {
      throw new AssertionError("cannot drive JedisSharding of " + jar, e);
    }
  }

  /**
   * Loads {@code redis.clients} from one Jedis jar first, everything else (commons-pool2, slf4j) from
   * the test class path, so that several Jedis releases run side by side.
   */
  private static final class ChildFirst extends URLClassLoader {
    ChildFirst(Path jar) throws MalformedURLException {
      super(new URL[] {jar.toUri().toURL()}, JedisOracle.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        if (!name.startsWith("redis.clients.")) {
          return super.loadClass(name, resolve);
        }
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          c = findClass(name);
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }
  }
}
