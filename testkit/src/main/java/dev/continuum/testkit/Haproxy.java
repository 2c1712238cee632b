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
 * One real {@code haproxy} process on 127.0.0.1 (foreground, {@code -db}; its configuration and log
 * in a fresh directory of the testkit's, nothing root-owned used) that serves tiny backends and
 * balances over them: backend {@code i} answers every request with the body {@code backend-i}, and
 * each {@link Backend} gets a frontend port whose requests are balanced by {@code balance hdr(X-Key)}
 * (or {@code url_param k}) with {@code hash-type consistent ...}. Stopped by {@link #close()} (a
 * shutdown hook and a watchdog stop it anyway). Needs the Debian package haproxy; without it
 * {@link #start} fails with a {@link MissingProgramError}.
 */
public final class Haproxy implements AutoCloseable {
  /** One backend section: how it balances and its server lines, in order. */
  public static final class Backend {
    private final String balance;
    private final String hashType;
    private final List<String> servers = new ArrayList<>();
    private final List<Integer> targets = new ArrayList<>();

    private Backend(String balance, String hashType) {
      this.balance = balance;
      this.hashType = hashType;
    }

    /**
     * A backend with {@code balance hdr(X-Key)} and the line {@code hashType}, for instance
     * {@code hash-type consistent} or {@code hash-type consistent wt6 avalanche}.
     */
    public static Backend header(String hashType) {
      return new Backend("hdr(X-Key)", checked(hashType));
    }

    /** As {@link #header} with {@code balance url_param k}. */
    public static Backend urlParam(String hashType) {
      return new Backend("url_param k", checked(hashType));
    }

    private static String checked(String hashType) {
      if (!hashType.matches("hash-type consistent( (sdbm|djb2|wt6|crc32)( avalanche)?)?")) {
        throw new IllegalArgumentException("not a consistent hash-type line: " + hashType);
      }
      return hashType;
    }

    /**
     * Adds {@code server <name> 127.0.0.1:<port of backend> weight <weight>}, with {@code id <id>} when
     * {@code id > 0}.
     */
    public Backend server(String name, int backend, int weight, int id) {
      if (!name.matches("[A-Za-z0-9_.-]+")) {
        throw new IllegalArgumentException("server name must match [A-Za-z0-9_.-]+: " + name);
      }
      if (weight < 0 || weight > 256) {
        throw new IllegalArgumentException("HAProxy weights are 0..256, not " + weight);
      }
      servers.add("server " + name + " %s weight " + weight + (id > 0 ? " id " + id : ""));
      targets.add(backend);
      return this;
    }
  }

  private final BackgroundProcess process;
  private final int[] backendPorts;
  private final int[] frontendPorts;
  private final Path dir;

  private Haproxy(BackgroundProcess process, int[] backendPorts, int[] frontendPorts, Path dir) {
    this.process = process;
    this.backendPorts = backendPorts;
    this.frontendPorts = frontendPorts;
    this.dir = dir;
  }

  /** Starts haproxy with {@code backends} answering backends and one frontend per {@link Backend}. */
  public static Haproxy start(int backends, List<Backend> sections) {
    Path exe = Programs.require("haproxy", "haproxy");
    return LoopbackServer.onFreePorts(backends + sections.size(), ports -> start(exe, backends, sections, ports));
  }

  private static Haproxy start(Path exe, int backends, List<Backend> sections, int[] ports) {
    Path dir = WorkDir.newDirectory("haproxy-" + ports[0]);
    int[] backendPorts = Arrays.copyOfRange(ports, 0, backends);
    int[] frontendPorts = Arrays.copyOfRange(ports, backends, ports.length);
    StringBuilder c = new StringBuilder();
    c.append("global\n  maxconn 1024\n\n");
    c.append("defaults\n  mode http\n  timeout connect 5s\n  timeout client 30s\n  timeout server 30s\n");
    c.append("  option http-keep-alive\n\n");
    for (int i = 0; i < backends; i++) {
      c.append("frontend answer").append(i).append("\n  bind ").append(LoopbackPorts.HOST).append(':')
          .append(backendPorts[i]).append("\n  http-request return status 200 content-type text/plain string backend-")
          .append(i).append("\n\n");
    }
    for (int b = 0; b < sections.size(); b++) {
      Backend section = sections.get(b);
      c.append("frontend balance").append(b).append("\n  bind ").append(LoopbackPorts.HOST).append(':')
          .append(frontendPorts[b]).append("\n  default_backend pool").append(b).append("\n\n");
      c.append("backend pool").append(b).append("\n  balance ").append(section.balance).append("\n  ")
          .append(section.hashType).append('\n');
      for (int s = 0; s < section.servers.size(); s++) {
        String address = LoopbackPorts.HOST + ":" + backendPorts[section.targets.get(s)];
        c.append("  ").append(String.format(section.servers.get(s), address)).append('\n');
      }
      c.append('\n');
    }
    Path config = dir.resolve("haproxy.cfg");
    Path log = dir.resolve("haproxy.out");
    try {
      Files.writeString(config, c, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    BackgroundProcess p = BackgroundProcess.start(List.of(exe.toString(), "-db", "-f", config.toString()), log);
    try {
      for (int port : ports) {
        Listening.await(p, port, "haproxy");
      }
      return new Haproxy(p, backendPorts, frontendPorts, dir);
    } catch (RuntimeException | Error e) {
      p.close();
      throw e;
    }
  }

  /** Backend {@code i}'s port on 127.0.0.1. */
  public int backendPort(int i) {
    return backendPorts[i];
  }

  /** The frontend port balancing over backend section {@code b}, on 127.0.0.1. */
  public int frontendPort(int b) {
    return frontendPorts[b];
  }

  /** The directory holding the configuration and log. */
  public Path directory() {
    return dir;
  }

  /** The process id. */
  public long pid() {
    return process.pid();
  }

  /** Stops haproxy and waits (at most a few seconds) until it is gone. Idempotent. */
  @Override
  public void close() {
    process.close();
  }

  @Override
  public String toString() {
    return "haproxy (pid " + pid() + ", " + dir + ")";
  }
}
