package dev.continuum.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@code nutcracker} (twemproxy) proxy on 127.0.0.1 with one pool, started from a generated
 * YAML configuration and stopped by {@link #close()} (use try-with-resources; a shutdown hook and
 * a watchdog stop it anyway). Needs the Debian package nutcracker; without it {@link #start(Pool)}
 * fails with a {@link MissingProgramError}.
 *
 * <pre>{@code
 * try (Memcached a = Memcached.start(); Memcached b = Memcached.start();
 *     Nutcracker proxy = Nutcracker.start(Nutcracker.Pool.ketama().hash("md5")
 *         .server(a.port(), 1).server(b.port(), 2, "beta"));
 *     MemcacheTextClient c = proxy.client()) {
 *   c.set("k", "v");   // lands on a or b, as twemproxy's ketama decides
 * }
 * }</pre>
 */
public final class Nutcracker extends LoopbackServer {
  /**
   * One server pool: distribution, key hash and servers (all on 127.0.0.1), in the order of the
   * configuration's {@code servers:} list. Hosts never leave the loopback address.
   */
  public static final class Pool {
    private final String distribution;
    private String hash;
    private final List<String> servers = new ArrayList<>();

    private Pool(String distribution) {
      this.distribution = word("distribution", distribution);
    }

    /** A pool with {@code distribution: ketama} and no {@code hash:} line (twemproxy's default fnv1a_64). */
    public static Pool ketama() {
      return new Pool("ketama");
    }

    /** A pool with any distribution ({@code ketama}, {@code modula}, {@code random}). */
    public static Pool withDistribution(String distribution) {
      return new Pool(distribution);
    }

    /** Sets the {@code hash:} line ({@code md5}, {@code fnv1a_64}, ...); null leaves it out. */
    public Pool hash(String hash) {
      this.hash = hash == null ? null : word("hash", hash);
      return this;
    }

    /** Adds the unnamed server {@code 127.0.0.1:port:weight}. */
    public Pool server(int port, int weight) {
      return server(port, weight, null);
    }

    /**
     * Adds the server {@code 127.0.0.1:port:weight name}; a null name adds it unnamed. Names are
     * limited to letters, digits and {@code . _ : -} so that they need no YAML quoting.
     */
    public Pool server(int port, int weight, String name) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port outside 1..65535: " + port);
      }
      if (weight < 1) {
        throw new IllegalArgumentException("nutcracker weights are at least 1, not " + weight);
      }
      if (name != null && !name.matches("[A-Za-z0-9._:-]+")) {
        throw new IllegalArgumentException("server name must match [A-Za-z0-9._:-]+: \"" + name + "\"");
      }
      servers.add(LoopbackPorts.HOST + ":" + port + ":" + weight + (name == null ? "" : " " + name));
      return this;
    }

    /** The configuration file text, listening on {@code listenPort}. */
    public String yaml(int listenPort) {
      if (servers.isEmpty()) {
        throw new IllegalStateException("a pool needs at least one server");
      }
      StringBuilder y = new StringBuilder();
      y.append("continuum:\n");
      y.append("  listen: ").append(LoopbackPorts.HOST).append(':').append(listenPort).append('\n');
      y.append("  distribution: ").append(distribution).append('\n');
      if (hash != null) {
        y.append("  hash: ").append(hash).append('\n');
      }
      y.append("  timeout: 5000\n");
      y.append("  preconnect: false\n");
      y.append("  auto_eject_hosts: false\n");
      y.append("  servers:\n");
      for (String s : servers) {
        y.append("   - ").append(s).append('\n');
      }
      return y.toString();
    }

    private static String word(String what, String value) {
      if (value == null || !value.matches("[a-z0-9_]+")) {
        throw new IllegalArgumentException("bad " + what + ": " + value);
      }
      return value;
    }
  }

  private final Path config;

  private Nutcracker(BackgroundProcess process, int port, Path config) {
    super(process, port);
    this.config = config;
  }

  /** Starts nutcracker serving {@code pool} on a free port and waits until it listens. */
  public static Nutcracker start(Pool pool) {
    Path exe = Programs.nutcracker();
    return onFreePorts(2, ports -> start(exe, pool, ports[0], ports[1]));
  }

  private static Nutcracker start(Path exe, Pool pool, int port, int statsPort) {
    Path dir = WorkDir.newDirectory("nutcracker-" + port);
    Path config = dir.resolve("nutcracker.yml");
    Path log = dir.resolve("nutcracker.log");
    try {
      Files.writeString(config, pool.yaml(port), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    BackgroundProcess p = BackgroundProcess.start(List.of(exe.toString(),
        "-c", config.toString(), "-s", Integer.toString(statsPort), "-a", LoopbackPorts.HOST,
        "-o", log.toString(), "-p", dir.resolve("nutcracker.pid").toString()), log);
    try {
      Listening.await(p, port, "nutcracker");
      return new Nutcracker(p, port, config);
    } catch (RuntimeException | Error e) {
      p.close();
      throw e;
    }
  }

  /** The generated configuration file. */
  public Path config() {
    return config;
  }

  @Override
  public String toString() {
    return "nutcracker " + hostPort() + " (pid " + pid() + ", " + config + ")";
  }
}
