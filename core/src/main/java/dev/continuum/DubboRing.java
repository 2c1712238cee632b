package dev.continuum;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Apache Dubbo 3.3's {@code ConsistentHashLoadBalance}: per invoker, {@code hash.nodes / 4} md5
 * digests of {@code "<host>:<port><i>"} (the URL's address, then the decimal index, with no separator),
 * four little-endian words each, put into a map in invoker order, so that of two invokers on one point
 * the later keeps it. A call goes to the first point at or above md5 word 0 of its key string (the
 * selected arguments, {@code hash.arguments}, appended with {@code String.valueOf}), wrapping.
 * Weights are ignored.
 */
final class DubboRing extends Md5Ring {
  /** Dubbo's default {@code hash.nodes}. */
  static final int DEFAULT_NODES = 160;

  private DubboRing(PointRing ring) {
    super(ring);
  }

  /** Dubbo's {@code URL.getAddress()} for an invoker at {@code s}: {@code host:port}. */
  static String address(Server s) {
    return s.host() + ":" + s.port();
  }

  /** The factory for {@code pointsPerWeight} as Dubbo's {@code hash.nodes}. */
  static PlacementFactory factory(Options options) {
    int hashNodes = options.pointsPerWeight;
    if (hashNodes < 4) {
      throw new IllegalArgumentException("dubbo: hash.nodes (pointsPerWeight) must be at least 4, got " + hashNodes
          + " (Dubbo builds hash.nodes / 4 digests, and an empty ring fails every call)");
    }
    return PlacementFactory.checked(servers -> pointCount(servers, hashNodes), servers -> build(servers, hashNodes));
  }

  private static int pointCount(Server[] servers, int hashNodes) {
    return Checks.points("dubbo ring", 4L * (hashNodes / 4) * servers.length);
  }

  static DubboRing build(Server[] servers, int hashNodes) {
    int n = servers.length;
    int digests = hashNodes / 4;
    PointRing.Builder builder = new PointRing.Builder(pointCount(servers, hashNodes));
    int[] words = new int[4];
    // Dubbo's map keeps one invoker per point, the last put: adding in reverse and keeping the first
    // of equal values (the stable sort keeps insertion order) gives the same ring.
    for (int i = n - 1; i >= 0; i--) {
      byte[] prefix = address(servers[i]).getBytes(StandardCharsets.UTF_8);
      byte[] buf = Arrays.copyOf(prefix, prefix.length + 11);
      for (int d = 0; d < digests; d++) {
        Md5.words(buf, 0, prefix.length + Decimal.write(d, buf, prefix.length), words);
        builder.add(words[0], i).add(words[1], i).add(words[2], i).add(words[3], i);
      }
    }
    long[] sorted = builder.sorted();
    int distinct = 0;
    for (int j = 0; j < sorted.length; j++) {
      if (j == 0 || PointRing.value(sorted[j]) != PointRing.value(sorted[j - 1])) {
        sorted[distinct++] = sorted[j];
      }
    }
    return new DubboRing(PointRing.of(Arrays.copyOf(sorted, distinct), false, n));
  }

  /** Weights are ignored; the later invoker keeps a shared point. */
  @Override
  void describe(Server[] servers, Fingerprint f) {
    f.servers(servers, Fingerprint.Reading.LIST.capacityIgnored());
  }
}
