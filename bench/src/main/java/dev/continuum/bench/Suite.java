package dev.continuum.bench;

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
 * concurrency and memory, then a markdown report with the ratios the targets of issue 5 ask for, all
 * taken from this one run. {@code --quick} covers the headline targets only.
 */
public final class Suite {
  /** Every fork: THP and pre-touched heap, which this VM needs for stable numbers; a fixed heap. */
  static final String[] JVM_ARGS = {"-Xms2g", "-Xmx2g", "-XX:+UseTransparentHugePages", "-XX:+AlwaysPreTouch"};

  private final boolean quick;
  private final Path out;
  private final StringBuilder md = new StringBuilder();

  private Suite(boolean quick, Path out) {
    this.quick = quick;
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
    new Suite(quick, out).run();
  }

  private ChainedOptionsBuilder base(Class<?> benchmark, int warmups, int iterations, int seconds) {
    return new OptionsBuilder()
        .include(benchmark.getName() + "\\.")
        .forks(1)
        .warmupIterations(warmups)
        .warmupTime(TimeValue.seconds(seconds))
        .measurementIterations(iterations)
        .measurementTime(TimeValue.seconds(seconds))
        .jvmArgsAppend(JVM_ARGS)
        .addProfiler(GCProfiler.class)
        .shouldFailOnError(true)
        .resultFormat(ResultFormatType.JSON);
  }

  private Collection<RunResult> run(ChainedOptionsBuilder options, String name) throws RunnerException {
    return new Runner(options.result(out.resolve(name + ".json").toString()).build()).run();
  }

  private void run() throws Exception {
    Instant start = Instant.now();
    header(start);
    lookups();
    updates();
    builds();
    concurrency();
    memory();
    md.append("\nTotal suite time: ").append(java.time.Duration.between(start, Instant.now()).toSeconds()).append(" s\n");
    Files.writeString(out.resolve("report.md"), md.toString());
    System.out.println(md);
  }

  private void header(Instant start) throws IOException {
    md.append("## ").append(quick ? "Quick run" : "Full run").append(", ").append(start).append("\n\n");
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

  /** contender -> servers -> result. */
  private final Map<String, Map<Integer, RunResult>> lookup = new LinkedHashMap<>();

  private void lookups() throws RunnerException {
    List<String> placers = quick
        ? List.of("continuum-python", "continuum-spymemcached", "spymemcached", "continuum-ring", "continuum-jump",
            "continuum-maglev", "continuum-memento", "guava-jump")
        : Arrays.asList(Contenders.PLACERS);
    List<String> floors = Arrays.asList(Contenders.FLOORS); // every floor in both modes: the verdicts need them
    int warm = 2;
    int iters = quick ? 3 : 4;
    collect(run(base(LookupBench.class, warm, iters, 1).param("contender", placers.toArray(new String[0]))
        .param("servers", "1000"), "lookup"));
    if (!quick) {
      // 10 and 10,000 servers for all but xmemcached and Jedis: Jedis's Sharded opens a connection
      // when built over 10,000 shards, and the two add nothing the ketama peer does not show.
      List<String> scaled = new ArrayList<>(placers);
      scaled.removeAll(List.of("xmemcached", "jedis-sharded"));
      collect(run(base(LookupBench.class, warm, iters, 1).param("contender", scaled.toArray(new String[0]))
          .param("servers", "10", "10000"), "lookup-scaled"));
    }
    // The floors do not depend on the servers: once, at 1000.
    collect(run(base(LookupBench.class, warm, iters, 1).param("contender", floors.toArray(new String[0]))
        .param("servers", "1000"), "lookup-floors"));

    md.append("\n### Lookups (String key, ns/op, average time; B/op from -prof gc)\n\n");
    md.append("| contender | servers | ns/op | ± error | B/op | × MD5 floor | × murmur floor | spymemcached ÷ this | guava-jump ÷ this |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    double md5Floor = score(lookup, "floor-md5-messagedigest", 1000);
    double murmurFloor = score(lookup, "floor-murmur3-chars", 1000);
    for (Map.Entry<String, Map<Integer, RunResult>> e : lookup.entrySet()) {
      for (Map.Entry<Integer, RunResult> r : e.getValue().entrySet()) {
        Result<?> p = r.getValue().getPrimaryResult();
        double s = p.getScore();
        md.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %s | %s | %s | %s | %s |\n",
            e.getKey(), r.getKey(), s, p.getScoreError(), bytesPerOp(r.getValue()),
            ratio(s, md5Floor), ratio(s, murmurFloor),
            ratio(score(lookup, "spymemcached", r.getKey()), s), ratio(score(lookup, "guava-jump", r.getKey()), s)));
      }
    }
    fastVerdicts();
    md.append("\n**Target 1** (md5 dialects at 1000 servers: ≤ 1.1× the MessageDigest MD5 floor, 0 B/op, ≥ 6× spymemcached):\n\n");
    for (String c : List.of("continuum-python", "continuum-spymemcached")) {
      double s = score(lookup, c, 1000);
      if (Double.isNaN(s)) {
        continue;
      }
      double spy = score(lookup, "spymemcached", 1000);
      md.append(String.format(Locale.ROOT, "- %s: %.2f× the floor (%s), %s B/op, %.1f× faster than spymemcached (%s)\n",
          c, s / md5Floor, s / md5Floor <= 1.1 ? "met" : "NOT met", bytesPerOp(lookup.get(c).get(1000)), spy / s,
          spy / s >= 6 ? "met" : "NOT met"));
    }
    hashShare("floor-md5-continuum", "continuum-python", "continuum-spymemcached");
  }

