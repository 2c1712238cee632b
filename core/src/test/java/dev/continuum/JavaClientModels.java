package dev.continuum;

import static dev.continuum.Models.md5;
import static dev.continuum.Models.md5Word;
import static dev.continuum.Models.utf8;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Brute-force models of the Java client dialects (Jedis, xmemcached, Dubbo) for {@link Models#TABLE},
 * written from the peers' behaviour as {@code docs/compatibility.md} states it, not from continuum's
 * code: each builds the peer's own structure (a {@code TreeMap} filled in the peer's order) and turns
 * it into a {@link Models.Ring}. Jedis's MurmurHash64A is written again here over a
 * {@link ByteBuffer}, the way the Jedis source reads its input.
 */
final class JavaClientModels {
  private JavaClientModels() {}

  /** MurmurHash64A, seed 0x1234ABCD, over little-endian words read with a ByteBuffer. */
  static long murmur64a(byte[] data) {
    ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    long m = 0xc6a4a7935bd1e995L;
    int r = 47;
    long h = 0x1234ABCD ^ (data.length * m);
    while (buf.remaining() >= 8) {
      long k = buf.getLong();
      k *= m;
      k ^= k >>> r;
      k *= m;
      h ^= k;
      h *= m;
    }
    if (buf.remaining() > 0) {
      ByteBuffer last = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      last.put(buf).rewind();
      h ^= last.getLong();
      h *= m;
    }
    h ^= h >>> r;
    h *= m;
    h ^= h >>> r;
    return h;
  }

  /** The ring a {@code TreeMap} holds after its puts: one point per key, owned by the last put. */
  private static Models.Ring fromMap(TreeMap<Long, Integer> map) {
    List<Models.Point> points = new ArrayList<>();
    for (Map.Entry<Long, Integer> e : map.entrySet()) {
      points.add(new Models.Point(e.getKey(), e.getValue()));
    }
    return new Models.Ring(points, false);
  }

  /** Jedis 3.10.0 Sharded: 160 x weight points per shard, signed 64-bit order, the later put wins. */
  static final class Jedis extends Models.RingModel {
    @Override
    public String rejects(List<Server> list) {
      return Models.tooManyPoints(list, 160);
    }

    @Override
    Models.Ring ring(List<Server> list) {
      TreeMap<Long, Integer> map = new TreeMap<>();
      for (int i = 0; i < list.size(); i++) {
        Server s = list.get(i);
        for (int n = 0; n < 160 * s.capacity(); n++) {
          String node = s.name() == null ? "SHARD-" + i + "-NODE-" + n : s.name() + "*" + n;
          map.put(murmur64a(utf8(node)), i);
        }
      }
      return fromMap(map);
    }

    @Override
    long keyHash(byte[] key) {
      return murmur64a(key);
    }
  }

  /** Dubbo 3.3.5: hash.nodes / 4 digests of address + i per invoker, the later put wins, weights ignored. */
  static final class Dubbo extends Models.RingModel {
    final int hashNodes;

    Dubbo(int hashNodes) {
      this.hashNodes = hashNodes;
    }

    @Override
    Models.Ring ring(List<Server> list) {
      TreeMap<Long, Integer> map = new TreeMap<>();
      for (int i = 0; i < list.size(); i++) {
        Server s = list.get(i);
        for (int d = 0; d < hashNodes / 4; d++) {
          byte[] digest = md5(utf8(s.host() + ":" + s.port() + d));
          for (int w = 0; w < 4; w++) {
            map.put(md5Word(digest, w), i);
          }
        }
      }
      return fromMap(map);
    }

    @Override
    long keyHash(byte[] key) {
      return md5Word(md5(key), 0);
    }
  }

  /**
   * xmemcached 2.4.8 KetamaMemcachedSessionLocator: 160 x weight points per server named by its
   * socket address text; a point holds every server on it, sorted by name, and a key on it takes
   * entry {@code point % count}. The ring lists that entry first at each point, then the others.
   */
  static final class Xmemcached extends Models.RingModel {
    final boolean nginx;

    Xmemcached(boolean nginx) {
      this.nginx = nginx;
    }

    static boolean named(Server s) {
      return s.host().indexOf(':') < 0 && s.host().chars().anyMatch(Character::isLetter);
    }

    String name(Server s) {
      String ip = named(s) ? s.address() : s.host();
      if (nginx) {
        return s.port() == 11211 ? ip : ip + ":" + s.port();
      }
      return s.host() + "/" + (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + s.port();
    }

    @Override
    public String rejects(List<Server> list) {
      for (Server s : list) {
        if (s.capacity() == 0) {
          return "capacity 0";
        }
        if (named(s) && s.address() == null) {
          return "host name without address";
        }
      }
      return Models.tooManyPoints(list, 160);
    }

    @Override
    Models.Ring ring(List<Server> list) {
      TreeMap<Long, List<Integer>> map = new TreeMap<>();
      for (int i = 0; i < list.size(); i++) {
        String name = name(list.get(i));
        for (int d = 0; d < 160 * list.get(i).capacity() / 4; d++) {
          byte[] digest = md5(utf8(name + "-" + d));
          for (int w = 0; w < 4; w++) {
            map.computeIfAbsent(md5Word(digest, w), k -> new ArrayList<>()).add(i);
          }
        }
      }
      List<Models.Point> points = new ArrayList<>();
      for (Map.Entry<Long, List<Integer>> e : map.entrySet()) {
        List<Integer> at = new ArrayList<>(e.getValue());
        at.sort(Comparator.comparing(i -> name(list.get(i))));
        int pick = (int) (e.getKey() % at.size());
        points.add(new Models.Point(e.getKey(), at.get(pick)));
        for (int j = 0; j < at.size(); j++) {
          if (j != pick) {
            points.add(new Models.Point(e.getKey(), at.get(j)));
          }
        }
      }
      return new Models.Ring(points, false);
    }

    @Override
    long keyHash(byte[] key) {
      return md5Word(md5(key), 0);
    }
  }
}
