package dev.continuum.cli;

import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import dev.continuum.Server;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code continuum compare}: every algorithm side by side on balance, movement, memory and speed. */
@Command(
    name = "compare",
    header = "Measures every algorithm side by side: balance, movement, memory, speed.",
    abbreviateSynopsis = true,
    mixinStandardHelpOptions = true,
    sortOptions = false,
    optionListHeading = "%nOptions:%n",
    description = {
      "Measures every algorithm (and dialect) on fleets of N equal servers: peak-to-mean load, standard deviation "
          + "of load (share/ideal), the fraction of keys moved when one server is added (ideal: 1 in N+1) and when one "
          + "is removed (ideal: 1 in N), the memory of the placement, and the time of a lookup.",
      "Rings are measured exactly from their arcs; the others by placing --keys sample keys. The removed server is "
          + "the middle one for algorithms that support arbitrary removal, else the last one added. Lookup times are "
          + "a rough in-process timing (best of 3 passes over the sample keys), not a benchmark: JMH is the authority.",
      "",
      "Examples:",
      "  continuum compare",
      "  continuum compare --fleet-sizes 10,100 --keys 1000000 --format tsv",
      "  continuum compare --no-dialects --svg compare.svg"
    })
final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--fleet-sizes", paramLabel = "N[,N...]", split = ",",
      description = "Fleet sizes to measure, in servers (default: 10,100,1000).%n  e.g. --fleet-sizes 10,100.")
  int[] sizes = {10, 100, 1000};

  /** The spelling before 0.2; --servers names a server file in every other command. */
  @Option(names = "--servers", paramLabel = "N[,N...]", split = ",", hidden = true)
  void legacySizes(int[] legacy) {
    sizes = legacy;
  }

  @Option(names = "--keys", paramLabel = "N", defaultValue = "100000",
      description = "Sample keys for algorithms that are not rings, and for the lookup timing (default: ${DEFAULT-VALUE})."
          + "%n  e.g. --keys 1000000.")
  long keys;

  @Option(names = "--algorithm", paramLabel = "NAME", split = ",", completionCandidates = AlgorithmOption.AlgorithmNames.class,
      description = "Measure only these algorithms (repeatable or comma-separated).%n  e.g. --algorithm python-continuum,twemproxy.")
  List<String> only = new ArrayList<>();

  @Option(names = "--no-dialects", description = "Leave out the compatibility dialects.%n  e.g. --no-dialects.")
  boolean noDialects;

  @Option(names = "--seed", paramLabel = "N", description = "The hash seed for algorithms that take one.%n  e.g. --seed 42.")
  Long seed;

  @Mixin OutputOptions output;

  /** One measured cell of the comparison. */
  static final class Row {
    String algorithm;
    int servers;
    double peak;
    double std;
    double movedAdd;
    double movedRemove;
    long memory;
    double nanos;
    String basis;
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    for (int n : sizes) {
      if (n < 2) {
        throw new UserException("--fleet-sizes must be at least 2 each, got " + n);
      }
    }
    Keys sample = Keys.sample(keys);
    String[] lookupKeys = lookupKeys((int) Math.min(keys, 1_000_000));
    List<Algorithm> algorithms = new ArrayList<>();
    if (only.isEmpty()) {
      for (Algorithm a : Algorithm.values()) {
        if (!noDialects || !a.isCompatibilityDialect()) {
          algorithms.add(a);
        }
      }
    } else {
      for (String name : only) {
        algorithms.add(AlgorithmOption.byName(name));
      }
    }
    List<Row> rows = new ArrayList<>();
    // "algorithm: problem" -> the sizes it happened at, so one line per algorithm and problem.
    java.util.Map<String, List<Integer>> skipped = new java.util.LinkedHashMap<>();
    try (Progress p = Progress.start(spec.commandLine().getErr(), "comparing", (long) algorithms.size() * sizes.length)) {
      int done = 0;
      for (Algorithm a : algorithms) {
        for (int n : sizes) {
          try {
            rows.add(measure(a, n, sample, lookupKeys));
          } catch (UserException | IllegalArgumentException | IllegalStateException e) {
            String problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (!problem.startsWith(a.cliName())) {
              problem = a.cliName() + ": " + problem;
            }
            skipped.computeIfAbsent(problem, k -> new ArrayList<>()).add(n);
          }
          p.update(++done);
        }
      }
    }
    Report r = new Report(String.format("compare: %d algorithms at N = %s servers (weight 1 each)", algorithms.size(),
        joinSizes()));
    r.put("keys", "sample keys", Report.Kind.INT, keys);
    Report.Table t = r.table("results",
        new String[] {"algorithm", "N|servers", "peak-to-mean", "std dev", "moved on add", "ideal add", "moved on remove",
          "ideal remove", "memory bytes", "ns/lookup (rough)|ns_per_lookup", "basis"},
        new Report.Kind[] {Report.Kind.TEXT, Report.Kind.INT, Report.Kind.RATIO, Report.Kind.RATIO, Report.Kind.FRACTION,
          Report.Kind.FRACTION, Report.Kind.FRACTION, Report.Kind.FRACTION, Report.Kind.INT, Report.Kind.NUMBER, Report.Kind.TEXT});
    for (Row row : rows) {
      t.row(row.algorithm, row.servers, row.peak, row.std, row.movedAdd, 1.0 / (row.servers + 1), row.movedRemove,
          1.0 / row.servers, row.memory, row.nanos, row.basis);
    }
    r.note("peak-to-mean is the largest share/ideal; std dev is that of share/ideal over the servers.");
    r.note(String.format("sampled rows carry noise: with K/N keys per server the peak-to-mean of a perfect algorithm "
        + "is already about 1 + 3/sqrt(K/N) (%.2f at N=%d).", 1 + 3 / Math.sqrt(keys / (double) sizes[sizes.length - 1]),
        sizes[sizes.length - 1]));
    r.note("ns/lookup is a rough single-threaded in-process timing (resolve(String), best of 3 passes); "
        + "the JMH benchmarks are the authority.");
    skipped.forEach((problem, at) -> r.note("not measured at N = " + at.toString().replaceAll("[\\[\\]]", "") + ": " + problem));
    r.print(out, output.format);
    if (output.svg != null) {
      output.writeSvg(chart(rows));
    }
    return 0;
  }

  private String joinSizes() {
    StringBuilder b = new StringBuilder();
    for (int n : sizes) {
      b.append(b.length() == 0 ? "" : ", ").append(n);
    }
    return b.toString();
  }

  static List<Server> fleet(int n) {
    List<Server> servers = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      servers.add(Server.of("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255), 11211));
    }
    return servers;
  }

  private Row measure(Algorithm algorithm, int n, Keys sample, String[] lookupKeys) {
    List<Server> servers = fleet(n);
    Continuum base = AlgorithmOption.build(algorithm, seed, null, servers);
    // Each change is applied to a continuum holding the current state, as a live fleet would: for
    // history-dependent algorithms (jump, memento) a fresh build of the final list is another placement.
    Continuum added = AlgorithmOption.build(algorithm, seed, null, servers);
    added.addServer(fleet(n + 1).get(n));
    Continuum removed = AlgorithmOption.build(algorithm, seed, null, servers);
    removed.removeServer(servers.get(algorithm.supportsArbitraryRemoval() ? n / 2 : n - 1));
    Measure.Shares shares = Measure.shares(base, sample, false, Progress.none());
    double[] ideal = Measure.ideal(servers, algorithm);
    Row row = new Row();
    row.algorithm = algorithm.cliName();
    row.servers = n;
    row.peak = Measure.peakToMean(shares.share, ideal);
    row.std = Measure.stdDev(shares.share, ideal);
    row.movedAdd = Measure.moves(base, added, sample, false, Progress.none()).moved();
    row.movedRemove = Measure.moves(base, removed, sample, false, Progress.none()).moved();
    row.memory = base.memoryBytes();
    row.nanos = time(base, lookupKeys);
    row.basis = shares.exact() ? "exact" : "sampled";
    return row;
  }

  /** Best of three passes, in nanoseconds per lookup. A rough figure, not a benchmark. */
  private static double time(Continuum c, String[] keys) {
    double best = Double.MAX_VALUE;
    int sink = 0;
    for (int pass = 0; pass < 3; pass++) {
      long start = System.nanoTime();
      for (String k : keys) {
        sink += c.resolve(k).port();
      }
      best = Math.min(best, (System.nanoTime() - start) / (double) keys.length);
    }
    if (sink == 42) {
      System.err.print(""); // keeps the loop's result alive
    }
    return best;
  }

  private static String[] lookupKeys(int count) {
    SplittableRandom random = new SplittableRandom(7);
    String[] keys = new String[count];
    for (int i = 0; i < count; i++) {
      keys[i] = "key:" + Long.toHexString(random.nextLong());
    }
    return keys;
  }

  private Svg chart(List<Row> rows) {
    String[] metrics = {"peak-to-mean load (1 is perfect)", "std dev of load (share/ideal)",
      "moved on add / ideal 1/(N+1)", "moved on remove / ideal 1/N", "memory of the placement (bytes)",
      "lookup time, ns (rough, not JMH)"};
    List<List<Charts.Series>> panels = new ArrayList<>();
    for (int m = 0; m < metrics.length; m++) {
      List<Charts.Series> panel = new ArrayList<>();
      for (Row row : rows) {
        Charts.Series s = null;
        for (Charts.Series x : panel) {
          if (x.name.equals(row.algorithm)) {
            s = x;
          }
        }
        if (s == null) {
          double[] v = new double[sizes.length];
          java.util.Arrays.fill(v, Double.NaN);
          s = new Charts.Series(row.algorithm, v);
          panel.add(s);
        }
        int k = indexOfSize(row.servers);
        double[] values = {row.peak, row.std, row.movedAdd * (row.servers + 1), row.movedRemove * row.servers,
          row.memory, row.nanos};
        s.values[k] = values[m];
      }
      panels.add(panel);
    }
    boolean[] log = {true, true, true, true, true, true};
    return Charts.compare(sizes, metrics, panels, log, "Placement algorithms compared",
        String.format("N equal servers; rings exact, others sampled with %,d keys; log scales", keys));
  }

  private int indexOfSize(int n) {
    for (int i = 0; i < sizes.length; i++) {
      if (sizes[i] == n) {
        return i;
      }
    }
    return 0;
  }
}
