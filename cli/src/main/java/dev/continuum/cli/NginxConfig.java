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

/**
 * One {@code upstream} block of an nginx configuration, read as nginx 1.22 places keys with
 * {@code hash $key consistent;}: its {@code server} lines in order, each named by its address exactly
 * as written (the {@code nginx-hash-consistent} ring name) with its {@code weight=}. nginx's syntax:
 * directives end with {@code ;}, blocks are braces, {@code #} starts a comment, single or double
 * quotes group a word. Rejected, with the file and line: an upstream without {@code hash ...
 * consistent} (another balancing method), {@code weight=0}, and what the dialect does not model
 * ({@code down}, {@code backup}, {@code resolve}, {@code unix:} sockets). Other directives and
 * parameters ({@code keepalive}, {@code max_fails} ...) do not change placement and are passed over.
 */
final class NginxConfig {
  final String upstream;
  final List<Server> servers;

  private NginxConfig(String upstream, List<Server> servers) {
    this.upstream = upstream;
    this.servers = List.copyOf(servers);
  }

  static NginxConfig read(Path file, String upstream) throws IOException {
    return parse(Input.text(file, 0), file.toString(), upstream);
  }

  /** A word of the configuration and the line it starts on. */
  private record Token(String text, int line, boolean quoted) {
    boolean is(String s) {
      return !quoted && text.equals(s);
    }
  }

