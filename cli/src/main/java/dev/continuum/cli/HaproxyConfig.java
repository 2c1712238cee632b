package dev.continuum.cli;

import dev.continuum.Algorithm;
import dev.continuum.Server;
import dev.continuum.ServerList.FormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@code backend} (or {@code listen}) section of an HAProxy configuration, read as HAProxy 2.6
 * places keys with {@code hash-type consistent}: the dialect from the {@code hash-type} line (a bare
 * {@code hash-type consistent} is sdbm with avalanche), the {@code server} lines in order with their
 * {@code weight} and {@code id}. {@code balance} and {@code hash-type} are inherited from the last
 * {@code defaults} section before the backend, as HAProxy does, and so is a {@code default-server
 * weight}. Rejected, with the file and line: a backend that does not hash consistently, a
 * {@code hash-balance-factor} (bounded loads), and servers the dialect does not model
 * ({@code backup}, {@code disabled}, {@code server-template}, no port).
 */
final class HaproxyConfig {
  private static final Set<String> SECTIONS = Set.of("global", "defaults", "frontend", "backend", "listen",
      "peers", "resolvers", "userlist", "mailers", "cache", "program", "http-errors", "ring", "fcgi-app");
  private static final Set<String> HASHING = Set.of("source", "uri", "url_param", "hdr", "rdp-cookie", "random");

  final String backend;
  final List<Server> servers;
  final Algorithm algorithm;
  final boolean avalanche;

  private HaproxyConfig(String backend, List<Server> servers, Algorithm algorithm, boolean avalanche) {
    this.backend = backend;
    this.servers = List.copyOf(servers);
    this.algorithm = algorithm;
    this.avalanche = avalanche;
  }

  static HaproxyConfig read(Path file, String backend) throws IOException {
    return parse(Input.text(file, 0), file.toString(), backend);
  }

  /** The settings of one section that placement depends on, with the lines they came from. */
  private static final class Section {
    final String kind;
    final String name;
    final int line;
    String balance;
    int balanceLine;
    String[] hashType;
    int hashTypeLine;
    Integer defaultWeight;
    final List<String[]> servers = new ArrayList<>();
    final List<Integer> serverLines = new ArrayList<>();

    Section(String kind, String name, int line, Section defaults) {
      this.kind = kind;
      this.name = name;
      this.line = line;
      if (defaults != null) {
        balance = defaults.balance;
        balanceLine = defaults.balanceLine;
        hashType = defaults.hashType;
        hashTypeLine = defaults.hashTypeLine;
        defaultWeight = defaults.defaultWeight;
      }
    }
  }

  static HaproxyConfig parse(String text, String source, String wanted) {
    Map<String, Section> backends = new LinkedHashMap<>();
    Section defaults = null;
    Section current = null;
    String[] lines = text.split("\n", -1);
    for (int n = 0; n < lines.length; n++) {
      int lineNo = n + 1;
      String[] w = words(lines[n]);
      if (w.length == 0) {
        continue;
      }
      if (SECTIONS.contains(w[0])) {
        String name = w.length > 1 ? w[1] : "";
        current = new Section(w[0], name, lineNo, w[0].equals("defaults") ? null : defaults);
        if (w[0].equals("defaults")) {
          defaults = current;
        } else if (w[0].equals("backend") || w[0].equals("listen")) {
          if (name.isEmpty()) {
            throw new FormatException(source, lineNo, w[0] + " needs a name");
          }
          if (backends.putIfAbsent(name, current) != null) {
            throw new FormatException(source, lineNo, "duplicate backend \"" + name + "\"");
          }
        }
        continue;
      }
      if (current == null) {
        throw new FormatException(source, lineNo, "\"" + w[0] + "\" outside any section");
      }
      switch (w[0]) {
        case "balance":
          current.balance = w.length > 1 ? w[1] : "";
          current.balanceLine = lineNo;
          break;
        case "hash-type":
          current.hashType = w;
          current.hashTypeLine = lineNo;
          break;
        case "hash-balance-factor":
          if (w.length > 1 && !w[1].equals("0")) {
            throw new FormatException(source, lineNo, "hash-balance-factor (consistent hashing with bounded loads) "
                + "is not modelled: it moves keys by live load");
          }
          break;
        case "default-server":
          for (int i = 1; i + 1 < w.length; i++) {
            if (w[i].equals("weight")) {
              current.defaultWeight = weight(source, lineNo, w[i + 1]);
            }
          }
          break;
        case "server":
          current.servers.add(w);
          current.serverLines.add(lineNo);
          break;
        case "server-template":
          throw new FormatException(source, lineNo, "server-template is not modelled: its servers and ids are made at run time");
        default:
          break; // timeouts, options, ACLs ...: no effect on placement
      }
    }
    if (backends.isEmpty()) {
      throw new FormatException(source, 1, "no backend or listen section");
    }
    Section b;
    if (wanted == null) {
      List<Section> hashing = new ArrayList<>();
      for (Section s : backends.values()) {
        if (!s.servers.isEmpty()) {
          hashing.add(s);
        }
      }
      if (hashing.size() != 1) {
        throw new FormatException(source, backends.values().iterator().next().line, (hashing.isEmpty() ? "no backend has servers"
            : "several backends (" + String.join(", ", backends.keySet()) + ")") + ": choose one with --backend NAME");
      }
      b = hashing.get(0);
    } else {
      b = backends.get(wanted);
      if (b == null) {
        throw new FormatException(source, 1, "no backend \"" + wanted + "\" (there are: " + String.join(", ",
            backends.keySet()) + ")");
      }
    }
    return build(source, b);
  }

