package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SECURITY.md's table of limits states the values the code enforces: each row's value is rebuilt
 * here from the constants of {@link Checks} (and the few limits that live with their owner), so a
 * limit changed in the code without its row, or a row edited alone, fails. The command line's input
 * limits are compared in the cli module ({@code InputLimitsTest}).
 */
class SecurityDocTest {
  /** The value cell of each row of the Limits table, by its first cell. */
  private static Map<String, String> limitRows() throws IOException {
    String doc = Files.readString(DocsLinksTest.repositoryRoot().resolve("SECURITY.md"), StandardCharsets.UTF_8);
    String table = doc.substring(doc.indexOf("## Limits"));
    Map<String, String> rows = new HashMap<>();
    for (String line : table.lines().toList()) {
      String[] cells = line.split("\\|");
      if (line.startsWith("| ") && cells.length > 3) {
        rows.put(cells[1].strip(), cells[2].strip());
      }
    }
    return rows;
  }

  private static String grouped(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** {@code 2^k} for a power of two. */
  private static String power(long n) {
    assertThat(Long.bitCount(n)).as("%d is a power of two", n).isEqualTo(1);
    return "2^" + Long.numberOfTrailingZeros(n);
  }

  @Test
  void theLimitsTableStatesTheCodesLimits() throws IOException {
    Map<String, String> rows = limitRows();
    assertThat(rows.get("host, server name, resolved address")).startsWith(Checks.MAX_HOST_CHARS + " chars ");
    assertThat(rows.get("`host:port[:capacity]` text (`Server.parse`, server-list fields)"))
        .startsWith(Checks.MAX_SERVER_SPEC_CHARS + " chars ");
    assertThat(rows.get("libmemcached dialects: servers")).startsWith(KetamaRing.LIBMEMCACHED_MAX_SERVERS + " ");
    assertThat(rows.get("`pointsPerWeight`, `probes`, `totalDots`")).isEqualTo("1.." + grouped(Checks.MAX_POINTS_PER_WEIGHT)
        + "; 1.." + grouped(Checks.MAX_PROBES) + "; 1.." + power(Checks.MAX_POINTS));
    assertThat(rows.get("servers in one continuum")).isEqualTo(power(Checks.MAX_SERVERS) + " = " + grouped(Checks.MAX_SERVERS));
    assertThat(rows.get("points in one placement (ring entries, table slots)")).startsWith(power(Checks.MAX_POINTS) + " = "
        + grouped(Checks.MAX_POINTS) + " (a ring that size holds " + Checks.POINT_LIMIT_BYTES.substring("about ".length()) + ":");
    assertThat(Checks.MAX_TOTAL_CAPACITY).isEqualTo((1L << 31) - 1);
    assertThat(rows.get("total capacity (sum of weights)")).isEqualTo("2^31 - 1");
    assertThat(rows.get("key length (String)")).startsWith(grouped(Checks.MAX_KEY_CHARS) + " chars ");
    assertThat(rows.get("per-thread key buffer kept between calls"))
        .startsWith(Checks.aboutBytes(Utf8.RETAINED_LIMIT).substring("about ".length()) + " ");
    assertThat(rows.get("port")).isEqualTo("1.." + Checks.MAX_PORT);
  }

  /** The point limit's figure is what a ring of that many points holds, as the ring counts its bytes. */
  @Test
  void thePointLimitsFigureIsTheRingsOwnCount() {
    for (int n : new int[] {1, 2, 5, 160, 1000, 65_537}) {
      PointRing.Builder b = new PointRing.Builder(n);
      for (int i = 0; i < n; i++) {
        b.add(i * 0x9E3779B9, i % 3);
      }
      assertThat(b.build(false, 3).memoryBytes()).as("%d points", n).isEqualTo(PointRing.memoryBytes(n));
    }
    assertThat(Checks.POINT_LIMIT_BYTES).isEqualTo("about 3 GiB");
    assertThat(Checks.aboutBytes(64L << 20)).isEqualTo("about 64 MiB");
    assertThat(Checks.aboutBytes(1000)).isEqualTo("about 1000 bytes");
  }
}
