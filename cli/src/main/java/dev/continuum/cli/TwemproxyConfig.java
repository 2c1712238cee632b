package dev.continuum.cli;

import dev.continuum.Algorithm;
import dev.continuum.Server;
import dev.continuum.ServerList.FormatException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One pool of a twemproxy (nutcracker) YAML configuration: its servers ({@code host:port:weight
 * [name]}), and the dialect its {@code hash} and {@code distribution} select. Only what placement
 * depends on is read; the other pool settings are ignored.
 *
 * <ul>
 *   <li>{@code distribution}: {@code ketama} or absent (twemproxy's default); {@code modula} and
 *       {@code random} are not consistent hashing and are rejected.
 *   <li>{@code hash}: {@code md5} selects {@code twemproxy-md5}; {@code fnv1a_64} or absent
 *       (twemproxy's default) selects {@code twemproxy}; any other hash is rejected.
 *   <li>Weights must be at least 1 and names unique, as twemproxy requires.
 * </ul>
 */
final class TwemproxyConfig {
  final String pool;
  final List<Server> servers;
  final Algorithm algorithm;

  private TwemproxyConfig(String pool, List<Server> servers, Algorithm algorithm) {
    this.pool = pool;
    this.servers = servers;
    this.algorithm = algorithm;
  }

  /** Reads pool {@code pool} of the file, or its only pool when {@code pool} is null. */
  static TwemproxyConfig read(Path file, String pool) throws IOException {
    return read(new java.io.StringReader(Input.text(file, 0)), file.toString(), pool);
  }

  static TwemproxyConfig read(Reader reader, String source, String pool) {
    String text;
    try {
      StringWriter all = new StringWriter();
      reader.transferTo(all);
      text = all.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Optional<Node> root;
    // One buffer for the whole text: snakeyaml-engine's StreamReader throws
    // IndexOutOfBoundsException when a surrogate pair straddles the end of its (1,024-char) buffer.
    LoadSettings yaml = LoadSettings.builder().setLabel(source).setBufferSize(text.length() + 1).build();
    try {
      root = new Compose(yaml).composeString(text);
    } catch (NumberFormatException e) {
      // snakeyaml-engine parses the missing hex digits of an escape that the end of the text cuts
      // off (a backslash and 'u' last) as a number instead of reporting it: only there, so the
      // line is the last one.
      throw new FormatException(source, text.split("\r\n|\r|\n", -1).length,
          "not valid YAML: a \\x, \\u or \\U escape cut off by the end of the file");
    } catch (MarkedYamlEngineException e) {
      // The context (the construct left open, e.g. a '[') is where to look; the problem mark is
      // often the end of the file.
      int line = e.getContextMark().or(e::getProblemMark).map(m -> m.getLine() + 1).orElse(1);
      throw new FormatException(source, line, "not valid YAML: " + e.getProblem());
    } catch (YamlEngineException e) {
      throw new FormatException(source, 1, "not valid YAML: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      // snakeyaml-engine's Tag refuses some tags the parser passed ("!2:1%1"), unmarked.
      throw new FormatException(source, badTagLine(yaml, text), "not valid YAML: " + e.getMessage());
    } catch (RuntimeException e) {
      // The parser is a third party's: fuzzing found five inputs that escaped its own error reporting
      // (each handled above with its line). Any other failure of it still ends as one line naming the
      // file, never a stack trace; its line is unknown, so the first is named.
      throw new FormatException(source, 1, "not valid YAML (the YAML parser failed: "
          + String.valueOf(e).replaceAll("\\s+", " ") + ")");
    }
    if (root.isEmpty() || !(root.get() instanceof MappingNode)) {
      throw new FormatException(source, root.map(TwemproxyConfig::line).orElse(1),
          "expected a mapping of pool names to pools (a twemproxy configuration)");
    }
    Map<String, Node> pools = mapping(source, (MappingNode) root.get());
    Node chosen;
    String name = pool;
    if (pool == null) {
      if (pools.size() != 1) {
        throw new FormatException(source, line(root.get()),
            "the file has " + pools.size() + " pools (" + String.join(", ", pools.keySet()) + "); choose one with --pool NAME");
      }
      name = pools.keySet().iterator().next();
    }
    chosen = pools.get(name);
    if (chosen == null) {
      throw new FormatException(source, line(root.get()),
          "no pool \"" + name + "\"; the pools are " + String.join(", ", pools.keySet()));
    }
    int poolLine = keyLine((MappingNode) root.get(), name);
    if (!(chosen instanceof MappingNode)) {
      throw new FormatException(source, poolLine, "pool " + name + " is not a mapping of settings");
    }
    Map<String, Node> settings = mapping(source, (MappingNode) chosen);
    String distribution = scalar(source, settings, "distribution", "ketama");
    if (!distribution.equals("ketama")) {
      throw new FormatException(source, line(settings.get("distribution")), "distribution " + distribution
          + " is not supported (only ketama: modula and random are not consistent hashing)");
    }
    String hash = scalar(source, settings, "hash", "fnv1a_64");
    Algorithm algorithm;
    if (hash.equals("md5")) {
      algorithm = Algorithm.byName("twemproxy-md5");
    } else if (hash.equals("fnv1a_64")) {
      algorithm = Algorithm.byName("twemproxy");
    } else {
      throw new FormatException(source, line(settings.get("hash")), "hash " + hash
          + " is not supported (continuum reproduces twemproxy's ketama with hash md5 or fnv1a_64)");
    }
    Node list = settings.get("servers");
    if (!(list instanceof SequenceNode) || ((SequenceNode) list).getValue().isEmpty()) {
      throw new FormatException(source, list == null ? poolLine : line(list),
          "pool " + name + " needs a non-empty servers: list");
    }
    List<Server> servers = new ArrayList<>();
    Set<Server> seen = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (Node item : ((SequenceNode) list).getValue()) {
      if (!(item instanceof ScalarNode)) {
        throw new FormatException(source, line(item), "a server must be a \"host:port:weight [name]\" string");
      }
      Server s = server(source, line(item), ((ScalarNode) item).getValue().strip());
      if (!seen.add(s)) {
        throw new FormatException(source, line(item), "duplicate server " + s.hostPort());
      }
      if (s.name() != null && !names.add(s.name())) {
        throw new FormatException(source, line(item), "duplicate server name " + s.name());
      }
      servers.add(s);
    }
    return new TwemproxyConfig(name, List.copyOf(servers), algorithm);
  }

  /** The line of the first node whose tag snakeyaml-engine cannot build, else 1. */
  private static int badTagLine(LoadSettings yaml, String text) {
    for (Event event : new Parse(yaml).parseString(text)) {
      Optional<String> tag = event instanceof ScalarEvent ? ((ScalarEvent) event).getTag()
          : event instanceof CollectionStartEvent ? ((CollectionStartEvent) event).getTag() : Optional.empty();
      try {
        tag.ifPresent(Tag::new);
      } catch (IllegalArgumentException e) {
        return event.getStartMark().map(m -> m.getLine() + 1).orElse(1);
      }
    }
    return 1;
  }

  private static Server server(String source, int line, String text) {
    String[] fields = text.split("\\s+");
    String[] parts = fields[0].split(":", -1);
    // twemproxy splits host:port:weight at its last two colons, so a host in brackets is not IPv6
    // there as Server.parse would read it: "[x]:11:1" is host "[x]", "[:]:11" has port "]".
    if (fields.length > 2 || parts.length != 3 || fields[0].startsWith("[")) {
      throw new FormatException(source, line, "expected \"host:port:weight [name]\", got \"" + text + "\"");
    }
    try {
      Server s = Server.parse(fields[0]);
      if (s.capacity() < 1) {
        throw new IllegalArgumentException("weight must be at least 1 (twemproxy rejects 0), got " + s.capacity());
      }
      return fields.length == 2 ? s.withName(fields[1]) : s;
    } catch (IllegalArgumentException e) {
      throw new FormatException(source, line, e.getMessage());
    }
  }

  private static Map<String, Node> mapping(String source, MappingNode node) {
    Map<String, Node> out = new LinkedHashMap<>();
    for (NodeTuple t : node.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode)) {
        throw new FormatException(source, line(t.getKeyNode()), "expected a plain key");
      }
      out.put(((ScalarNode) t.getKeyNode()).getValue(), t.getValueNode());
    }
    return out;
  }

  private static int keyLine(MappingNode node, String key) {
    for (NodeTuple t : node.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode && ((ScalarNode) t.getKeyNode()).getValue().equals(key)) {
        return line(t.getKeyNode());
      }
    }
    return line(node);
  }

  private static String scalar(String source, Map<String, Node> settings, String key, String absent) {
    Node n = settings.get(key);
    if (n == null) {
      return absent;
    }
    if (!(n instanceof ScalarNode)) {
      throw new FormatException(source, line(n), key + ": expected a single value");
    }
    return ((ScalarNode) n).getValue().strip();
  }

  private static int line(Node n) {
    return n.getStartMark().map(Mark::getLine).orElse(0) + 1;
  }

  /**
   * YAML's limit on an implicit key ("key: value"): a key written longer must be an explicit one
   * ("? key" on its own line), or readers stop with "mapping values are not allowed here".
   */
  private static final int IMPLICIT_KEY_CHARS = 1024;

  /**
   * The configuration text of one pool with these servers (for examples and round trips): any pool
   * name and server this class reads writes back as YAML that reads the same.
   */
  static String write(String pool, List<Server> servers, String hash) {
    String key = scalar(pool, "[A-Za-z0-9_][A-Za-z0-9_.-]*");
    StringBuilder b = new StringBuilder();
    if (key.length() < IMPLICIT_KEY_CHARS) {
      b.append(key).append(":\n");
    } else {
      b.append("? ").append(key).append("\n:\n");
    }
    b.append("  listen: 127.0.0.1:22121\n");
    if (hash != null) {
      b.append("  hash: ").append(hash).append('\n');
    }
    b.append("  distribution: ketama\n  servers:\n");
    for (Server s : servers) {
      String entry = s.hostPort() + ':' + s.capacity() + (s.name() == null ? "" : " " + s.name());
      b.append("   - ").append(scalar(entry, "[A-Za-z0-9_][A-Za-z0-9_.-]*:[0-9]+:[0-9]+( [A-Za-z0-9_.-]+)?")).append('\n');
    }
    return b.toString();
  }

  /**
   * {@code text} as a YAML scalar: plain when it matches {@code plain} (words that YAML reads as
   * themselves), else double-quoted with escapes, so that a name or entry starting with '#', '&' or
   * '!', ending in ':', holding " #" or a line break, or empty reads back the same.
   */
  private static String scalar(String text, String plain) {
    if (text.matches(plain)) {
      return text;
    }
    StringBuilder q = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        q.append('\\').append(c);
      } else if (c < 0x20 || c >= 0x7F) {
        q.append(String.format("\\u%04x", (int) c));
      } else {
        q.append(c);
      }
    }
    return q.append('"').toString();
  }
}