  /** How much of each lookup is the key hash alone (the floor of continuum's own hash, same run). */
  private void hashShare(String floor, String... contenders) {
    double h = score(lookup, floor, 1000);
    if (Double.isNaN(h)) {
      return;
    }
    StringBuilder line = new StringBuilder();
    for (String c : contenders) {
      double s = score(lookup, c, 1000);
      if (!Double.isNaN(s)) {
        line.append(String.format(Locale.ROOT, "%s%s %.1f ns", line.length() == 0 ? "" : ", ", c, s - h));
      }
    }
    md.append(String.format(Locale.ROOT, "- The key hash alone (`%s`): %.1f ns; what the placement adds on top: %s\n",
        floor, h, line));
  }

  private void fastVerdicts() {
    md.append("\n**Target 2** (fast algorithms at 1000 servers: ≤ 40 ns, 0 B/op, ≥ 4× faster than guava-jump):\n\n");
    double guava = score(lookup, "guava-jump", 1000);
    for (String c : Contenders.FAST) {
      double s = score(lookup, c, 1000);
      if (Double.isNaN(s)) {
        continue;
      }
      md.append(String.format(Locale.ROOT, "- %s: %.1f ns (%s), %s B/op, %.1f× faster than guava-jump (%s)\n", c, s,
          s <= 40 ? "met" : "NOT met", bytesPerOp(lookup.get(c).get(1000)), guava / s, guava / s >= 4 ? "met" : "NOT met"));
    }
    hashShare("floor-xxhash64-continuum", Contenders.FAST);
  }

  private void collect(Collection<RunResult> results) {
    for (RunResult r : results) {
      String contender = r.getParams().getParam("contender");
      int servers = Integer.parseInt(r.getParams().getParam("servers"));
      lookup.computeIfAbsent(contender, k -> new LinkedHashMap<>()).put(servers, r);
    }
  }

  private static double score(Map<String, Map<Integer, RunResult>> results, String contender, int servers) {
    Map<Integer, RunResult> m = results.get(contender);
    RunResult r = m == null ? null : m.get(servers);
    return r == null ? Double.NaN : r.getPrimaryResult().getScore();
  }

  private static String ratio(double a, double b) {
    return Double.isNaN(a) || Double.isNaN(b) ? "–" : String.format(Locale.ROOT, "%.2f", a / b);
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
    double mine = byName.get("continuum-spymemcached").getPrimaryResult().getScore();
    md.append(String.format(Locale.ROOT, "\n**Target 3a** (≥ 100× faster than spymemcached's updateLocator): %.0f× (%s)\n",
        spy / mine, spy / mine >= 100 ? "met" : "NOT met"));
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
    md.append(String.format(Locale.ROOT, "\n**Target 3c** (≤ 8.5 bytes per ring point): %.2f (%s)\n", mine,
        mine <= 8.5 ? "met" : "NOT met"));
  }
}
