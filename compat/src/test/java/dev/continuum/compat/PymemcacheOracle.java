package dev.continuum.compat;

import dev.continuum.testkit.Processes;
import dev.continuum.testkit.Programs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * The real pymemcache (Debian python3-pymemcache 3.5.2) under Debian's {@code /usr/bin/python3}:
 * {@code src/test/python/pymemcache_oracle.py} prints the node {@code RendezvousHash.get_node()} (or
 * {@code HashClient}) picks for each key.
 */
final class PymemcacheOracle {
  /** How the nodes reach the hash: a bare {@code RendezvousHash} or a {@code HashClient}'s servers. */
  enum Via {
    RENDEZVOUS_HASH("RendezvousHash"),
    HASH_CLIENT("HashClient");

    final String pythonName;

    Via(String pythonName) {
      this.pythonName = pythonName;
    }
  }

  private PymemcacheOracle() {}

  /** Node {@code i} is {@code "host:port"} of {@code nodes.get(i)}; the seed goes to RendezvousHash. */
  static int[] place(Via via, long seed, List<RandomInputs.HostPort> nodes, List<String> keys) {
    StringBuilder script = new StringBuilder("via " + via.pythonName + " " + seed + "\n");
    for (RandomInputs.HostPort n : nodes) {
      script.append("node ").append(n.host()).append(' ').append(n.port()).append('\n');
    }
    return run(script, keys);
  }

  /** {@code RendezvousHash} with arbitrary node names (as the vectors have). */
  static int[] placeOnNamedNodes(long seed, List<String> nodes, List<String> keys) {
    StringBuilder script = new StringBuilder("via RendezvousHash " + seed + "\n");
    for (String n : nodes) {
      script.append("rawnode ").append(HexFormat.of().formatHex(n.getBytes(StandardCharsets.UTF_8))).append('\n');
    }
    return run(script, keys);
  }

  private static int[] run(StringBuilder script, List<String> keys) {
    Path python = Programs.debianPythonWith("pymemcache", "python3-pymemcache");
    script.append("keys\n");
    for (String k : keys) {
      script.append(HexFormat.of().formatHex(k.getBytes(StandardCharsets.UTF_8))).append('\n');
    }
    Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    String out = Processes.run(List.of(python.toString(), base.resolve("src/test/python/pymemcache_oracle.py").toString()),
        script.toString().getBytes(StandardCharsets.US_ASCII), Duration.ofSeconds(120)).requireSuccess().stdoutText();
    return Placements.parseIndexes(out, keys.size(), "pymemcache oracle");
  }
}
