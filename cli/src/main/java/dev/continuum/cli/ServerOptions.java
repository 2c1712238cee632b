package dev.continuum.cli;

import dev.continuum.Algorithm;
import dev.continuum.Server;
import dev.continuum.ServerList;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every command uses to name its servers, in any of the formats a fleet already has. */
final class ServerOptions {
  /** The seed's example servers, used when no server is given. */
  static final List<Server> EXAMPLE = List.of(
      Server.of("192.168.0.1", 8080, 1),
      Server.of("192.168.0.2", 8080, 1),
      Server.of("192.168.0.3", 8080, 2));

  @Option(names = "--server", paramLabel = "HOST:PORT[:WEIGHT]",
      description = "A server with its weight (default 1; repeatable).%n  e.g. --server 10.0.0.1:11211:2.")
  List<String> servers = new ArrayList<>();

  @Option(names = "--servers", paramLabel = "FILE",
      description = "A server list: one 'host:port [weight] [name]' per line, '#' comments (UTF-8, "
          + "at most 64 MiB and 64 KiB a line).%n  e.g. --servers examples/servers.txt.")
  Path serversFile;

  @Option(names = "--name", paramLabel = "HOST:PORT=NAME",
      description = "Gives the server HOST:PORT a name (twemproxy's server name, pymemcache's node), repeatable."
          + "%n  e.g. --name 127.0.0.1:22000=alpha.")
  List<String> names = new ArrayList<>();

  @Option(names = "--address", paramLabel = "HOST:PORT=IP",
      description = "Gives the server HOST:PORT its resolved address (spymemcached's default node key host/ip:port), "
          + "repeatable.%n  e.g. --address cache-a:11211=10.0.0.5.")
  List<String> addresses = new ArrayList<>();

  @Option(names = "--libketama", paramLabel = "FILE",
      description = "libketama's server file: 'ip:port<TAB>weight' lines (a third column is ignored, as libketama does); "
          + "implies --algorithm libmemcached-ketama-weighted, the libketama ring.%n  e.g. --libketama examples/ketama.servers.")
  Path libketamaFile;

  @Option(names = "--twemproxy", paramLabel = "FILE",
      description = "A twemproxy (nutcracker) YAML configuration: reads the pool's servers, weights, names, hash and "
          + "distribution and picks the dialect (hash md5: twemproxy-md5; fnv1a_64 or none: twemproxy)."
          + "%n  e.g. --twemproxy examples/nutcracker.yml --pool cache.")
  Path twemproxyFile;

  @Option(names = "--pool", paramLabel = "NAME",
      description = "The pool of the --twemproxy file (needed when it has several).%n  e.g. --pool cache.")
  String pool;

  @Option(names = "--nginx", paramLabel = "FILE",
      description = "An nginx configuration: reads the upstream's server lines (address as written, weight=) "
          + "and implies nginx-hash-consistent; the upstream must use 'hash KEY consistent'."
          + "%n  e.g. --nginx /etc/nginx/nginx.conf --upstream cache.")
  Path nginxFile;

  @Option(names = "--upstream", paramLabel = "NAME",
      description = "The upstream of the --nginx file (needed when it has several).%n  e.g. --upstream cache.")
  String upstream;

  @Option(names = "--haproxy", paramLabel = "FILE",
      description = "An HAProxy configuration: reads the backend's servers (weight, id) and its hash-type line, "
          + "and picks the dialect (haproxy-sdbm, -djb2, -wt6, -crc32; avalanche as written, a bare "
          + "'hash-type consistent' being sdbm avalanche).%n  e.g. --haproxy /etc/haproxy/haproxy.cfg --backend cache.")
  Path haproxyFile;

  @Option(names = "--backend", paramLabel = "NAME",
      description = "The backend (or listen section) of the --haproxy file (needed when several have servers)."
          + "%n  e.g. --backend cache.")
  String backend;

  /** The servers named by the options, or the example servers (saying so on {@code err}). */
  Fleet fleetOrExample(PrintWriter err) throws IOException {
    if (nothingGiven()) {
      List<String> each = new ArrayList<>();
      for (Server s : EXAMPLE) {
        each.add(s.hostPort() + " (weight " + s.capacity() + ")");
      }
      err.println("continuum: no servers given; using the example servers " + String.join(", ", each.subList(0, each.size() - 1))
          + " and " + each.get(each.size() - 1));
      return new Fleet(EXAMPLE, null, "the example servers");
    }
    return fleet();
  }

