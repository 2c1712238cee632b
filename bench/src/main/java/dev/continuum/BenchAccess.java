package dev.continuum;

import java.nio.charset.StandardCharsets;

/**
 * The benchmarks' door into package-private core: the key hash, a ketama ring that can update
 * incrementally, and a {@link Continuum} over it.
 *
 * <p>{@link #KETAMA} is a stand-in for the spymemcached / libmemcached ketama dialects being written on
 * another branch: 160 points a server from MD5 of {@code "host:port-i"} (i = 0..39, four words each),
 * first point at or above the key's MD5 word 0. With IP-literal hosts on a port other than 11211 this
 * is exactly spymemcached 2.12.3's default ring (placement-compat.md section 6, item 3), except for the
 * tie rule (spymemcached: last server wins; here: first), which only matters when two servers share a
 * 32-bit point. When {@code Algorithm.SPYMEMCACHED} exists, the benchmarks should use it instead.
 */
public final class BenchAccess {
  private BenchAccess() {}

  /** continuum's MD5 word 0 of the key's UTF-8, as every md5 ring hashes keys. */
  public static int md5(CharSequence key) {
    return KeyHash.MD5.hash(key);
  }

  private static final PointRing.Source KETAMA_POINTS = (server, owner, to) -> {
    String name = server.port() == 11211 ? server.host() : server.host() + ":" + server.port();
    byte[] prefix = (name + "-").getBytes(StandardCharsets.UTF_8);
    byte[] buf = new byte[prefix.length + 11];
    System.arraycopy(prefix, 0, buf, 0, prefix.length);
    int[] words = new int[4];
    for (int i = 0; i < 40; i++) {
      int len = prefix.length + Decimal.write(i, buf, prefix.length);
      Md5.words(buf, 0, len, words);
      to.add(words[0], owner).add(words[1], owner).add(words[2], owner).add(words[3], owner);
    }
  };

  private static final class KetamaRing extends Placement {
    final PointRing ring;

    KetamaRing(PointRing ring) {
      this.ring = ring;
    }

    @Override
    int index(byte[] key, int offset, int length) {
      return ring.ownerOf(KeyHash.MD5.hash(key, offset, length));
    }

    @Override
    int index(CharSequence key) {
      return ring.ownerOf(KeyHash.MD5.hash(key));
    }

    @Override
    long memoryBytes() {
      return ring.memoryBytes();
    }

    @Override
    int reachable() {
      return ring.reachable();
    }

    @Override
    void indexes(byte[] key, int offset, int length, int[] out, int n) {
      ring.distinctOwners(KeyHash.MD5.hash(key, offset, length), out, n);
    }
  }

  /** The stand-in ketama ring's factory: full build, and merge on add/remove. */
  static final PlacementFactory KETAMA = new PlacementFactory() {
    @Override
    public Placement build(Server[] servers) {
      return new KetamaRing(PointRing.build(servers, KETAMA_POINTS, 160 * servers.length, false));
    }

    @Override
    public Placement update(Placement previous, Server[] previousServers, Server[] servers) {
      PointRing ring = PointRing.update(((KetamaRing) previous).ring, previousServers, servers, KETAMA_POINTS, false, null);
      return ring == null ? build(servers) : new KetamaRing(ring);
    }
  };

  /** An empty continuum on the stand-in ketama ring (reported as libmemcached-ketama-md5). */
  public static Continuum ketamaContinuum() {
    return new Continuum(Algorithm.LIBMEMCACHED_KETAMA_MD5, KETAMA, true);
  }

  /** A continuum on the stand-in ketama ring that always rebuilds: the non-incremental baseline. */
  public static Continuum ketamaContinuumFullBuilds() {
    return new Continuum(Algorithm.LIBMEMCACHED_KETAMA_MD5, KETAMA::build, true);
  }

  /** The placement's arrays as JOL can walk them: the object to measure for {@code c}. */
  public static Object placementOf(Continuum c) {
    return c.snapshot().placement;
  }
}
