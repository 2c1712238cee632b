package dev.continuum.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One real {@code nginx} process on 127.0.0.1 (foreground, no master process, every path under a
 * fresh directory of the testkit's: no root-owned file is read or written) that serves tiny backends
 * and proxies to them: backend {@code i} answers every request with the body {@code backend-i}, and
 * each {@link Upstream} gets a proxy port whose requests go to {@code upstream { hash <key>
 * consistent; server ...; }} with no retries. Stopped by {@link #close()} (a shutdown hook and a
 * watchdog stop it anyway). Needs the Debian package nginx; without it {@link #start} fails with a
 * {@link MissingProgramError}.
 *
 * <pre>{@code
 * try (Nginx nginx = Nginx.start(3, List.of(Nginx.Upstream.hash("$http_x_key")
 *         .server(0, "127.0.0.1:%d", 1).server(1, "127.0.0.1:%d", 2).server(2, "unix:%s", 1)));
 *     HttpKeyClient client = HttpKeyClient.connect(nginx.proxyPort(0))) {
 *   String backend = client.get("X-Key", "some key".getBytes(UTF_8));   // "backend-1", say
 * }
 * }</pre>
 */
public final class Nginx implements AutoCloseable {
  /** One upstream block: the hash key and its server lines, in order. */
  public static final class Upstream {
    private final String key;
    private final List<int[]> servers = new ArrayList<>(); // {backend, weight}
    private final List<String> texts = new ArrayList<>();

    private Upstream(String key) {
      this.key = key;
    }

    /** An upstream hashing {@code key} (an nginx variable such as {@code $http_x_key}) consistently. */
    public static Upstream hash(String key) {
      if (!key.matches("\\$[a-z_]+")) {
        throw new IllegalArgumentException("an nginx variable such as $http_x_key, not " + key);
      }
      return new Upstream(key);
    }

    /**
     * Adds {@code server <text> weight=<weight>;} pointing at backend {@code backend}. {@code text}
     * is the address as written, with {@code %d} for the backend's port on 127.0.0.1 (for instance
     * {@code 127.0.0.1:%d} or {@code 127.0.0.1:0%d}) or {@code unix:%s} for its socket.
     */
    public Upstream server(int backend, String text, int weight) {
      if (!text.equals("unix:%s") && !text.matches("127\\.0\\.0\\.1:0*%d")) {
        throw new IllegalArgumentException("server text must be 127.0.0.1:[0...]%d or unix:%s, not " + text);
      }
      if (weight < 1) {
        throw new IllegalArgumentException("nginx weights are at least 1, not " + weight);
      }
      servers.add(new int[] {backend, weight});
      texts.add(text);
      return this;
    }
  }

  private final BackgroundProcess process;
  private final int[] backendPorts;
  private final int[] proxyPorts;
  private final Path dir;
  private final List<List<String>> serverTexts;

  private Nginx(BackgroundProcess process, int[] backendPorts, int[] proxyPorts, Path dir, List<List<String>> texts) {
    this.process = process;
    this.backendPorts = backendPorts;
    this.proxyPorts = proxyPorts;
    this.dir = dir;
    this.serverTexts = texts;
  }

  /** Starts nginx with {@code backends} backends and one proxy port per upstream, on free ports. */
  public static Nginx start(int backends, List<Upstream> upstreams) {
    Path exe = Programs.require("nginx", "nginx");
    return LoopbackServer.onFreePorts(backends + upstreams.size(), ports -> start(exe, backends, upstreams, ports));
  }

  private static Nginx start(Path exe, int backends, List<Upstream> upstreams, int[] ports) {
    Path dir = WorkDir.newDirectory("nginx-" + ports[0]);
    int[] backendPorts = Arrays.copyOfRange(ports, 0, backends);
    int[] proxyPorts = Arrays.copyOfRange(ports, backends, ports.length);
    List<List<String>> texts = new ArrayList<>();
    StringBuilder c = new StringBuilder();
    c.append("daemon off;\nmaster_process off;\nworker_processes 1;\n");
    c.append("pid ").append(dir.resolve("nginx.pid")).append(";\n");
    c.append("error_log ").append(dir.resolve("error.log")).append(" warn;\n");
    c.append("events { worker_connections 1024; }\n");
    c.append("http {\n  access_log off;\n");
    for (String temp : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
      c.append("  ").append(temp).append("_temp_path ").append(dir.resolve(temp + "_temp")).append(";\n");
    }
    c.append("  large_client_header_buffers 4 16k;\n");
    for (int i = 0; i < backends; i++) {
      c.append("  server { listen ").append(LoopbackPorts.HOST).append(':').append(backendPorts[i]).append(';');
      if (unixSocketsFit()) {
        c.append(" listen unix:").append(socket(dir, i)).append(';');
      }
      c.append(" return 200 \"backend-").append(i).append("\"; }\n");
    }
    for (int u = 0; u < upstreams.size(); u++) {
      Upstream up = upstreams.get(u);
      List<String> lines = new ArrayList<>();
      c.append("  upstream u").append(u).append(" {\n    hash ").append(up.key).append(" consistent;\n");
      for (int s = 0; s < up.servers.size(); s++) {
        int backend = up.servers.get(s)[0];
        String template = up.texts.get(s);
        if (template.startsWith("unix:") && !unixSocketsFit()) {
          throw new IllegalArgumentException("unix sockets do not fit under " + WorkDir.root() + "; see unixSocketsFit()");
        }
        String text = template.startsWith("unix:") ? "unix:" + socket(dir, backend)
            : String.format(template, backendPorts[backend]);
        lines.add(text);
        c.append("    server ").append(text).append(" weight=").append(up.servers.get(s)[1]).append(";\n");
      }
      c.append("  }\n");
      c.append("  server { listen ").append(LoopbackPorts.HOST).append(':').append(proxyPorts[u])
          .append("; location / { proxy_pass http://u").append(u).append("; proxy_next_upstream off; } }\n");
      texts.add(List.copyOf(lines));
    }
    c.append("}\n");
    Path config = dir.resolve("nginx.conf");
    Path log = dir.resolve("nginx.out");
    try {
      Files.createDirectories(dir.resolve("logs"));
      Files.writeString(config, c, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    BackgroundProcess p = BackgroundProcess.start(List.of(exe.toString(), "-p", dir.toString(), "-c", config.toString(),
        "-e", dir.resolve("error.log").toString()), log);
    try {
      for (int port : ports) {
        Listening.await(p, port, "nginx");
      }
      return new Nginx(p, backendPorts, proxyPorts, dir, texts);
    } catch (RuntimeException | Error e) {
      p.close();
      throw e;
    }
  }

  private static Path socket(Path dir, int backend) {
    return dir.resolve("b" + backend + ".sock");
  }

  /** True when {@code unix:%s} server lines fit the platform's socket path limit in this work directory. */
  public static boolean unixSocketsFit() {
    return WorkDir.root().toString().length() < 60; // sun_path holds 108 bytes; the socket adds ~45
  }

  /** Backend {@code i}'s port on 127.0.0.1. */
  public int backendPort(int i) {
    return backendPorts[i];
  }

  /** The proxy port of upstream {@code u}, on 127.0.0.1. */
  public int proxyPort(int u) {
    return proxyPorts[u];
  }

  /** Upstream {@code u}'s server addresses exactly as written in the configuration, in order. */
  public List<String> serverTexts(int u) {
    return serverTexts.get(u);
  }

  /** The directory holding the configuration and logs. */
  public Path directory() {
    return dir;
  }

  /** The process id. */
  public long pid() {
    return process.pid();
  }

  /** Stops nginx and waits (at most a few seconds) until it is gone. Idempotent. */
  @Override
  public void close() {
    process.close();
  }

  @Override
  public String toString() {
    return "nginx (pid " + pid() + ", " + dir + ")";
  }
}
