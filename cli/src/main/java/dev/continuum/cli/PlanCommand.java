package dev.continuum.cli;

import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import dev.continuum.Server;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code continuum plan}: what moves when a fleet changes. */
@Command(
    name = "plan",
    header = "Prints what a change of the fleet moves, server by server.",
    abbreviateSynopsis = true,
    mixinStandardHelpOptions = true,
    sortOptions = false,
    optionListHeading = "%nOptions:%n",
    description = {
      "Prints what a change of the fleet moves: the fraction of keys that change server against the minimum "
          + "any placement must move (the weights' shift), each server's share before and after with the keys "
          + "it gains and loses, and the move matrix (from which server to which).",
      "The change is a second server file (--to) or edits of the first (--add, --remove, --weight), another "
          + "algorithm or dialect (--to-algorithm, with --to-seed and --to-total-dots), or both at once. "
          + "Exact when both sides are rings over the same key hash (the two rings' arcs are compared over the "
          + "whole hash space); otherwise measured on --keys sample keys, or on your own keys with --keys-file. "
          + "The report says which.",
      "--ramp STEPS plans a slow start instead: the one server of --add comes in over STEPS capacity steps, "
          + "each moving keys only onto it (ring, bounded-load, multi-probe, rendezvous and the dialects whose "
          + "weight only adds the grown server's points).",
      "",
      "Examples:",
      "  continuum plan --servers examples/fleet.txt --add 10.0.1.7:11211:2",
      "  continuum plan --servers examples/fleet.txt --remove 10.0.1.2:11211 \\",
      "      --weight 10.0.1.4:11211=1",
      "  continuum plan --servers examples/fleet.txt \\",
      "      --to examples/fleet-after.txt --svg plan.svg",
      "  continuum plan --twemproxy examples/nutcracker.yml --pool cache \\",
      "      --add 10.0.1.7:11211:1 --keys-file keys.txt --format json",
      "  continuum plan --twemproxy examples/nutcracker.yml --pool cache \\",
      "      --to-algorithm jump",
      "  continuum plan --servers examples/fleet.txt --algorithm ring \\",
      "      --add 10.0.1.7:11211:2 --ramp 4"
    })