  static NginxConfig parse(String text, String source, String wanted) {
    List<Token> tokens = tokens(text, source);
    // Every upstream block: name -> its directives (each a list of tokens up to ';').
    Map<String, List<List<Token>>> upstreams = new LinkedHashMap<>();
    Map<String, Integer> lines = new LinkedHashMap<>();
    int depth = 0;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.is("{")) {
        depth++;
      } else if (t.is("}")) {
        if (--depth < 0) {
          throw new FormatException(source, t.line(), "unexpected \"}\"");
        }
      } else if (t.is("upstream") && (i == 0 || isBoundary(tokens.get(i - 1)))) {
        if (i + 2 >= tokens.size() || !tokens.get(i + 2).is("{")) {
          throw new FormatException(source, t.line(), "expected \"upstream NAME {\"");
        }
        String name = tokens.get(i + 1).text();
        if (upstreams.containsKey(name)) {
          throw new FormatException(source, t.line(), "duplicate upstream \"" + name + "\"");
        }
        List<List<Token>> directives = new ArrayList<>();
        int j = i + 3;
        List<Token> current = new ArrayList<>();
        for (; j < tokens.size() && !tokens.get(j).is("}"); j++) {
          Token d = tokens.get(j);
          if (d.is("{")) {
            throw new FormatException(source, d.line(), "unexpected \"{\" inside upstream " + name);
          }
          if (d.is(";")) {
            if (current.isEmpty()) {
              throw new FormatException(source, d.line(), "unexpected \";\"");
            }
            directives.add(current);
            current = new ArrayList<>();
          } else {
            current.add(d);
          }
        }
        if (j == tokens.size()) {
          throw new FormatException(source, t.line(), "upstream " + name + " is not closed by \"}\"");
        }
        if (!current.isEmpty()) {
          throw new FormatException(source, current.get(0).line(), "directive \"" + current.get(0).text()
              + "\" is not terminated by \";\"");
        }
        upstreams.put(name, directives);
        lines.put(name, t.line());
        i = j;
      }
    }
    if (depth != 0) {
      throw new FormatException(source, tokens.isEmpty() ? 1 : tokens.get(tokens.size() - 1).line(),
          "unexpected end of file, expecting \"}\"");
    }
    if (upstreams.isEmpty()) {
      throw new FormatException(source, 1, "no upstream block");
    }
    String name = wanted;
    if (name == null) {
      if (upstreams.size() > 1) {
        throw new FormatException(source, lines.values().iterator().next(), "several upstreams (" + String.join(", ",
            upstreams.keySet()) + "): choose one with --upstream NAME");
      }
      name = upstreams.keySet().iterator().next();
    } else if (!upstreams.containsKey(name)) {
      throw new FormatException(source, lines.values().iterator().next(), "no upstream \"" + name + "\" (there are: "
          + String.join(", ", upstreams.keySet()) + ")");
    }
    return new NginxConfig(name, servers(source, name, lines.get(name), upstreams.get(name)));
  }

  private static boolean isBoundary(Token previous) {
    return previous.is(";") || previous.is("{") || previous.is("}");
  }

  private static List<Server> servers(String source, String name, int line, List<List<Token>> directives) {
    boolean consistent = false;
    List<Server> servers = new ArrayList<>();
    for (List<Token> d : directives) {
      Token head = d.get(0);
      switch (head.text()) {
        case "hash":
          if (d.size() == 3 && d.get(2).is("consistent")) {
            consistent = true;
          } else {
            throw new FormatException(source, head.line(), "\"hash " + (d.size() > 1 ? d.get(1).text() : "")
                + "\" without \"consistent\" is nginx's modulo hash, not a ring; only \"hash KEY consistent\" is modelled");
          }
          break;
        case "ip_hash":
        case "least_conn":
        case "random":
        case "least_time":
        case "sticky":
          throw new FormatException(source, head.line(), "upstream " + name + " balances with \"" + head.text()
              + "\"; only \"hash KEY consistent\" is modelled");
        case "server":
          servers.add(server(source, d));
          break;
        default:
          break; // keepalive, zone ...: no effect on placement
      }
    }
    if (!consistent) {
      throw new FormatException(source, line, "upstream " + name + " has no \"hash KEY consistent;\" (nginx "
          + "balances it round robin); only consistent hashing is modelled");
    }
    if (servers.isEmpty()) {
      throw new FormatException(source, line, "upstream " + name + " has no server");
    }
    for (int i = 0; i < servers.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (servers.get(i).equals(servers.get(j))) {
          throw new FormatException(source, line, "upstream " + name + " lists " + servers.get(i).hostPort() + " twice");
        }
      }
    }
    return servers;
  }

  private static Server server(String source, List<Token> d) {
    int line = d.get(0).line();
    if (d.size() < 2) {
      throw new FormatException(source, line, "\"server\" needs an address");
    }
    String text = d.get(1).text();
    int weight = 1;
    for (Token p : d.subList(2, d.size())) {
      String param = p.text();
      if (param.startsWith("weight=")) {
        String value = param.substring(7);
        if (!value.matches("[0-9]{1,9}") || Integer.parseInt(value) == 0) {
          throw new FormatException(source, line, "invalid weight \"" + value + "\" (nginx weights are 1 or more)");
        }
        weight = Integer.parseInt(value);
      } else if (param.equals("down") || param.equals("backup") || param.equals("resolve")
          || param.startsWith("service=") || param.startsWith("route=")) {
        throw new FormatException(source, line, "server " + text + ": \"" + param + "\" is not modelled (a down or "
            + "backup server, or one resolved at run time, has no fixed place on the ring)");
      } else if (!param.matches("(max_fails|fail_timeout|max_conns|slow_start|drain)(=.*)?")) {
        throw new FormatException(source, line, "server " + text + ": unknown parameter \"" + param + "\"");
      }
    }
    if (text.regionMatches(true, 0, "unix:", 0, 5)) {
      throw new FormatException(source, line, "server " + text + ": unix sockets have no host and port to report; "
          + "use the library's Server.withName(\"" + text + "\") over any host and port");
    }
    String hostPort = text;
    if (text.startsWith("[") ? text.endsWith("]") : text.indexOf(':') < 0) {
      hostPort = text + ":80"; // nginx connects to port 80 but hashes the address as written, without it
    }
    try {
      Server s = Server.parse(hostPort).withCapacity(weight);
      return text.equals(s.hostPort()) ? s : s.withName(text);
    } catch (IllegalArgumentException e) {
      throw new FormatException(source, line, "server " + text + ": " + e.getMessage());
    }
  }

  private static List<Token> tokens(String text, String source) {
    List<Token> out = new ArrayList<>();
    int line = 1;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        i++;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '#') {
        while (i < n && text.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '{' || c == '}' || c == ';') {
        out.add(new Token(String.valueOf(c), line, false));
        i++;
      } else if (c == '"' || c == '\'') {
        int start = line;
        StringBuilder b = new StringBuilder();
        i++;
        while (i < n && text.charAt(i) != c) {
          char x = text.charAt(i);
          if (x == '\\' && i + 1 < n) {
            x = text.charAt(++i);
          }
          if (x == '\n') {
            line++;
          }
          b.append(x);
          i++;
        }
        if (i == n) {
          throw new FormatException(source, start, "unterminated quoted string");
        }
        i++;
        out.add(new Token(b.toString(), start, true));
      } else {
        int start = i;
        while (i < n && !Character.isWhitespace(text.charAt(i)) && "{};\"'".indexOf(text.charAt(i)) < 0) {
          i++;
        }
        out.add(new Token(text.substring(start, i), line, false));
      }
    }
    return out;
  }

  /** The dialect every nginx upstream implies. */
  static Algorithm algorithm() {
    return Algorithm.NGINX_HASH_CONSISTENT;
  }
}
