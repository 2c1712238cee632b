package dev.continuum.cli;

import dev.continuum.Server;
import dev.continuum.ServerList.FormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * libketama's server file ({@code ketama.servers}): one {@code ip:port<TAB>memory} line per server,
 * the memory (in MB in Last.fm's files) being the server's weight. As libketama reads it: lines
 * shorter than two characters or starting with {@code #} are skipped, fields are separated by tabs
 * or spaces, and anything after the second field is ignored (some old files carry a third column).
 * Unlike libketama, a missing or non-numeric weight is an error rather than a silent 0.
 */
final class LibketamaFile {
  private LibketamaFile() {}

  static List<Server> read(Path file) throws IOException {
    String source = file.toString();
    List<String> lines = Input.text(file, Input.MAX_SERVER_LINE_BYTES).lines().collect(java.util.stream.Collectors.toList());
    List<Server> servers = new ArrayList<>();
    Set<Server> seen = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.strip().length() < 2 || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.strip().split("[\t ]+");
      if (fields.length < 2) {
        throw new FormatException(source, i + 1, "expected \"ip:port<TAB>weight\" (libketama format), got \"" + line.strip() + "\"");
      }
      Server s;
      try {
        s = Server.parse(fields[0]);
        if (fields[0].indexOf(':') != fields[0].lastIndexOf(':') && !fields[0].startsWith("[")) {
          throw new IllegalArgumentException("expected ip:port, got \"" + fields[0] + "\"");
        }
        long weight = Long.parseLong(fields[1]);
        if (weight < 0 || weight > Integer.MAX_VALUE) {
          throw new IllegalArgumentException("weight must be in 0.." + Integer.MAX_VALUE + ", got " + fields[1]);
        }
        s = s.withCapacity((int) weight);
      } catch (NumberFormatException e) {
        throw new FormatException(source, i + 1, "weight is not a number: \"" + fields[1] + "\"");
      } catch (IllegalArgumentException e) {
        throw new FormatException(source, i + 1, e.getMessage());
      }
      if (!seen.add(s)) {
        throw new FormatException(source, i + 1, "duplicate server " + s.hostPort());
      }
      servers.add(s);
    }
    if (servers.isEmpty()) {
      throw new FormatException(source, 1, "no servers in the file");
    }
    return servers;
  }
}
