package dev.continuum.bench;

import dev.continuum.BenchSupport;
import dev.continuum.Continuum;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import java.util.function.ToIntFunction;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The whole benchmark suite in one command (see {@code bench/run.sh}): lookups, updates, builds,
 * concurrency and memory, then a markdown report with the ratios the targets of issues 5 and 11 ask
 * for, all taken from this one run, with the breakdown (hash, index, search) of what bounds the ring
 * lookups. Issue 11's ratios are decided by a paired stage after the lookup tables
 * ({@link PairedTargets}: both sides of each ratio in adjacent forks, alternating, several rounds;
 * about 8 minutes added to a full run, 4 to a quick one). {@code --quick} covers the headline targets
 * at 1000 servers and one thread only.
 * {@code --smoke} runs the same benchmarks in-process, one 100 ms iteration each and no warm-up, to prove
 * that the suite and its report work end to end; its numbers mean nothing.
 */
public final class Suite {
  /** Every fork: THP and pre-touched heap, which this VM needs for stable numbers; a fixed heap. */
  static final String[] JVM_ARGS = {"-Xms2g", "-Xmx2g", "-XX:+UseTransparentHugePages", "-XX:+AlwaysPreTouch"};

  private final boolean quick;
  /** In-process, one short iteration a benchmark: proves the suite runs, measures nothing. */
  private final boolean smoke;
  private final Path out;
  private final StringBuilder md = new StringBuilder();

