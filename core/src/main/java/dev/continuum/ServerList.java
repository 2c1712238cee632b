package dev.continuum;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the plain server-list format: one server per line,
 *
 * <pre>
 * # comment
 * host:port [capacity] [name]
 * 10.0.0.1:11211 2 cache-a    # trailing comments too
 * </pre>
 *
 * Blank lines and {@code #} comments are ignored. A bad line is reported with the file name and
 * line number, and nothing is returned for a file with any bad line.
 */
public final class ServerList {
  private ServerList() {}

  /** A line of a server list that cannot be read, with where it is. */
  public static final class FormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final int line;

    public FormatException(String source, int line, String problem) {
      super(source + ":" + line + ": " + problem);
      this.source = source;
      this.line = line;
    }

    /** The file name (or other source description). */
    public String source() {
      return source;
    }

    /** The 1-based line number. */
    public int line() {
      return line;
    }
  }

  /** Reads a server list file (UTF-8). */
  public static List<Server> read(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(r, file.toString());
    }
  }

  /** Parses a server list given as text; {@code source} names it in error messages. */
  public static List<Server> parse(String text, String source) {
    try {
      return read(new StringReader(text), source);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a server list; {@code source} names it in error messages. */
  public static List<Server> read(Reader reader, String source) throws IOException {
    BufferedReader in = reader instanceof BufferedReader ? (BufferedReader) reader : new BufferedReader(reader);
    List<Server> servers = new ArrayList<>();
    Set<Server> seen = new HashSet<>();
    Set<String> names = new HashSet<>();
    String line;
    int number = 0;
    while ((line = in.readLine()) != null) {
      number++;
      int hash = line.indexOf('#');
      String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (number == 1 && content.startsWith("\uFEFF")) {
        content = content.substring(1).strip();
      }
      if (content.isEmpty()) {
        continue;
      }
      String[] fields = content.split("\\s+");
      if (fields.length > 3) {
        throw new FormatException(source, number, "expected \"host:port [capacity] [name]\", got \"" + content + "\"");
      }
      Server s;
      try {
        s = Server.parse(fields[0]);
        if (fields.length >= 2) {
          s = s.withCapacity(Checks.parseInt("capacity", fields[1], fields[1]));
        }
        if (fields.length == 3) {
          s = s.withName(fields[2]);
        }
      } catch (IllegalArgumentException e) {
        throw new FormatException(source, number, e.getMessage());
      }
      if (!seen.add(s)) {
        throw new FormatException(source, number, "duplicate server " + s.hostPort());
      }
      if (s.name() != null && !names.add(s.name())) {
        throw new FormatException(source, number, "duplicate server name " + s.name());
      }
      Checks.servers(servers.size() + 1);
      servers.add(s);
    }
    return List.copyOf(servers);
  }
}
