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
 * Blank lines and {@code #} comments are ignored, as is a byte-order mark. A bad line is reported with
 * the file name and line number, and nothing is returned for a file with any bad line. Stateless and
 * thread-safe.
 */
public final class ServerList {
  private ServerList() {}

  /** A line of a server list that cannot be read, with where it is: {@code source:line: problem}. */
  public static final class FormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    /** The file name (or other source description). */
    private final String source;
    /** The 1-based line number. */
    private final int line;

    /**
     * A bad line.
     *
     * @param source the file name (or other source description)
     * @param line the 1-based line number
     * @param problem what is wrong with the line
     */
    public FormatException(String source, int line, String problem) {
      super(source + ":" + line + ": " + problem);
      this.source = source;
      this.line = line;
    }

    /**
     * Where the bad line is.
     *
     * @return the file name (or other source description)
     */
    public String source() {
      return source;
    }

    /**
     * Which line is bad.
     *
     * @return the 1-based line number
     */
    public int line() {
      return line;
    }
  }

  /**
   * Reads a server list file (UTF-8).
   *
   * @param file the file; its path names it in error messages
   * @return the servers in file order, unmodifiable
   * @throws IOException if the file cannot be read (including malformed UTF-8)
   * @throws FormatException for a bad line: not {@code host:port [capacity] [name]}, a bad host, port,
   *     capacity or name, a repeated server or name
   * @throws IllegalArgumentException if the file lists more than 1,048,576 servers
   */
  public static List<Server> read(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(r, file.toString());
    }
  }

  /**
   * Parses a server list given as text.
   *
   * @param text the list
   * @param source what to call it in error messages
   * @return the servers in text order, unmodifiable
   * @throws FormatException for a bad line (see {@link #read(Path)})
   * @throws IllegalArgumentException if the text lists more than 1,048,576 servers
   */
  public static List<Server> parse(String text, String source) {
    try {
      return read(new StringReader(text), source);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a server list from a reader, which is not closed.
   *
   * @param reader the list
   * @param source what to call it in error messages
   * @return the servers in list order, unmodifiable
   * @throws IOException if the reader fails
   * @throws FormatException for a bad line (see {@link #read(Path)})
   * @throws IllegalArgumentException if the list holds more than 1,048,576 servers
   */
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