  private boolean nothingGiven() {
    return servers.isEmpty() && names.isEmpty() && addresses.isEmpty() && serversFile == null && libketamaFile == null
        && twemproxyFile == null && pool == null && nginxFile == null && upstream == null && haproxyFile == null
        && backend == null;
  }

  /**
   * The servers named by the options, with the algorithm their file implies.
   *
   * @throws UserException when no server is given or two files are
   */
  Fleet fleet() throws IOException {
    int files = (serversFile != null ? 1 : 0) + (libketamaFile != null ? 1 : 0) + (twemproxyFile != null ? 1 : 0)
        + (nginxFile != null ? 1 : 0) + (haproxyFile != null ? 1 : 0);
    if (files > 1) {
      throw new UserException("give one of --servers, --libketama, --twemproxy, --nginx and --haproxy, not several");
    }
    if (pool != null && twemproxyFile == null) {
      throw new UserException("--pool needs --twemproxy FILE");
    }
    if (upstream != null && nginxFile == null) {
      throw new UserException("--upstream needs --nginx FILE");
    }
    if (backend != null && haproxyFile == null) {
      throw new UserException("--backend needs --haproxy FILE");
    }
    if (nothingGiven()) {
      throw new UserException("no servers given: use --servers FILE, --libketama FILE, --twemproxy FILE, --nginx FILE, "
          + "--haproxy FILE or --server HOST:PORT");
    }
    Fleet fromFile = twemproxyFile != null ? read(twemproxyFile, Kind.TWEMPROXY, pool)
        : nginxFile != null ? read(nginxFile, Kind.NGINX, upstream)
        : haproxyFile != null ? read(haproxyFile, Kind.HAPROXY, backend)
        : libketamaFile != null ? read(libketamaFile, Kind.LIBKETAMA, null)
        : serversFile != null ? read(serversFile, Kind.PLAIN, null)
        : new Fleet(List.of(), null, "--server");
    List<Server> list = new ArrayList<>(fromFile.servers);
    for (String s : servers) {
      Server server;
      try {
        server = Server.parse(s);
      } catch (IllegalArgumentException e) {
        throw new UserException("--server " + s + ": " + e.getMessage());
      }
      if (list.contains(server)) {
        throw new UserException("--server " + s + ": duplicate server " + server.hostPort());
      }
      list.add(server);
    }
    attach(list, names, "--name", (s, v) -> s.withName(v));
    attach(list, addresses, "--address", (s, v) -> s.withAddress(v));
    return new Fleet(list, fromFile.implied, fromFile.source, fromFile.avalanche);
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

  /** The kind of file the servers came from, so that a second file ({@code plan --to}) is read alike. */
  Kind kind() {
    return twemproxyFile != null ? Kind.TWEMPROXY : libketamaFile != null ? Kind.LIBKETAMA
        : nginxFile != null ? Kind.NGINX : haproxyFile != null ? Kind.HAPROXY : Kind.PLAIN;
  }

  /** The section of the file that holds the servers: twemproxy's pool, nginx's upstream, HAProxy's backend. */
  String section() {
    return twemproxyFile != null ? pool : nginxFile != null ? upstream : haproxyFile != null ? backend : null;
  }

  enum Kind { PLAIN, LIBKETAMA, TWEMPROXY, NGINX, HAPROXY }

  /**
   * Reads a file of the given kind; {@code section} names the twemproxy pool, nginx upstream or
   * HAProxy backend (null: the only one).
   */
  static Fleet read(Path file, Kind kind, String section) throws IOException {
    String pool = section;
    switch (kind) {
      case NGINX:
        NginxConfig nginx = NginxConfig.read(file, section);
        return new Fleet(nginx.servers, NginxConfig.algorithm(), file + " upstream " + nginx.upstream);
      case HAPROXY:
        HaproxyConfig haproxy = HaproxyConfig.read(file, section);
        return new Fleet(haproxy.servers, haproxy.algorithm, file + " backend " + haproxy.backend, haproxy.avalanche);
      case TWEMPROXY:
        TwemproxyConfig config = TwemproxyConfig.read(file, pool);
        return new Fleet(config.servers, config.algorithm, file + " pool " + config.pool);
      case LIBKETAMA:
        return new Fleet(LibketamaFile.read(file), Algorithm.byName("libmemcached-ketama-weighted"), file.toString());
      default:
        List<Server> list = ServerList.parse(Input.text(file, Input.MAX_SERVER_LINE_BYTES), file.toString());
        if (list.isEmpty()) {
          throw new ServerList.FormatException(file.toString(), 1, "no servers in the file");
        }
        return new Fleet(list, null, file.toString());
    }
  }
}