final class PlanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ServerOptions serverOptions;
  @Mixin AlgorithmOption algorithmOption;

  @Option(names = "--to", paramLabel = "FILE",
      description = "The fleet after the change, in the same format as the first file (for --twemproxy, the same pool)."
          + "%n  e.g. --to examples/fleet-after.txt.")
  Path to;

  @Option(names = "--add", paramLabel = "HOST:PORT[:WEIGHT]",
      description = "Add a server (repeatable).%n  e.g. --add 10.0.1.7:11211:2.")
  List<String> add = new ArrayList<>();

  @Option(names = "--remove", paramLabel = "HOST:PORT",
      description = "Remove a server (repeatable).%n  e.g. --remove 10.0.1.2:11211.")
  List<String> remove = new ArrayList<>();

  @Option(names = "--weight", paramLabel = "HOST:PORT=W",
      description = "Change a server's weight (repeatable).%n  e.g. --weight 10.0.1.4:11211=1.")
  List<String> weight = new ArrayList<>();

  @Option(names = "--to-algorithm", paramLabel = "NAME", completionCandidates = AlgorithmOption.AlgorithmNames.class,
      description = "The algorithm or dialect after the change (default: the one before), alone or with a change of "
          + "the fleet; an unweighted algorithm (jump, jumpback, memento) gives every server capacity 1.%n  e.g. --to-algorithm jump.")
  String toAlgorithm;

  @Option(names = "--to-seed", paramLabel = "N",
      description = "The seed after the change (default: --seed when the algorithm stays, else none).%n  e.g. --to-seed 7.")
  Long toSeed;

  @Option(names = "--to-total-dots", paramLabel = "N", converter = AlgorithmOption.TotalDots.class,
      description = "python-continuum's totaldots after the change (default: --total-dots when the algorithm stays)."
          + "%n  e.g. --to-total-dots 160000.")
  Integer toTotalDots;

  @Option(names = "--ramp", paramLabel = "STEPS",
      description = "Plan a slow start of the one server of --add: its capacity in STEPS equal steps, and the share each "
          + "step moves (only onto it). For ring, bounded-load, multi-probe, rendezvous and the dialects whose "
          + "weight only adds points (the error names them).%n  e.g. --ramp 4.")
  Integer ramp;

  @Mixin SampleOptions sampling;

  @Mixin OutputOptions output;

  @Option(names = "--table", paramLabel = "NAME",
      description = "The table tsv and csv print: servers (each server's shares, default) or moves (from which "
          + "server to which); json holds both.%n  e.g. --table moves.")
  String table;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (table != null && !List.of("servers", "moves").contains(table)) {
      throw new UserException("--table " + table + ": no such table; the tables are servers, moves");
    }
    Fleet before = serverOptions.fleet();
    algorithmOption.imply(before);
    if (ramp != null) {
      return new SlowStart(this).plan(before, out);
    }
    Fleet after = after(before);
    Algorithm algorithmBefore = algorithmOption.algorithm(before.implied);
    Algorithm algorithmAfter = toAlgorithm != null ? AlgorithmOption.byName(toAlgorithm) : algorithmOption.algorithm(after.implied);
    boolean sameAlgorithm = algorithmBefore == algorithmAfter;
    Long seedAfter = toSeed != null ? toSeed : sameAlgorithm ? algorithmOption.seed : null;
    Integer dotsAfter = toTotalDots != null ? toTotalDots : sameAlgorithm ? algorithmOption.totalDots : null;
    List<String> notes = new ArrayList<>();
    List<Server> serversAfter = unweighted(algorithmAfter, after.servers, notes);
    Continuum a = algorithmOption.build(algorithmBefore, before.servers, err);
    Continuum b;
    if (sameAlgorithm && toSeed == null && toTotalDots == null && algorithmAfter.dependsOnHistory()) {
      b = changed(algorithmAfter, before.servers, serversAfter);
    } else {
      if (algorithmAfter == Algorithm.PYTHON_CONTINUUM) {
        AlgorithmOption.checkDots(serversAfter, dotsAfter == null ? AlgorithmOption.DEFAULT_TOTAL_DOTS : dotsAfter, err);
      }
      b = AlgorithmOption.build(algorithmAfter, seedAfter, dotsAfter,
          sameAlgorithm ? algorithmOption.avalancheFor(algorithmAfter) : after.avalanche,
          sameAlgorithm ? algorithmOption.keyHash() : null, sameAlgorithm ? algorithmOption : null, serversAfter);
    }
    after = new Fleet(serversAfter, after.implied, after.source, after.avalanche);
    Keys sampleKeys = sampling.keys();
    Measure.Moves moves;
    try (Progress p = Progress.start(spec.commandLine().getErr(), "placing keys", sampleKeys.count())) {
      moves = Measure.moves(a, b, sampleKeys, sampling.forceCounting(), p);
    }
    List<Server> all = moves.servers;
    int n = all.size();
    double[] idealBefore = idealOver(all, before.servers, algorithmBefore);
    double[] idealAfter = idealOver(all, after.servers, algorithmAfter);
    double[] shareBefore = new double[n];
    double[] shareAfter = new double[n];
    for (int i = 0; i < n; i++) {
      shareBefore[i] = moves.before(i);
      shareAfter[i] = moves.after(i);
    }
    double moved = moves.moved();
    double minimum = Measure.minimumMove(idealBefore, idealAfter);
    double minimumActual = Measure.minimumMove(shareBefore, shareAfter);
    String algo = algorithmBefore == algorithmAfter ? algorithmBefore.cliName()
        : algorithmBefore.cliName() + " -> " + algorithmAfter.cliName();
    String basis = moves.exact() ? "exact: from the arcs of both rings" : moves.keys.description
        + differentKeyHashes(a, b);
    Report r = new Report(String.format("plan: %,d -> %,d servers (%s), algorithm %s",
        before.servers.size(), after.servers.size(), describeChange(), algo));
    r.put("algorithm", "algorithm", Report.Kind.TEXT, algo)
        .put("basis", "movement", Report.Kind.TEXT, basis)
        .put("moved", "keys moved", Report.Kind.FRACTION, moved)
        .put("minimum", "minimum possible (by weights)", Report.Kind.FRACTION, minimum)
        .put("moved_over_minimum", "moved / minimum", Report.Kind.RATIO, minimum > 0 ? moved / minimum : Double.NaN)
        .put("minimum_for_these_shares", "minimum for the actual shares", Report.Kind.FRACTION, minimumActual)
        .put("fingerprint_before", "fingerprint before", Report.Kind.TEXT, a.fingerprint())
        .put("fingerprint_after", "fingerprint after", Report.Kind.TEXT, b.fingerprint());
    notes.forEach(r::note);
    boolean counted = !moves.exact();
    List<String> cols = new ArrayList<>(List.of("server", "weight before", "weight after", "share before", "share after",
        "ideal after", "gained", "lost"));
    List<Report.Kind> kinds = new ArrayList<>(List.of(Report.Kind.TEXT, Report.Kind.INT, Report.Kind.INT,
        Report.Kind.FRACTION, Report.Kind.FRACTION, Report.Kind.FRACTION, Report.Kind.FRACTION, Report.Kind.FRACTION));
    if (counted) {
      cols.addAll(List.of("keys gained", "keys lost"));
      kinds.addAll(List.of(Report.Kind.INT, Report.Kind.INT));
    }
    Report.Table t = r.table("servers", cols.toArray(new String[0]), kinds.toArray(new Report.Kind[0]));
    Map<Server, Integer> indexBefore = Measure.indexOf(before.servers);
    Map<Server, Integer> indexAfter = Measure.indexOf(after.servers);
    for (int i = 0; i < n; i++) {
      Server s = all.get(i);
      List<Object> row = new ArrayList<>(java.util.Arrays.asList(s.hostPort(), weightIn(indexBefore, before.servers, s),
          weightIn(indexAfter, after.servers, s), shareBefore[i], shareAfter[i], idealAfter[i], moves.gained(i), moves.lost(i)));
      if (counted) {
        row.add(moves.gainedAmount(i));
        row.add(moves.lostAmount(i));
      }
      t.row(row.toArray());
    }
    Report.Table m = r.table("moves", counted ? new String[] {"from", "to", "share", "keys"} : new String[] {"from", "to", "share"},
        counted ? new Report.Kind[] {Report.Kind.TEXT, Report.Kind.TEXT, Report.Kind.FRACTION, Report.Kind.INT}
            : new Report.Kind[] {Report.Kind.TEXT, Report.Kind.TEXT, Report.Kind.FRACTION});
    m.textLimit = 25;
    List<Map.Entry<Long, long[]>> pairs = new ArrayList<>(moves.pairs.entrySet());
    pairs.sort(Comparator.comparingLong((Map.Entry<Long, long[]> e) -> -e.getValue()[0]).thenComparing(Map.Entry::getKey));
    for (Map.Entry<Long, long[]> e : pairs) {
      String from = all.get((int) (e.getKey() >>> 32)).hostPort();
      String to = all.get((int) (long) e.getKey()).hostPort();
      long amount = e.getValue()[0];
      m.row(counted ? new Object[] {from, to, moves.fraction(amount), amount} : new Object[] {from, to, moves.fraction(amount)});
    }
    r.print(out, output.format, table);
    output.writeSvg(Charts.plan(moves,
        String.format("Keys per server before and after the change (%s)", algo),
        String.format("%s of keys move; the minimum possible is %s; %s", Report.percent(moved), Report.percent(minimum), basis)));
    return 0;
  }

  /** Why two rings were not compared arc by arc, or nothing. */
  private String differentKeyHashes(Continuum a, Continuum b) {
    if (sampling.forceCounting() || a.keySpace().isEmpty() || b.keySpace().isEmpty()) {
      return "";
    }
    return String.format(" (both are rings, but over different key hashes, %s and %s, so their arcs do not compare)",
        a.keySpace().get().keyHash(), b.keySpace().get().keyHash());
  }

  /**
   * {@code servers} as {@code algorithm} can take them: jump, jumpback and memento have no capacities, so a
   * weighted fleet moving to them is planned with capacity 1 everywhere (said in {@code notes}).
   */
  private static List<Server> unweighted(Algorithm algorithm, List<Server> servers, List<String> notes) {
    if (algorithm.supportsWeights() || algorithm.isCompatibilityDialect()) {
      return servers;
    }
    List<Server> out = new ArrayList<>(servers.size());
    List<String> changed = new ArrayList<>();
    for (Server s : servers) {
      if (s.capacity() != 1) {
        changed.add(s.hostPort() + " (" + s.capacity() + ")");
      }
      out.add(s.withCapacity(1));
    }
    if (!changed.isEmpty()) {
      notes.add(algorithm.cliName() + " has no weights: planned with capacity 1 for " + String.join(", ", changed) + ".");
    }
    return out;
  }

  private String describeChange() {
    List<String> parts = new ArrayList<>();
    if (to != null) {
      parts.add("to " + to);
    }
    if (toAlgorithm != null) {
      parts.add("to algorithm " + toAlgorithm);
    }
    if (toSeed != null) {
      parts.add("seed " + toSeed);
    }
    if (toTotalDots != null) {
      parts.add("total dots " + toTotalDots);
    }
    add.forEach(s -> parts.add("+" + s));
    remove.forEach(s -> parts.add("-" + s));
    weight.forEach(s -> parts.add(s));
    return String.join(" ", parts);
  }

  /** The server's weight in {@code servers}, or null when it is not there. */
  private static Integer weightIn(Map<Server, Integer> index, List<Server> servers, Server s) {
    Integer i = index.get(s);
    return i == null ? null : servers.get(i).capacity();
  }

  private static double[] idealOver(List<Server> all, List<Server> present, Algorithm algorithm) {
    double[] ideal = Measure.ideal(present, algorithm);
    Map<Server, Integer> index = Measure.indexOf(all);
    double[] out = new double[all.size()];
    for (int i = 0; i < present.size(); i++) {
      out[index.get(present.get(i))] = ideal[i];
    }
    return out;
  }

  /**
   * The continuum of {@code before} with the change to {@code after} applied to it (removals, weight
   * changes, then additions in {@code after}'s order): the placement a live fleet would have, which
   * for history-dependent algorithms differs from a fresh build over {@code after}.
   */
  private Continuum changed(Algorithm algorithm, List<Server> before, List<Server> after) {
    Continuum c = AlgorithmOption.build(algorithm, algorithmOption.seed, algorithmOption.totalDots,
        algorithmOption.avalancheFor(algorithm), algorithmOption.keyHash(), algorithmOption, before);
    Map<Server, Server> target = new HashMap<>();
    for (Server s : after) {
      target.put(s, s);
    }
    List<Server> gone = new ArrayList<>();
    for (Server s : before) {
      Server t = target.get(s);
      if (t == null) {
        gone.add(s);
      } else if (t.capacity() != s.capacity()) {
        c.updateServer(t);
      }
    }
    c.removeServers(gone);
    Set<Server> present = new HashSet<>(before);
    for (Server s : after) {
      if (!present.contains(s)) {
        c.addServer(s);
      }
    }
    return c;
  }

  private Fleet after(Fleet before) throws IOException {
    boolean edits = !add.isEmpty() || !remove.isEmpty() || !weight.isEmpty();
    if (to != null && edits) {
      throw new UserException("give either --to FILE or --add/--remove/--weight, not both");
    }
    if (to != null) {
      return ServerOptions.read(to, serverOptions.kind(), serverOptions.section());
    }
    if (!edits && (toAlgorithm != null || toSeed != null || toTotalDots != null)) {
      return before; // the same fleet under another placement
    }
    if (!edits) {
      throw new UserException("nothing to plan: give --to FILE, --add, --remove, --weight or --to-algorithm");
    }
    List<Server> list = new ArrayList<>(before.servers);
    for (String s : remove) {
      Server server = parse("--remove", s);
      if (!list.remove(server)) {
        throw new UserException("--remove " + s + ": no such server in " + before.source);
      }
    }
    for (String s : add) {
      Server server = parse("--add", s);
      if (list.contains(server)) {
        throw new UserException("--add " + s + ": " + server.hostPort() + " is already in the fleet");
      }
      list.add(server);
    }
    for (String s : weight) {
      int eq = s.lastIndexOf('=');
      if (eq < 0) {
        throw new UserException("--weight " + s + ": expected HOST:PORT=WEIGHT");
      }
      Server server = parse("--weight", s.substring(0, eq));
      int i = list.indexOf(server);
      if (i < 0) {
        throw new UserException("--weight " + s + ": no such server in the fleet");
      }
      try {
        list.set(i, list.get(i).withCapacity(Integer.parseInt(s.substring(eq + 1).strip())));
      } catch (NumberFormatException e) {
        throw new UserException("--weight " + s + ": the weight is not a number");
      } catch (IllegalArgumentException e) {
        throw new UserException("--weight " + s + ": " + e.getMessage());
      }
    }
    if (list.isEmpty()) {
      throw new UserException("the change leaves no server");
    }
    return new Fleet(list, before.implied, before.source + " changed", before.avalanche);
  }

  static Server parse(String option, String spec) {
    try {
      return Server.parse(spec);
    } catch (IllegalArgumentException e) {
      throw new UserException(option + " " + spec + ": " + e.getMessage());
    }
  }
}
