package dev.continuum.cli;

import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import dev.continuum.Hashes;
import dev.continuum.Server;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code continuum conformance DIR}: replays vector files produced by the real programs against the
 * matching dialects, through the public API only. Everything is derived from the configuration rows,
 * so any vectors in this format can be checked, not only the ones shipped with continuum.
 */
@Command(
    name = "conformance",
    header = "Replays vector files of the real programs against the matching dialects.",
    abbreviateSynopsis = true,
    mixinStandardHelpOptions = true,
    parameterListHeading = "%nArguments:%n",
    optionListHeading = "%nOptions:%n",
    description = {
      "Checks every <oracle>.tsv in DIR (with its <oracle>.configs.tsv) against the matching dialect:",
      "continuum, libmemcached, twemproxy, spymemcached, jedis, xmemcached, dubbo, pymemcache, nginx,",
      "haproxy, and",
      "pymemcache.murmur3.tsv (pymemcache's hash). Prints 'FILE: checked N, mismatched M, skipped S'",
      "per file, and 'FILE: not recognised' for any other .tsv file in DIR.",
      "Exit 0 when every row matches, 1 on any mismatch, skipped row or unrecognised file, 2 on",
      "unreadable input.",
      "",
      "Examples:",
      "  continuum conformance core/src/test/resources/vectors"
    })
