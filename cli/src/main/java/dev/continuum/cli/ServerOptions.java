package dev.continuum.cli;

import dev.continuum.Server;
import dev.continuum.ServerList;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every command uses to name its servers. */
final class ServerOptions {
  /** The seed's example servers, used when no server is given. */
  static final List<Server> EXAMPLE = List.of(
      Server.of("192.168.0.1", 8080, 1),
      Server.of("192.168.0.2", 8080, 1),
      Server.of("192.168.0.3", 8080, 2));

  @Option(names = "--server", paramLabel = "HOST:PORT[:CAPACITY]",
      description = "A server (repeatable), e.g. --server 10.0.0.1:11211:2.")
  List<String> servers = new ArrayList<>();

  @Option(names = "--servers", paramLabel = "FILE",
      description = "A server list: one 'host:port [capacity] [name]' per line, '#' comments.")
  Path serversFile;

  @Option(names = "--name", paramLabel = "HOST:PORT=NAME",
      description = "Gives the server HOST:PORT a name (twemproxy's server name, pymemcache's node), repeatable.")
  List<String> names = new ArrayList<>();

  @Option(names = "--address", paramLabel = "HOST:PORT=IP",
      description = "Gives the server HOST:PORT its resolved address (spymemcached's default node key host/ip:port), repeatable.")
  List<String> addresses = new ArrayList<>();

  /** The servers named by the options, or the example servers (saying so on {@code err}). */
  List<Server> resolve(PrintWriter err) throws IOException {
    List<Server> list = new ArrayList<>();
    if (serversFile != null) {
      list.addAll(ServerList.read(serversFile));
    }
    for (String s : servers) {
      try {
        list.add(Server.parse(s));
      } catch (IllegalArgumentException e) {
        throw new UserException("--server " + s + ": " + e.getMessage());
      }
    }
    attach(list, names, "--name", (s, v) -> s.withName(v));
    attach(list, addresses, "--address", (s, v) -> s.withAddress(v));
    if (list.isEmpty()) {
      err.println("continuum: no servers given; using the example servers "
          + "192.168.0.1:8080, 192.168.0.2:8080, 192.168.0.3:8080 (capacity 2)");
      list.addAll(EXAMPLE);
    }
    return list;
  }

  /** Applies each {@code host:port=value} of {@code specs} to the listed server with that host and port. */
  private static void attach(List<Server> list, List<String> specs, String option,
      java.util.function.BiFunction<Server, String, Server> with) {
    for (String spec : specs) {
      int eq = spec.lastIndexOf('=');
      if (eq < 0) {
        throw new UserException(option + " " + spec + ": expected HOST:PORT=VALUE");
      }
      try {
        Server target = Server.parse(spec.substring(0, eq));
        int i = list.indexOf(target);
        if (i < 0) {
          throw new UserException(option + " " + spec + ": no server " + target.hostPort() + " was given");
        }
        list.set(i, with.apply(list.get(i), spec.substring(eq + 1)));
      } catch (IllegalArgumentException e) {
        throw new UserException(option + " " + spec + ": " + e.getMessage());
      }
    }
  }
}