  private Suite(boolean quick, boolean smoke, Path out) {
    this.quick = quick;
    this.smoke = smoke;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    boolean quick = Arrays.asList(args).contains("--quick");
    Path out = Path.of("bench/results");
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals("--out")) {
        out = Path.of(args[i + 1]);
      }
    }
    Files.createDirectories(out);
    new Suite(quick, Arrays.asList(args).contains("--smoke"), out).run();
  }

  /** One fork of {@code benchmark} (none when smoke), with the suite's JVM options; fails on any error. */
  private ChainedOptionsBuilder timed(Class<?> benchmark, int warmups, int iterations, int seconds) {
    TimeValue time = smoke ? TimeValue.milliseconds(100) : TimeValue.seconds(seconds);
    return new OptionsBuilder()
        .include(benchmark.getName() + "\\.")
        .forks(smoke ? 0 : 1)
        .warmupIterations(smoke ? 0 : warmups)
        .warmupTime(time)
        .measurementIterations(smoke ? 1 : iterations)
        .measurementTime(time)
        .jvmArgsAppend(JVM_ARGS)
        .shouldFailOnError(true);
  }

  /** A table's benchmark: {@link #timed}, with bytes per operation and a JSON result file. */
  private ChainedOptionsBuilder base(Class<?> benchmark, int warmups, int iterations, int seconds) {
    return timed(benchmark, warmups, iterations, seconds).addProfiler(GCProfiler.class).resultFormat(ResultFormatType.JSON);
  }

  /** One fork of a paired round: one contender at 1000 servers, no profiler, no result file. */
  private RunResult pairedFork(Class<?> benchmark, String contender) throws RunnerException {
    return new Runner(timed(benchmark, 1, PairedTargets.iterations(quick), 1).param("contender", contender)
        .param("servers", "1000").build()).run().iterator().next();
  }

  private Collection<RunResult> run(ChainedOptionsBuilder options, String name) throws RunnerException {
    return new Runner(options.result(out.resolve(name + ".json").toString()).build()).run();
  }

  private void run() throws Exception {
    Instant start = Instant.now();
    header(start);
    lookups();
    paired = new PairedTargets(quick, this::pairedFork);
    paired.measure(out.resolve("paired.tsv"));
    targets();
    md.append(paired.report(smoke ? "SMOKE: in-process, one 100-ms iteration, no warm-up"
        : "one 1-s warm-up, " + PairedTargets.iterations(quick) + " 1-s iterations, the suite's JVM options"));
    breakdown();
    updates();
    builds();
    concurrency();
    memory();
    md.append("\nTotal suite time: ").append(java.time.Duration.between(start, Instant.now()).toSeconds()).append(" s\n");
    Files.writeString(out.resolve("report.md"), md.toString());
    System.out.println(md);
  }

  private void header(Instant start) throws IOException {
    md.append("## ").append(quick ? "Quick run" : "Full run").append(smoke ? " (SMOKE: in-process, no warm-up; the numbers mean nothing)" : "")
        .append(", ").append(start).append("\n\n");
    md.append("- Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs, ")
        .append(cpuModel()).append(", ").append(memTotal()).append("\n");
    md.append("- JDK: ").append(System.getProperty("java.vm.name")).append(' ')
        .append(System.getProperty("java.runtime.version")).append("\n");
    md.append("- Load average at start: ")
        .append(String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
        .append("\n");
    md.append("- Fork JVM options: `").append(String.join(" ", JVM_ARGS)).append("`, `-prof gc` for B/op\n");
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // not Linux: leave it out
    }
    return "cpu model unknown";
  }

  private static String memTotal() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal")) {
          long kb = Long.parseLong(line.replaceAll("\\D", ""));
          return (kb / 1024 / 1024) + " GiB RAM";
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return "memory unknown";
  }

  // ---- lookups ----------------------------------------------------------------------------------

  /** Every lookup result of this run, by {@link #key}. */
  private final Map<String, RunResult> lookup = new LinkedHashMap<>();

  private static String key(String bench, String contender, int servers, int threads) {
    return bench + "|" + contender + "|" + servers + "|" + threads;
  }

  private void collect(String bench, Collection<RunResult> results) {
    for (RunResult r : results) {
      String contender = r.getParams().getParam("contender");
      String step = r.getParams().getParam("step");
      lookup.put(key(bench, step == null ? contender : contender + ":" + step,
          Integer.parseInt(r.getParams().getParam("servers")), r.getParams().getThreads()), r);
    }
  }

  private double score(String bench, String contender, int servers, int threads) {
    RunResult r = lookup.get(key(bench, contender, servers, threads));
    return r == null ? Double.NaN : r.getPrimaryResult().getScore();
  }

  /** A String-key lookup, one thread. */
  private double score(String contender, int servers) {
    return score("lookup", contender, servers, 1);
  }

  private ChainedOptionsBuilder lookupOptions(Class<?> bench, List<String> contenders, String... servers) {
    return base(bench, 2, quick ? 3 : 4, 1).param("contender", contenders.toArray(new String[0])).param("servers", servers);
  }

  private void lookups() throws RunnerException {
    List<String> placers = quick
        ? List.of("continuum-python", "continuum-spymemcached", "continuum-twemproxy-md5", "spymemcached", "continuum-ring",
            "continuum-jumpback", "continuum-memento", "continuum-memento-10pct-removed", "hash4j-jumpback",
            "hash4j-jumpback-continuum-hash")
        : Arrays.asList(Contenders.PLACERS);
    List<String> floors = Arrays.asList(Contenders.FLOORS); // every floor in both modes: the verdicts need them
    collect("lookup", run(lookupOptions(LookupBench.class, placers, "1000"), "lookup"));
    if (!quick) {
      // 10 and 10,000 servers for all but xmemcached and Jedis: Jedis's Sharded opens a connection
      // when built over 10,000 shards, and the two add nothing the ketama peer does not show.
      List<String> scaled = new ArrayList<>(placers);
      scaled.removeAll(List.of("xmemcached", "jedis-sharded"));
      collect("lookup", run(lookupOptions(LookupBench.class, scaled, "10", "10000"), "lookup-scaled"));
    }
    // libmemcached's dialects stop at 100 servers, as libmemcached does.
    collect("lookup", run(lookupOptions(LookupBench.class, List.of(Contenders.LIBMEMCACHED), quick ? new String[] {"100"}
        : new String[] {"10", "100"}), "lookup-libmemcached"));
    // The floors do not depend on the servers: once, at 1000.
    collect("lookup", run(lookupOptions(LookupBench.class, floors, "1000"), "lookup-floors"));
    if (!quick) {
      collect("lookup", run(lookupOptions(LookupBench.class, List.of(THREADED), "1000").threads(2), "lookup-2-threads"));
    }
    collect("prehashed", run(lookupOptions(PrehashedBench.class, quick ? List.of("continuum-jumpback", "hash4j-jumpback")
        : Arrays.asList(PrehashedBench.CONTENDERS), quick ? new String[] {"1000"} : new String[] {"10", "1000", "10000"}),
        "prehashed"));
    collect("ring-steps", run(lookupOptions(RingStepBench.class, quick ? List.of("continuum-spymemcached", "continuum-ring")
        : Arrays.asList(RingStepBench.RINGS), "1000"), "ring-steps"));

    double md5Floor = score("floor-md5-messagedigest", 1000);
    double keyHashFloor = score("floor-keyhash-continuum", 1000);
    double hash4j = score("hash4j-jumpback", 1000);
    md.append("\n### Lookups (String key, ns/op, average time per thread; B/op from -prof gc)\n\n");
    md.append("| contender | servers | threads | ns/op | ± error | B/op | × MD5 floor | × ring key-hash floor | × hash4j-jumpback |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Map.Entry<String, RunResult> e : lookup.entrySet()) {
      String[] k = e.getKey().split("\\|");
      if (!k[0].equals("lookup")) {
        continue;
      }
      Result<?> p = e.getValue().getPrimaryResult();
      double s = p.getScore();
      md.append(String.format(Locale.ROOT, "| %s | %s | %s | %.1f | %.1f | %s | %s | %s | %s |\n", k[1], k[2], k[3], s,
          p.getScoreError(), bytesPerOp(e.getValue()), ratio(s, md5Floor), ratio(s, keyHashFloor), ratio(s, hash4j)));
    }
    md.append("\n### Pre-hashed keys (`resolve(long)` against hash4j `getBucket`; ns/op)\n\n");
    md.append("| contender | servers | ns/op | ± error | B/op | × hash4j-jumpback |\n|---|---:|---:|---:|---:|---:|\n");
    for (Map.Entry<String, RunResult> e : lookup.entrySet()) {
      String[] k = e.getKey().split("\\|");
      if (k[0].equals("prehashed")) {
        Result<?> p = e.getValue().getPrimaryResult();
        md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %s | %s |\n", k[1], k[2], p.getScore(), p.getScoreError(),
            bytesPerOp(e.getValue()), ratio(p.getScore(), score("prehashed", "hash4j-jumpback", Integer.parseInt(k[2]), 1))));
      }
    }
  }

  /** The contenders also timed with two threads. */
  private static final String[] THREADED = {"continuum-jumpback", "hash4j-jumpback", "continuum-memento",
    "continuum-ring", "continuum-spymemcached", "continuum-python", "floor-md5-messagedigest", "floor-keyhash-continuum"};

  /** The paired head-to-head rounds of issue 11's ratios; they decide its targets. */
  private PairedTargets paired;

  /**
   * Issue 11's targets: each from the paired median (which decides) beside the single-run ratio of
   * the tables above (which does not).
   */
  private void targets() {
    md.append("\n### Issue 11 targets (1000 servers, String keys, one thread)\n\n");
    md.append("The paired median (adjacent, alternating forks; the paired section below) decides each verdict; the "
        + "single-run ratio, from the tables above, is given beside it and decides nothing.\n\n");
    for (PairedTargets.Target t : PairedTargets.TARGETS) {
      double single = score(t.table(), t.numerator(), 1000, 1) / score(t.table(), t.reference(), 1000, 1);
      double median = paired.medianRatio(t);
      if (!t.judged()) {
        md.append(String.format(Locale.ROOT, "  - against `%s` (second reference, not judged): paired median %.2f× (%s); "
            + "single run %s×\n", t.reference(), median, paired.spread(t), num2(single)));
        continue;
      }
      md.append(String.format(Locale.ROOT, "- %s: paired median %.2f× (%s; target ≤ %.2f×: %s); single run %s×\n",
          t.label(), median, paired.spread(t), t.limit(), median <= t.limit() ? "met" : "NOT met", num2(single)));
      if (!Double.isNaN(t.goal())) {
        md.append(String.format(Locale.ROOT, "  (goal %.1f×, from the paired median: %s)\n", t.goal(),
            median <= t.goal() ? "met" : "not met"));
      }
    }
    double libmemcached = score(Contenders.LIBMEMCACHED, 100) / score("floor-md5-messagedigest", 1000);
    md.append(String.format(Locale.ROOT, "- `%s` at 100 servers (its limit) ÷ MessageDigest MD5 floor: single run only, "
        + "not paired: %s× (target ≤ 1.15×: %s)\n", Contenders.LIBMEMCACHED, num2(libmemcached),
        Double.isNaN(libmemcached) ? "not measured" : libmemcached <= 1.15 ? "met" : "NOT met"));
    StringBuilder allocating = new StringBuilder();
    for (Map.Entry<String, RunResult> e : lookup.entrySet()) {
      String contender = e.getKey().split("\\|")[1];
      Result<?> gc = e.getValue().getSecondaryResults().get("gc.alloc.rate.norm");
      if (contender.startsWith("continuum-") && (gc == null || gc.getScore() >= 0.5)) {
        allocating.append(allocating.length() == 0 ? "" : ", ").append(e.getKey().replace('|', ' '));
      }
    }
    md.append("- 0 B/op for every continuum lookup: ").append(allocating.length() == 0 ? "met" : "NOT met (" + allocating + ")")
        .append("\n");
  }

  /** What bounds each lookup: the key hash alone, the index read, the search, and the rest. */
  private void breakdown() {
    md.append("\n### Breakdown at 1000 servers (ns/op; each a separate benchmark of this run)\n\n");
    md.append("| ring | lookup from String | key hash alone | ring adds | index + search from a hash | index read alone | search (difference) | lookups answered by the index read |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (String c : RingStepBench.RINGS) {
      double full = score(c, 1000);
      double hash = score(c.equals("continuum-ring") ? "floor-keyhash-continuum" : "floor-md5-continuum", 1000);
      double both = score("ring-steps", c + ":lookup", 1000, 1);
      double slot = score("ring-steps", c + ":slot", 1000, 1);
      if (Double.isNaN(both)) {
        continue;
      }
      md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.1f | %.1f | %.1f | %.0f %% |\n", c, num(full), num(hash),
          num(full - hash), both, slot, both - slot, 100 * oneReadShare(c, 1000)));
    }
    md.append(String.format(Locale.ROOT,
        "\nMD5 alone: continuum's %s ns, MessageDigest's (reused digest, `getBytes`) %s ns, murmur3_128 over chars %s ns. "
            + "64-bit key hash alone: the ring's (xxHash64) %s ns, hash4j komihash over chars %s ns. Placement alone "
            + "(pre-hashed): continuum-jumpback %s ns, hash4j getBucket %s ns.\n",
        num(score("floor-md5-continuum", 1000)), num(score("floor-md5-messagedigest", 1000)),
        num(score("floor-murmur3-chars", 1000)), num(score("floor-keyhash-continuum", 1000)),
        num(score("floor-komihash-chars", 1000)), num(score("prehashed", "continuum-jumpback", 1000, 1)),
        num(score("prehashed", "hash4j-jumpback", 1000, 1))));
  }

  /** The share of the fleet's keys whose ring lookup is the index read alone (an empty bucket). */
  private static double oneReadShare(String contender, int servers) {
    Fleet fleet = new Fleet(servers);
    Continuum c = Contenders.built(contender, fleet);
    ToIntFunction<CharSequence> hash = BenchSupport.ringHash(c);
    IntUnaryOperator slot = BenchSupport.ringSlot(c);
    int one = 0;
    for (String key : fleet.keys) {
      one += slot.applyAsInt(hash.applyAsInt(key)) < 0 ? 1 : 0;
    }
    return (double) one / fleet.keys.length;
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String ratio(double a, double b) {
    return num2(a / b);
  }

  private static String num2(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", v);
  }

  private static String bytesPerOp(RunResult r) {
    Result<?> gc = r.getSecondaryResults().get("gc.alloc.rate.norm");
    return gc == null ? "?" : String.format(Locale.ROOT, "%.1f", gc.getScore());
  }

  // ---- updates and builds -------------------------------------------------------------------------

  private void updates() throws RunnerException {
    String[] contenders = quick
        ? new String[] {"continuum-spymemcached", "continuum-ring", "spymemcached"}
        : new String[] {"continuum-spymemcached", "continuum-spymemcached-rebuild", "continuum-ring", "continuum-python", "spymemcached", "xmemcached"};
    Map<String, RunResult> byName = new LinkedHashMap<>();
    for (RunResult r : run(base(UpdateBench.class, quick ? 2 : 3, quick ? 3 : 5, 2).param("contender", contenders)
        .param("servers", "1000"), "update")) {
      byName.put(r.getParams().getParam("contender"), r);
    }
    md.append("\n### Adding or removing one server of 1000 (160 points each; µs/op, average of adds and removes)\n\n");
    md.append("| contender | µs/op | ± error | B/op | spymemcached ÷ this |\n|---|---:|---:|---:|---:|\n");
    double spy = byName.get("spymemcached").getPrimaryResult().getScore();
    for (Map.Entry<String, RunResult> e : byName.entrySet()) {
      Result<?> p = e.getValue().getPrimaryResult();
      md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %s | %.1f |\n", e.getKey(), p.getScore(),
          p.getScoreError(), bytesPerOp(e.getValue()), spy / p.getScore()));
    }
    md.append("\n**Target 3a** (add or remove one of 1000 ≥ 200× faster than spymemcached's updateLocator):\n\n");
    for (String c : List.of("continuum-spymemcached", "continuum-ring")) {
      double mine = byName.get(c).getPrimaryResult().getScore();
      md.append(String.format(Locale.ROOT, "- %s: %.0f× (%s)\n", c, spy / mine, spy / mine >= 200 ? "met" : "NOT met"));
    }
  }

  private void builds() throws RunnerException {
    String[] contenders = quick
        ? new String[] {"continuum-spymemcached"}
        : new String[] {"continuum-spymemcached", "continuum-python", "spymemcached"};
    md.append("\n### Building 10,000 servers from nothing (160 points each; ms/op)\n\n");
    md.append("| contender | ms/op | ± error |\n|---|---:|---:|\n");
    double mine = Double.NaN;
    for (RunResult r : run(base(BuildBench.class, 2, quick ? 3 : 5, 3).param("contender", contenders)
        .param("servers", "10000"), "build")) {
      Result<?> p = r.getPrimaryResult();
      String c = r.getParams().getParam("contender");
      if (c.equals("continuum-spymemcached")) {
        mine = p.getScore();
      }
      md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f |\n", c, p.getScore(), p.getScoreError()));
    }
    md.append(String.format(Locale.ROOT, "\n**Target 3b** (10,000 servers built in < 300 ms): %.0f ms (%s)\n",
        mine, mine < 300 ? "met" : "NOT met"));
  }

  // ---- concurrency ----------------------------------------------------------------------------------

  private void concurrency() throws RunnerException {
    Map<String, RunResult> groups = new LinkedHashMap<>();
    for (RunResult r : run(base(ConcurrencyBench.class, 3, quick ? 3 : 5, 2), "concurrency")) {
      groups.put(r.getParams().getBenchmark(), r);
    }
    double one = Double.NaN;
    double two = Double.NaN;
    md.append("\n### Concurrency: readers of one continuum (1000 servers, spymemcached dialect) while a writer adds/removes a server\n\n");
    md.append("| group | reader ops/µs (all readers) | ± error | writer changes/s |\n|---|---:|---:|---:|\n");
    for (RunResult r : groups.values()) {
      String group = r.getParams().getBenchmark().replaceAll(".*\\.", "");
      Result<?> readers = r.getSecondaryResults().get(group + "Lookup");
      Result<?> writer = r.getSecondaryResults().get(group + "Writer");
      if (group.equals("oneReader")) {
        one = readers.getScore();
      } else {
        two = readers.getScore();
      }
      md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.0f |\n", group, readers.getScore(),
          readers.getScoreError(), writer.getScore() * 1e6));
    }
    md.append(String.format(Locale.ROOT,
        "\n**Target 4** (2 reader threads ≥ 1.8× one, with a writer running): %.2f× (%s)\n",
        two / one, two / one >= 1.8 ? "met" : "NOT met"));
  }

  // ---- memory --------------------------------------------------------------------------------------

  private void memory() {
    md.append("\n### Memory (JOL, retained bytes of the ring, peers less their node objects)\n\n");
    md.append("| contender | servers | points | bytes | bytes/point |\n|---|---:|---:|---:|---:|\n");
    double mine = Double.NaN;
    for (Object[] r : MemoryReport.measure(quick ? new int[] {1000} : new int[] {1000, 10000})) {
      md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.2f |\n", r));
      if (r[0].equals("continuum-spymemcached")) {
        mine = Math.max(Double.isNaN(mine) ? 0 : mine, (double) r[4]);
      }
    }
    md.append(String.format(Locale.ROOT, "\n**Target 3c** (≤ 16 bytes per ring point, index included): %.2f (%s)\n", mine,
        mine <= 16 ? "met" : "NOT met"));
  }
}