final class ConformanceCommand implements Callable<Integer> {
  /** How many mismatches of each file are detailed on standard error. */
  static final int DETAILS = 5;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "A directory of vector files.")
  Path dir;

  /** The oracles with placement vectors: how a configuration is built and which column is the answer. */
  enum Oracle {
    CONTINUUM("continuum", "server_idx") {
      @Override
      Continuum.Builder builder(VectorTable.Row first) {
        return Continuum.builder(Algorithm.PYTHON_CONTINUUM).totalDots(first.getInt("totaldots"));
      }

      @Override
      Server server(VectorTable.Row r) {
        return Server.of(r.get("hostname"), r.getInt("port"), r.getInt("capacity"));
      }
    },
    LIBMEMCACHED("libmemcached", "server_idx") {
      @Override
      Continuum.Builder builder(VectorTable.Row first) {
        Algorithm a;
        switch (first.get("mode")) {
          case "ketama_weighted":
          case "ketama_weighted_sf":
            a = Algorithm.LIBMEMCACHED_KETAMA_WEIGHTED;
            break;
          case "ketama":
          case "ketama_kh_md5": // KETAMA_HASH has no effect in libmemcached 1.1.4
            a = Algorithm.LIBMEMCACHED_KETAMA;
            break;
          case "ketama_sf":
            a = Algorithm.LIBMEMCACHED_KETAMA_UNWEIGHTED;
            break;
          case "ketama_md5":
            a = Algorithm.LIBMEMCACHED_KETAMA_MD5;
            break;
          case "spy":
            a = Algorithm.LIBMEMCACHED_SPY;
            break;
          case "spy_md5":
            a = Algorithm.LIBMEMCACHED_SPY_MD5;
            break;
          case "spy_weighted":
            a = Algorithm.LIBMEMCACHED_SPY_WEIGHTED;
            break;
          default:
            throw new UserException(first.where() + ": unknown libmemcached mode \"" + first.get("mode") + "\"");
        }
        return Continuum.builder(a).allowDuplicateServers(true);
      }

      @Override
      Server server(VectorTable.Row r) {
        int port = r.getInt("port");
        // libmemcached stores port 0 as 11211; a Server cannot hold port 0, so it is mapped here.
        return Server.of(r.get("host"), port == 0 ? 11211 : port, r.getInt("weight"));
      }
    },
    TWEMPROXY("twemproxy", "server_idx") {
      @Override
      Continuum.Builder builder(VectorTable.Row first) {
        switch (first.get("hash")) {
          case "md5":
            return Continuum.builder(Algorithm.TWEMPROXY_MD5);
          case "fnv1a_64":
            return Continuum.builder(Algorithm.TWEMPROXY);
          default:
            throw new UserException(first.where() + ": unsupported twemproxy hash \"" + first.get("hash") + "\"");
        }
      }

      @Override
      Server server(VectorTable.Row r) {
        Server s = Server.of(r.get("host"), r.getInt("port"), r.getInt("weight"));
        return "-".equals(r.get("name")) ? s : s.withName(r.get("name"));
      }
    },
    SPYMEMCACHED("spymemcached", "server_idx") {
      @Override
      Continuum.Builder builder(VectorTable.Row first) {
        boolean weighted = yesNo(first, "weighted");
        Algorithm a;
        switch (first.get("format")) {
          case "SPYMEMCACHED":
            a = weighted ? Algorithm.SPYMEMCACHED_WEIGHTED : Algorithm.SPYMEMCACHED;
            break;
          case "LIBMEMCACHED":
            a = weighted ? Algorithm.SPYMEMCACHED_LIBMEMCACHED_WEIGHTED : Algorithm.SPYMEMCACHED_LIBMEMCACHED;
            break;
          default:
            throw new UserException(first.where() + ": unknown spymemcached format \"" + first.get("format") + "\"");
        }
        return Continuum.builder(a).allowDuplicateServers(true);
      }

      @Override
      Server server(VectorTable.Row r) {
        int port = r.getInt("port");
        int weight = r.getInt("weight");
        switch (r.get("kind")) {
          case "ip":
            return Server.of(r.get("ip"), port, weight);
          case "resolved":
            return Server.of(r.get("host"), port, weight).withAddress(r.get("ip"));
          case "unresolved":
            return Server.of(r.get("host"), port, weight);
          default:
            throw new UserException(r.where() + ": unknown node kind \"" + r.get("kind") + "\"");
        }
      }
    },
    JEDIS("jedis", "server_idx") {
      @Override
      Continuum.Builder builder(VectorTable.Row first) {
        // ShardedJedis (3.10.0) and JedisSharding (4.0 to 6.2) place alike: one dialect for both.
        return Continuum.builder(Algorithm.JEDIS).allowDuplicateServers(true);
      }

      @Override
      Server server(VectorTable.Row r) {
        return TWEMPROXY.server(r); // the same columns: host, port, weight, name ('-' for none)
      }
    },
    XMEMCACHED("xmemcached", "server_idx") {
      @Override
      Continuum.Builder builder(VectorTable.Row first) {
        switch (first.get("mode")) {
          case "default":
            return Continuum.builder(Algorithm.XMEMCACHED).allowDuplicateServers(true);
          case "nginx":
            return Continuum.builder(Algorithm.XMEMCACHED_NGINX).allowDuplicateServers(true);
          default:
            throw new UserException(first.where() + ": unknown xmemcached mode \"" + first.get("mode") + "\"");
        }
      }

      @Override
      Server server(VectorTable.Row r) {
        Server s = Server.of(r.get("host"), r.getInt("port"), r.getInt("weight"));
        switch (r.get("kind")) {
          case "ip":
            return s;
          case "resolved":
            return s.withAddress(r.get("ip"));
          default:
            throw new UserException(r.where() + ": unknown node kind \"" + r.get("kind") + "\"");
        }
      }
    },
    DUBBO("dubbo", "server_idx") {
      @Override
      Continuum.Builder builder(VectorTable.Row first) {
        return Continuum.builder(Algorithm.DUBBO).pointsPerWeight(first.getInt("hash_nodes")).allowDuplicateServers(true);
      }

      @Override
      Server server(VectorTable.Row r) {
        return Server.of(r.get("host"), r.getInt("port"));
      }
    },
    PYMEMCACHE("pymemcache", "node_idx") {
      @Override
      Continuum.Builder builder(VectorTable.Row first) {
        return Continuum.builder(Algorithm.PYMEMCACHE).seed(first.getLong("seed"));
      }

      @Override
      Server server(VectorTable.Row r) {
        if ("-".equals(r.get("host"))) {
          // RendezvousHash over bare node strings: the node string is the server's name, over a
          // stand-in host and port that take no part in placement.
          int i = r.getInt("node_idx");
          return Server.of("node" + i, 1 + i % 65535).withName(r.get("node"));
        }
        return Server.of(r.get("host"), r.getInt("port")); // HashClient names it host:port
      }
    },
    NGINX("nginx", "server_idx") {
      @Override
      Continuum.Builder builder(VectorTable.Row first) {
        return Continuum.builder(Algorithm.NGINX_HASH_CONSISTENT);
      }

      @Override
      Server server(VectorTable.Row r) {
        // The backend is where the line's address connected; the text as written names its points.
        Server s = Server.parse(r.get("backend")).withCapacity(r.getInt("weight"));
        String text = r.get("server_text");
        return text.equals(s.hostPort()) ? s : s.withName(text);
      }
    },
    HAPROXY("haproxy", "server_idx") {
      @Override
      Continuum.Builder builder(VectorTable.Row first) {
        Algorithm a;
        switch (first.get("fn")) {
          case "sdbm":
            a = Algorithm.HAPROXY_SDBM;
            break;
          case "djb2":
            a = Algorithm.HAPROXY_DJB2;
            break;
          case "wt6":
            a = Algorithm.HAPROXY_WT6;
            break;
          case "crc32":
            a = Algorithm.HAPROXY_CRC32;
            break;
          default:
            throw new UserException(first.where() + ": unknown HAProxy hash function \"" + first.get("fn") + "\"");
        }
        switch (first.get("modifier")) {
          case "avalanche":
            return Continuum.builder(a).avalanche(true);
          case "none":
            return Continuum.builder(a);
          default:
            throw new UserException(first.where() + ": unknown HAProxy hash modifier \"" + first.get("modifier") + "\"");
        }
      }

      @Override
      Server server(VectorTable.Row r) {
        Server s = Server.parse(r.get("addr")).withCapacity(r.getInt("weight")).withName(r.get("name"));
        // Only an id written on the server line is given; the others must come out as HAProxy assigned them.
        return r.get("id_explicit").equals("yes") ? s.withId(r.getInt("puid")) : s;
      }
    };

    final String name;
    final String indexColumn;

    Oracle(String name, String indexColumn) {
      this.name = name;
      this.indexColumn = indexColumn;
    }

    abstract Continuum.Builder builder(VectorTable.Row first);

    abstract Server server(VectorTable.Row row);

    private static boolean yesNo(VectorTable.Row r, String column) {
      switch (r.get(column)) {
        case "yes":
          return true;
        case "no":
          return false;
        default:
          throw new UserException(r.where() + ": column " + column + " must be yes or no, got \"" + r.get(column) + "\"");
      }
    }
  }

  /** The counts of one file. */
  static final class Tally {
    final String file;
    int checked;
    int mismatched;
    int skipped;
    final List<String> details = new ArrayList<>();

    Tally(String file) {
      this.file = file;
    }

    void mismatch(String detail) {
      mismatched++;
      if (details.size() < DETAILS) {
        details.add(detail);
      }
    }

    boolean passed() {
      return checked > 0 && mismatched == 0 && skipped == 0;
    }
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isDirectory(dir)) {
      throw new UserException("not a directory: " + dir);
    }
    List<Tally> tallies = new ArrayList<>();
    for (Oracle o : Oracle.values()) {
      Path rows = dir.resolve(o.name + ".tsv");
      if (Files.exists(rows)) {
        Path configs = dir.resolve(o.name + ".configs.tsv");
        if (!Files.exists(configs)) {
          throw new UserException(rows.getFileName() + ": missing its configurations " + configs.getFileName());
        }
        tallies.add(placement(o, VectorTable.read(configs), VectorTable.read(rows), err));
      }
    }
    Path murmur = dir.resolve(MURMUR3);
    if (Files.exists(murmur)) {
      tallies.add(murmur3(VectorTable.read(murmur)));
    }
    List<String> unrecognised = unrecognised(dir);
    if (tallies.isEmpty() && unrecognised.isEmpty()) {
      throw new UserException("no vector files in " + dir + " (expected " + known() + ")");
    }
    int failed = unrecognised.size();
    for (String file : unrecognised) {
      out.println(file + ": not recognised (known: " + known() + ")");
    }
    for (Tally t : tallies) {
      out.println(t.file + ": checked " + t.checked + ", mismatched " + t.mismatched + ", skipped " + t.skipped);
      for (String d : t.details) {
        err.println("  " + d);
      }
      if (t.mismatched > t.details.size()) {
        err.println("  ... " + (t.mismatched - t.details.size()) + " more mismatches in " + t.file);
      }
      if (!t.passed()) {
        failed++;
      }
    }
    out.println((tallies.size() + unrecognised.size() - failed) + " passed, " + failed + " failed");
    return failed == 0 ? 0 : 1;
  }

  private static final String MURMUR3 = "pymemcache.murmur3.tsv";

  /** The vector files this command reads, for messages. */
  private static String known() {
    StringBuilder b = new StringBuilder();
    for (Oracle o : Oracle.values()) {
      b.append(o.name).append(".tsv, ");
    }
    return b.append(MURMUR3).toString();
  }

  /**
   * The {@code .tsv} files of {@code dir} that no oracle reads (sorted): a misspelt name, an oracle
   * this version does not know, or configurations without their rows. Passing over them in silence
   * would report a pass for vectors that were never checked.
   */
  private static List<String> unrecognised(Path dir) throws IOException {
    Set<String> read = new HashSet<>();
    read.add(MURMUR3);
    for (Oracle o : Oracle.values()) {
      if (Files.exists(dir.resolve(o.name + ".tsv"))) {
        read.add(o.name + ".tsv");
        read.add(o.name + ".configs.tsv");
      }
    }
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.map(f -> f.getFileName().toString())
          .filter(name -> name.endsWith(".tsv") && !read.contains(name))
          .sorted()
          .forEach(out::add);
    }
    return out;
  }

  private static Tally placement(Oracle o, VectorTable configs, VectorTable rows, PrintWriter err) {
    // Configuration rows in file order, grouped by id; server_idx must count 0, 1, 2 ... within each.
    Map<String, List<VectorTable.Row>> byId = new LinkedHashMap<>();
    for (VectorTable.Row r : configs.rows) {
      List<VectorTable.Row> list = byId.computeIfAbsent(r.get("config_id"), k -> new ArrayList<>());
      if (r.getInt(o.indexColumn) != list.size()) {
        throw new UserException(r.where() + ": " + o.indexColumn + " " + r.get(o.indexColumn) + " out of order (expected "
            + list.size() + ")");
      }
      list.add(r);
    }
    Map<String, Continuum> built = new HashMap<>();
    Map<String, String> unbuildable = new HashMap<>();
    for (Map.Entry<String, List<VectorTable.Row>> e : byId.entrySet()) {
      List<VectorTable.Row> list = e.getValue();
      Continuum.Builder builder;
      List<Server> servers = new ArrayList<>();
      try {
        builder = o.builder(list.get(0));
        for (VectorTable.Row r : list) {
          servers.add(o.server(r));
        }
      } catch (IllegalArgumentException ex) {
        throw new UserException(list.get(0).where() + ": " + ex.getMessage());
      }
      try {
        Continuum c = builder.build();
        c.addServers(servers);
        built.put(e.getKey(), c);
      } catch (IllegalArgumentException ex) {
        // A configuration the dialect refuses (e.g. more servers than the peer allows): its rows are
        // skipped, and the file fails.
        unbuildable.put(e.getKey(), ex.getMessage());
        err.println("continuum: " + list.get(0).where() + ": configuration " + e.getKey() + " rejected: " + ex.getMessage());
      }
    }
    Tally t = new Tally(rows.file);
    for (VectorTable.Row r : rows.rows) {
      String id = r.get("config_id");
      Continuum c = built.get(id);
      byte[] key = r.hex("key_hex");
      int expected = r.getInt(o.indexColumn);
      if (c == null) {
        t.skipped++;
        if (!unbuildable.containsKey(id) && t.skipped == 1) {
          err.println("continuum: " + r.where() + ": no configuration " + id + " in " + configs.file);
        }
        continue;
      }
      t.checked++;
      List<Server> servers = c.servers();
      if (expected < 0 || expected >= servers.size()) {
        t.mismatch(r.where() + ": config " + id + " has " + servers.size() + " servers, row expects index " + expected);
        continue;
      }
      Server viaBytes = c.resolve(key);
      Server viaString = c.resolve(new String(key, StandardCharsets.UTF_8));
      Server want = servers.get(expected);
      if (viaBytes != want || viaString != want) {
        t.mismatch(r.where() + ": config " + id + " key \"" + r.get("key") + "\" (" + r.get("key_hex") + "): expected "
            + expected + " " + want.hostPort() + ", got " + indexOf(servers, viaBytes) + " " + viaBytes.hostPort()
            + (viaString != viaBytes ? " (as text: " + indexOf(servers, viaString) + ")" : ""));
      }
    }
    return t;
  }

  private static int indexOf(List<Server> servers, Server s) {
    for (int i = 0; i < servers.size(); i++) {
      if (servers.get(i) == s) {
        return i;
      }
    }
    return -1;
  }

  private static Tally murmur3(VectorTable table) {
    Tally t = new Tally(table.file);
    for (VectorTable.Row r : table.rows) {
      String input = new String(r.hex("input_hex"), StandardCharsets.UTF_8);
      long seed = r.getLong("seed");
      long want = r.getLong("murmur3_32");
      long got;
      try {
        got = Hashes.pymemcacheMurmur3(input, seed);
      } catch (IllegalArgumentException e) {
        throw new UserException(r.where() + ": " + e.getMessage());
      }
      t.checked++;
      if (got != want) {
        t.mismatch(r.where() + ": murmur3_32(\"" + r.get("input") + "\", " + seed + ") expected " + want + ", got " + got);
      }
    }
    return t;
  }
}
