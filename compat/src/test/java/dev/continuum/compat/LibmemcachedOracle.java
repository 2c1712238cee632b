package dev.continuum.compat;

import dev.continuum.Algorithm;
import dev.continuum.testkit.CPrograms;
import dev.continuum.testkit.Programs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * The real libmemcached (Debian libmemcached-dev 1.1.4): {@code src/test/c/libmemcached_oracle.c},
 * compiled by gcc into {@code target/} on first use and linked with {@code -lmemcached -lhashkit},
 * prints the server index {@code memcached_generate_hash()} picks for each key.
 */
final class LibmemcachedOracle {
  /** libmemcached's server limit in consistent modes: the Debian build aborts above 100. */
  static final int MAX_SERVERS = 100;

  /** A libmemcached configuration: behaviours set before and after adding the servers. */
  enum Mode {
    KETAMA_WEIGHTED("ketama_weighted", List.of("KETAMA_WEIGHTED"), List.of(), Algorithm.LIBMEMCACHED_KETAMA_WEIGHTED),
    KETAMA_WEIGHTED_SET_AFTER("ketama_weighted_sf", List.of(), List.of("KETAMA_WEIGHTED"),
        Algorithm.LIBMEMCACHED_KETAMA_WEIGHTED),
    KETAMA("ketama", List.of("KETAMA"), List.of(), Algorithm.LIBMEMCACHED_KETAMA),
    KETAMA_SET_AFTER("ketama_sf", List.of(), List.of("KETAMA"), Algorithm.LIBMEMCACHED_KETAMA_UNWEIGHTED),
    KETAMA_MD5("ketama_md5", List.of("KETAMA", "HASH_MD5"), List.of(), Algorithm.LIBMEMCACHED_KETAMA_MD5),
    /** MEMCACHED_BEHAVIOR_KETAMA_HASH has no effect in 1.1.4: this is plain "ketama". */
    KETAMA_KETAMA_HASH_MD5("ketama_kh_md5", List.of("KETAMA", "KETAMA_HASH_MD5"), List.of(),
        Algorithm.LIBMEMCACHED_KETAMA),
    SPY("spy", List.of("DISTRIBUTION_SPY"), List.of(), Algorithm.LIBMEMCACHED_SPY),
    SPY_MD5("spy_md5", List.of("DISTRIBUTION_SPY", "HASH_MD5"), List.of(), Algorithm.LIBMEMCACHED_SPY_MD5),
    SPY_WEIGHTED("spy_weighted", List.of("KETAMA_WEIGHTED", "DISTRIBUTION_SPY"), List.of(),
        Algorithm.LIBMEMCACHED_SPY_WEIGHTED);

    final String vectorName;
    final List<String> before;
    final List<String> after;
    final Algorithm algorithm;

    Mode(String vectorName, List<String> before, List<String> after, Algorithm algorithm) {
      this.vectorName = vectorName;
      this.before = before;
      this.after = after;
      this.algorithm = algorithm;
    }

    /** The mode a vector file calls {@code name}. */
    static Mode byVectorName(String name) {
      for (Mode m : values()) {
        if (m.vectorName.equals(name)) {
          return m;
        }
      }
      throw new IllegalArgumentException("unknown libmemcached mode " + name);
    }
  }

  private static Path binary;

  private LibmemcachedOracle() {}

  private static synchronized Path binary() {
    if (binary == null) {
      Programs.requireLibmemcachedDev();
      Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
      binary = CPrograms.compile(base.resolve("src/test/c/libmemcached_oracle.c"),
          base.resolve("target/libmemcached_oracle"), "memcached", "hashkit");
    }
    return binary;
  }

  /**
   * The index of the server libmemcached places each key on, with {@code mode}'s behaviours and the
   * servers added in list order (host, port and weight passed as given: port 0 and weight 0 too).
   */
  static int[] place(Mode mode, List<RandomInputs.HostPort> servers, List<byte[]> keys) {
    if (servers.isEmpty() || servers.size() > MAX_SERVERS) {
      throw new IllegalArgumentException("libmemcached takes 1.." + MAX_SERVERS + " servers, not " + servers.size());
    }
    StringBuilder script = new StringBuilder();
    for (String b : mode.before) {
      script.append("behavior ").append(b).append('\n');
    }
    for (RandomInputs.HostPort s : servers) {
      script.append("server ").append(s.host()).append(' ').append(s.port()).append(' ').append(s.weight()).append('\n');
    }
    for (String b : mode.after) {
      script.append("behavior ").append(b).append('\n');
    }
    script.append("keys\n");
    HexFormat hex = HexFormat.of();
    for (byte[] k : keys) {
      script.append(hex.formatHex(k)).append('\n');
    }
    String out = CPrograms.run(binary(), script.toString().getBytes(StandardCharsets.US_ASCII), Duration.ofSeconds(60))
        .stdoutText();
    return Placements.parseIndexes(out, keys.size(), "libmemcached oracle");
  }
}
