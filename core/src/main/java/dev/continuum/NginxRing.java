package dev.continuum;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * nginx 1.22's {@code hash $key consistent} ({@code ngx_http_upstream_hash_module}), read from its
 * source and checked against the Debian build:
 *
 * <ul>
 *   <li>A server's ring name is its address exactly as written on its {@code server} line (the
 *       {@linkplain Server#name() name}, else {@link Server#hostPort()}). It splits into host and port
 *       at the last {@code ':'} when only digits follow it; otherwise (no port written, or an IPv6
 *       literal without one) the whole text is the host and the port is empty. {@code unix:PATH} has
 *       host PATH and an empty port.
 *   <li>Each server gets {@code weight * 160} points: point {@code j} is the CRC-32 of
 *       {@code host, NUL, port} followed by the previous point's four little-endian bytes (0 for the
 *       first point), one running CRC state resumed for every point.
 *   <li>A key's position is the CRC-32 of its bytes; it goes to the first point at or above it,
 *       wrapping to the first point.
 *   <li>Ties: nginx sorts the points with the C library's {@code qsort} and keeps the first of equal
 *       values. On Debian 12 that is the point of the server line written first (observed with both
 *       orders), which is what adding points in list order gives here.
 *   <li>nginx rejects a weight of 0, and so does this dialect.
 * </ul>
 *
 * Points depend on the server alone, so adding and removing servers merges into the ring.
 */
final class NginxRing extends RingPlacement {
  /** Points per unit of weight ({@code ngx_http_upstream_init_chash}). */
  static final int POINTS_PER_WEIGHT = 160;

  private NginxRing(PointRing ring) {
    super(ring);
  }

  /**
   * The factory ({@link PlacementFactory.FromOptions}) of {@link Algorithm#NGINX_HASH_CONSISTENT}:
   * full builds, and merges when servers are only removed or appended.
   */
  static PlacementFactory factory(Options options) {
    return new PlacementFactory() {
      @Override
      public Placement build(Server[] servers) {
        return NginxRing.build(servers);
      }

      @Override
      public void check(Server[] servers) {
        validate(servers);
      }

      @Override
      public Placement update(Placement previous, Server[] previousServers, Server[] servers) {
        validate(servers);
        PointRing.Source source = PointRing.Source.of(server -> (long) server.capacity() * POINTS_PER_WEIGHT,
            NginxRing::addPoints);
        PointRing ring = PointRing.update(((NginxRing) previous).ring, previousServers, servers, source, false,
            PointRing.LIST_ORDER);
        return ring == null ? build(servers) : new NginxRing(ring);
      }
    };
  }

  static NginxRing build(Server[] servers) {
    long count = validate(servers);
    PointRing.Builder points = new PointRing.Builder(Checks.points("the nginx ring", count));
    for (int i = 0; i < servers.length; i++) {
      addPoints(servers[i], i, points);
    }
    return new NginxRing(points.build(false, servers.length));
  }

  /**
   * Rejects what nginx rejects or cannot place deterministically, before anything is allocated, and
   * returns the number of points.
   */
  private static long validate(Server[] servers) {
    long count = 0;
    Map<String, Server> byText = new HashMap<>();
    for (Server s : servers) {
      if (s.capacity() == 0) {
        throw new IllegalArgumentException("nginx-hash-consistent: capacity 0 for " + s.hostPort()
            + ": nginx rejects weight=0 (weights are at least 1)");
      }
      Server other = byText.putIfAbsent(serverText(s), s);
      if (other != null) {
        // nginx would match both lines by their text and alternate between them per request.
        throw new IllegalArgumentException("nginx-hash-consistent: " + other.hostPort() + " and " + s.hostPort()
            + " have the same address text \"" + serverText(s) + "\", which nginx serves in turn, not by key");
      }
      count += (long) s.capacity() * POINTS_PER_WEIGHT;
    }
    Checks.points("the nginx ring", count);
    return count;
  }

  /** The address as written on the server line: the name when there is one, else host:port. */
  static String serverText(Server s) {
    return s.name() != null ? s.name() : s.hostPort();
  }

  private static void addPoints(Server server, int owner, PointRing.Builder to) {
    byte[] text = serverText(server).getBytes(StandardCharsets.UTF_8);
    int hostStart = 0;
    int hostEnd = text.length;
    int portStart = text.length;
    if (text.length >= 5 && new String(text, 0, 5, StandardCharsets.ISO_8859_1).equalsIgnoreCase("unix:")) {
      hostStart = 5;
    } else {
      for (int i = text.length - 1; i >= 0; i--) {
        byte c = text[i];
        if (c == ':') {
          hostEnd = i;
          portStart = i + 1;
          break;
        }
        if (c < '0' || c > '9') {
          break;
        }
      }
    }
    int base = Crc32.update(Crc32.START, text, hostStart, hostEnd - hostStart);
    base = Crc32.update(base, new byte[1], 0, 1);
    base = Crc32.update(base, text, portStart, text.length - portStart);
    long n = (long) server.capacity() * POINTS_PER_WEIGHT;
    int previous = 0;
    for (long j = 0; j < n; j++) {
      int point = ~Crc32.updateLittleEndian(base, previous);
      to.add(point, owner);
      previous = point;
    }
  }

  @Override
  int hash(byte[] key, int offset, int length) {
    return Crc32.of(key, offset, length);
  }

  @Override
  int hash(CharSequence key) {
    return KeyHash.CRC32.hash(key);
  }

  @Override
  String keyHashName() {
    return KeyHash.CRC32.toString();
  }

  /** The address as written (a server's name) names the points; the earlier line wins ties. */
  @Override
  void describe(Server[] servers, Fingerprint f) {
    f.servers(servers, Fingerprint.Reading.LIST.names());
  }
}
