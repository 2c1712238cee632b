package dev.continuum;

import java.nio.charset.StandardCharsets;

/**
 * python-continuum 0.1.1, bit for bit (see docs/compatibility.md, "python-continuum 0.1.1").
 *
 * <ul>
 *   <li>Each server gets {@code dots = (int) (totalDots * (capacity / C))} entries, C the sum of
 *       capacities as a double: the division first, in binary64, then the truncation.
 *   <li>{@code dots / 4} md5 digests of {@code "host-port-x"} give four entries each (little-endian
 *       words 0..3).
 *   <li>The 0.1.1 quirk: the remainder {@code dots % 4} entries sit at positions 0, 1, 2 ... rather
 *       than at hash positions.
 *   <li>Entries are stably sorted, and a key goes to the first entry <em>strictly</em> above its md5
 *       word 0, wrapping to entry 0.
 * </ul>
 */
final class PythonContinuumRing extends Md5Ring {
  private PythonContinuumRing(PointRing ring) {
    super(ring);
  }

  /** The factory ({@link PlacementFactory.FromOptions}) of {@link Algorithm#PYTHON_CONTINUUM}. */
  static PlacementFactory factory(Options options) {
    int totalDots = options.totalDots;
    return servers -> build(servers, totalDots);
  }

  static PythonContinuumRing build(Server[] servers, int totalDots) {
    double total = 0;
    for (Server s : servers) {
      total += s.capacity();
    }
    int[] dots = new int[servers.length];
    long count = 0;
    for (int i = 0; i < servers.length; i++) {
      // All capacities 0: python-continuum divides by zero; here every server simply gets no dots.
      dots[i] = total == 0 ? 0 : (int) (totalDots * (servers[i].capacity() / total));
      count += dots[i];
    }
    PointRing.Builder points = new PointRing.Builder(Checks.points("the continuum", count));
    int[] words = new int[4];
    for (int i = 0; i < servers.length; i++) {
      int digests = dots[i] / 4;
      int remainder = dots[i] % 4;
      byte[] prefix = (servers[i].host() + "-" + servers[i].port() + "-").getBytes(StandardCharsets.UTF_8);
      byte[] buf = new byte[prefix.length + 11];
      System.arraycopy(prefix, 0, buf, 0, prefix.length);
      for (int x = 0; x < digests; x++) {
        int len = prefix.length + Decimal.write(x, buf, prefix.length);
        Md5.words(buf, 0, len, words);
        points.add(words[0], i).add(words[1], i).add(words[2], i).add(words[3], i);
      }
      for (int r = 0; r < remainder; r++) {
        points.add(r, i);
      }
    }
    return new PythonContinuumRing(points.build(true, servers.length));
  }

  /** Ties and the remainder entries follow the list order. */
  @Override
  void describe(Server[] servers, Fingerprint f) {
    f.servers(servers, Fingerprint.Reading.LIST);
  }
}