  private static HaproxyConfig build(String source, Section b) {
    String balance = b.balance == null ? "roundrobin" : b.balance.replaceAll("\\(.*", "");
    if (!HASHING.contains(balance)) {
      throw new FormatException(source, b.balance == null ? b.line : b.balanceLine, b.kind + " " + b.name
          + " balances with \"" + balance + "\", not by a hash; only hash-type consistent is modelled");
    }
    String[] h = b.hashType;
    if (h == null || h.length < 2 || !h[1].equals("consistent")) {
      throw new FormatException(source, h == null ? b.line : b.hashTypeLine, b.kind + " " + b.name
          + " uses map-based hashing (HAProxy's default without \"hash-type consistent\"); only consistent is modelled");
    }
    Algorithm algorithm;
    boolean avalanche;
    if (h.length == 2) {
      algorithm = Algorithm.HAPROXY_SDBM; // a bare "hash-type consistent": sdbm with avalanche
      avalanche = true;
    } else {
      algorithm = switch (h[2]) {
        case "sdbm" -> Algorithm.HAPROXY_SDBM;
        case "djb2" -> Algorithm.HAPROXY_DJB2;
        case "wt6" -> Algorithm.HAPROXY_WT6;
        case "crc32" -> Algorithm.HAPROXY_CRC32;
        default -> throw new FormatException(source, b.hashTypeLine, "hash function \"" + h[2]
            + "\": HAProxy 2.6 offers sdbm, djb2, wt6 and crc32");
      };
      if (h.length > 4 || (h.length == 4 && !h[3].equals("avalanche"))) {
        throw new FormatException(source, b.hashTypeLine, "expected \"hash-type consistent FUNCTION [avalanche]\"");
      }
      avalanche = h.length == 4;
    }
    if (b.servers.isEmpty()) {
      throw new FormatException(source, b.line, b.kind + " " + b.name + " has no server");
    }
    List<Server> servers = new ArrayList<>();
    for (int i = 0; i < b.servers.size(); i++) {
      servers.add(server(source, b.serverLines.get(i), b.servers.get(i), b.defaultWeight, servers));
    }
    return new HaproxyConfig(b.name, servers, algorithm, avalanche);
  }

  private static Server server(String source, int line, String[] w, Integer defaultWeight, List<Server> earlier) {
    if (w.length < 3) {
      throw new FormatException(source, line, "expected \"server NAME ADDRESS:PORT [weight N] [id N]\"");
    }
    String name = w[1];
    String address = w[2].replaceFirst("^ipv[46]@", "");
    int weight = defaultWeight == null ? 1 : defaultWeight;
    int id = 0;
    for (int i = 3; i < w.length; i++) {
      switch (w[i]) {
        case "weight" -> weight = weight(source, line, value(source, line, w, i++));
        case "id" -> {
          String v = value(source, line, w, i++);
          if (!v.matches("[0-9]{1,10}") || Long.parseLong(v) < 1 || Long.parseLong(v) > Integer.MAX_VALUE) {
            throw new FormatException(source, line, "server " + name + ": id must be 1..2147483647, got \"" + v + "\"");
          }
          id = Integer.parseInt(v);
        }
        case "backup", "disabled" -> throw new FormatException(source, line, "server " + name + ": \"" + w[i]
            + "\" is not modelled (its keys are placed only while other servers are down)");
        default -> { } // check, inter, maxconn ...: no effect on placement
      }
    }
    Server s;
    try {
      s = Server.parse(address).withCapacity(weight).withName(name).withId(id);
    } catch (IllegalArgumentException e) {
      throw new FormatException(source, line, "server " + name + " " + w[2] + ": " + e.getMessage()
          + " (an address without a port is not modelled)");
    }
    for (Server e : earlier) {
      if (id != 0 && e.id() == id) {
        throw new FormatException(source, line, "server " + name + ": id " + id + " is taken by server " + e.name());
      }
      if (e.equals(s)) {
        throw new FormatException(source, line, "server " + name + ": " + s.hostPort() + " is listed twice");
      }
    }
    return s;
  }

  private static String value(String source, int line, String[] w, int i) {
    if (i + 1 >= w.length) {
      throw new FormatException(source, line, "\"" + w[i] + "\" needs a value");
    }
    return w[i + 1];
  }

  private static int weight(String source, int line, String v) {
    if (!v.matches("[0-9]{1,3}") || Integer.parseInt(v) > 256) {
      throw new FormatException(source, line, "weight must be 0..256, got \"" + v + "\"");
    }
    return Integer.parseInt(v);
  }

  /** The words of a line, without its comment; HAProxy's quoting is not needed by the keywords read here. */
  private static String[] words(String line) {
    int hash = line.indexOf('#');
    String code = hash >= 0 ? line.substring(0, hash) : line;
    code = code.strip();
    return code.isEmpty() ? new String[0] : code.split("\\s+");
  }
}
