package dev.continuum.compat;

import static org.assertj.core.api.Assertions.fail;

import dev.continuum.Continuum;
import dev.continuum.Server;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Comparing continuum's placement with a real program's, key by key, with a readable report. */
final class Placements {
  private static final int SHOWN = 10;

  private Placements() {}

  /** One decimal server index per line of a program's output, one line per key. */
  static int[] parseIndexes(String out, int keys, String program) {
    String[] lines = out.isEmpty() ? new String[0] : out.split("\n");
    if (lines.length != keys) {
      throw new AssertionError(program + " printed " + lines.length + " lines for " + keys + " keys");
    }
    int[] idx = new int[lines.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = Integer.parseInt(lines[i]);
    }
    return idx;
  }

  /**
   * The index, in {@code c.servers()} order, that continuum places each key on. Servers are told
   * apart by identity, so that copies of a duplicated server keep their own places.
   */
  static int[] continuum(Continuum c, List<byte[]> keys) {
    Map<Server, Integer> index = new IdentityHashMap<>();
    List<Server> servers = c.servers();
    for (int i = 0; i < servers.size(); i++) {
      index.put(servers.get(i), i);
    }
    int[] out = new int[keys.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = index.get(c.resolve(keys.get(i)));
    }
    return out;
  }

  /**
   * Fails unless {@code got[i] == expected[i]} for every key, listing the first mismatches: the
   * configuration, each key (text and hex), the expected and the actual server.
   */
  static void assertSame(String what, String config, List<String> serverLabels, List<byte[]> keys,
      int[] expected, int[] got) {
    if (expected.length != keys.size() || got.length != keys.size()) {
      fail(CompatSeed.replay() + what + ": " + keys.size() + " keys but " + expected.length + " expected and "
          + got.length + " actual placements");
    }
    int mismatches = 0;
    StringBuilder report = new StringBuilder();
    for (int i = 0; i < expected.length; i++) {
      if (expected[i] != got[i]) {
        if (mismatches++ < SHOWN) {
          report.append("\n  key \"").append(new String(keys.get(i), StandardCharsets.UTF_8))
              .append("\" (hex ").append(HexFormat.of().formatHex(keys.get(i))).append("): expected ")
              .append(label(serverLabels, expected[i])).append(", got ").append(label(serverLabels, got[i]));
        }
      }
    }
    if (mismatches > 0) {
      fail(CompatSeed.replay() + what + ": " + mismatches + " of " + keys.size() + " keys placed differently"
          + report + (mismatches > SHOWN ? "\n  ..." : "") + "\n  configuration: " + config);
    }
  }

  private static String label(List<String> labels, int index) {
    return index >= 0 && index < labels.size() ? index + " (" + labels.get(index) + ")" : Integer.toString(index);
  }
}
