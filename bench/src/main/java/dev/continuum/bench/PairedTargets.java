package dev.continuum.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;

/**
 * Issue 11's target ratios decided head to head. The suite's tables time each contender in a slot of
 * its own, minutes apart from the contender it is divided by; on a shared VM a burst of CPU steal in
 * one slot moves the ratio by more than the margins being judged (a quick run had hash4j-jumpback at
 * 20.4 ± 17.3 ns and the MessageDigest MD5 floor at 121.4 ± 142 ns). Here both sides of every ratio run
 * in forks right after each other, in {@link #rounds(boolean)} rounds whose order alternates (A then B, then B
 * then A: the whole round is run backwards every other time), so slow drift and most bursts hit both
 * sides alike, and the median of the rounds' ratios shrugs off the rounds a burst did split. Each fork
 * is a fresh JVM with the suite's options: one 1-s warm-up, then {@link #iterations(boolean)} 1-s iterations.
 *
 * <p>Added time: 17 forks a round ({@link #BLOCKS}); a fork costs about 1.8 s of JVM start (2 GiB
 * pre-touched heap), setup and exit besides its timed seconds. Full run: 5 rounds × 17 forks of 1 + 3
 * timed seconds, measured at 376 s on 2026-12-01 (about 4.4 s a fork); {@code --quick}: 3 rounds of
 * 1 + 2 timed seconds a fork. The report states the stage's measured time.
 */
final class PairedTargets {
  private static final String HASH4J = "hash4j-jumpback";
  private static final String MD5 = "floor-md5-messagedigest";
  private static final String MD5_NOALLOC = "floor-md5-messagedigest-noalloc";

  /** The contenders of one benchmark class run one after the other in a round, at 1000 servers. */
  record Block(Class<?> bench, List<String> contenders) {
    Block(Class<?> bench, String... contenders) {
      this(bench, List.of(contenders));
    }
  }

  /** Every fork of a round, in its forward order; a target's two sides are neighbours in one block. */
  static final List<Block> BLOCKS = List.of(
      new Block(LookupBench.class, "continuum-jumpback", HASH4J),
      new Block(PrehashedBench.class, "continuum-jumpback", HASH4J),
      new Block(LookupBench.class, "continuum-memento", HASH4J),
      new Block(LookupBench.class, "continuum-memento-10pct-removed", HASH4J),
      new Block(LookupBench.class, "continuum-ring", "floor-keyhash-continuum"),
      // Each md5 dialect between the two MD5 floors, so that it neighbours both (7 forks, not 9).
      new Block(LookupBench.class, MD5, Contenders.MD5_DIALECTS[0], MD5_NOALLOC, Contenders.MD5_DIALECTS[1], MD5,
          Contenders.MD5_DIALECTS[2], MD5_NOALLOC));

  /**
   * One ratio, {@code numerator ÷ reference}, both of {@code block}; {@code judged} false for a
   * second reference that is reported beside a target but decides nothing. {@code goal} is a stricter
   * aim reported with the verdict (NaN when there is none).
   */
  record Target(String label, Block block, String numerator, String reference, double limit, double goal, boolean judged) {
    int numeratorPosition() {
      return block.contenders().indexOf(numerator);
    }

    /** The reference's fork next to the numerator's: the one a round's ratio divides by. */
    int referencePosition() {
      int n = numeratorPosition();
      List<String> c = block.contenders();
      for (int p : new int[] {n - 1, n + 1}) {
        if (p >= 0 && p < c.size() && c.get(p).equals(reference)) {
          return p;
        }
      }
      throw new IllegalStateException(numerator + " has no neighbouring " + reference + " in " + c);
    }

    /** The name of the suite's table that times this target's benchmark. */
    String table() {
      return block.bench() == PrehashedBench.class ? "prehashed" : "lookup";
    }
  }

  /** Issue 11's ratios at 1000 servers, in the order the report lists them. */
  static final List<Target> TARGETS = targets();

  private static List<Target> targets() {
    List<Target> t = new ArrayList<>();
    t.add(new Target("`jumpback` ÷ hash4j JumpBackHash + komihash", BLOCKS.get(0), "continuum-jumpback", HASH4J, 1.0, 0.9, true));
    t.add(new Target("`jumpback` `resolve(long)` ÷ hash4j `getBucket` (pre-hashed)", BLOCKS.get(1), "continuum-jumpback",
        HASH4J, 1.0, Double.NaN, true));
    t.add(new Target("`memento`, nothing removed, ÷ hash4j-jumpback", BLOCKS.get(2), "continuum-memento", HASH4J, 1.3,
        Double.NaN, true));
    t.add(new Target("`memento`, 10% removed, ÷ hash4j-jumpback", BLOCKS.get(3), "continuum-memento-10pct-removed", HASH4J,
        1.6, Double.NaN, true));
    t.add(new Target("`ring` ÷ its own key hash alone (`floor-keyhash-continuum`)", BLOCKS.get(4), "continuum-ring",
        "floor-keyhash-continuum", 1.5, Double.NaN, true));
    for (String c : Contenders.MD5_DIALECTS) {
      t.add(new Target("`" + c + "` ÷ MessageDigest MD5 floor", BLOCKS.get(5), c, MD5, 1.15, Double.NaN, true));
      t.add(new Target("`" + c + "` ÷ no-allocation MessageDigest MD5 floor (second reference)", BLOCKS.get(5), c,
          MD5_NOALLOC, 1.15, Double.NaN, false));
    }
    for (Target target : t) {
      target.referencePosition(); // fails at class load if an edit of BLOCKS parted a pair
    }
    return List.copyOf(t);
  }

  /** Rounds: the median of 5 survives two rounds a burst split, the median of 3 one. */
  static int rounds(boolean quick) {
    return quick ? 3 : 5;
  }

  /** Measured 1-s iterations a fork, after one 1-s warm-up. */
  static int iterations(boolean quick) {
    return quick ? 2 : 3;
  }

  /** Runs one fork of one contender of a benchmark class at 1000 servers. */
  interface ForkRunner {
    /**
     * Times {@code contender} of {@code bench} in a fork of its own.
     *
     * @param bench the JMH benchmark class
     * @param contender the value of its {@code contender} parameter
     * @return the fork's result
     * @throws RunnerException when JMH fails or the benchmark's checks fail
     */
    RunResult run(Class<?> bench, String contender) throws RunnerException;
  }

  private final int rounds;
  private final ForkRunner runner;
  /** ns/op of round r, block b, position p. */
  private final double[][][] scores;
  private final double[] loadAtStart;
  /** {@code [steal, all]} CPU ticks of /proc/stat at each round's start and, last, at the stage's end. */
  private final long[][] ticks;
  private final long[] roundSeconds;
  private long stageSeconds;
  private final StringBuilder tsv = new StringBuilder(
      "round\torder\tload_at_round_start\tbenchmark\tcontender\tposition\tns_per_op\terror\titerations_ns\tsteal_percent_during_fork\n");

  PairedTargets(boolean quick, ForkRunner runner) {
    this.rounds = rounds(quick);
    this.runner = runner;
    scores = new double[rounds][BLOCKS.size()][];
    loadAtStart = new double[rounds];
    ticks = new long[rounds + 1][];
    roundSeconds = new long[rounds];
  }

  /** Runs every round and writes each fork's figures, iterations included, to {@code tsv}. */
  void measure(Path tsvFile) throws RunnerException, IOException {
    Instant stageStart = Instant.now();
    int forksPerRound = BLOCKS.stream().mapToInt(b -> b.contenders().size()).sum();
    for (int r = 0; r < rounds; r++) {
      Instant roundStart = Instant.now();
      loadAtStart[r] = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      ticks[r] = cpuTicks();
      List<int[]> order = new ArrayList<>();
      for (int b = 0; b < BLOCKS.size(); b++) {
        scores[r][b] = new double[BLOCKS.get(b).contenders().size()];
        for (int p = 0; p < scores[r][b].length; p++) {
          order.add(new int[] {b, p});
        }
      }
      if (r % 2 == 1) {
        Collections.reverse(order);
      }
      int done = 0;
      for (int[] fork : order) {
        Block block = BLOCKS.get(fork[0]);
        String contender = block.contenders().get(fork[1]);
        System.out.printf(Locale.ROOT, "# Paired round %d of %d, fork %d of %d: %s %s%n", r + 1, rounds, ++done,
            forksPerRound, block.bench().getSimpleName(), contender);
        long[] before = cpuTicks();
        RunResult result = runner.run(block.bench(), contender);
        scores[r][fork[0]][fork[1]] = result.getPrimaryResult().getScore();
        tsv.append(String.format(Locale.ROOT, "%d\t%s\t%.2f\t%s\t%s\t%d\t%.3f\t%.3f\t%s\t%.2f\n", r + 1, r % 2 == 0 ? "forward" : "backward",
            loadAtStart[r], block.bench().getSimpleName(), contender, fork[1], result.getPrimaryResult().getScore(),
            result.getPrimaryResult().getScoreError(), iterations(result), stealPercent(before, cpuTicks())));
      }
      roundSeconds[r] = Duration.between(roundStart, Instant.now()).toSeconds();
    }
    ticks[rounds] = cpuTicks();
    stageSeconds = Duration.between(stageStart, Instant.now()).toSeconds();
    Files.writeString(tsvFile, tsv.toString());
  }

  private static String iterations(RunResult result) {
    StringBuilder s = new StringBuilder();
    for (BenchmarkResult fork : result.getBenchmarkResults()) {
      for (IterationResult i : fork.getIterationResults()) {
        s.append(s.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.3f", i.getPrimaryResult().getScore()));
      }
    }
    return s.toString();
  }

  /** Each round's ratio of {@code target}, in round order. */
  double[] ratios(Target target) {
    int b = BLOCKS.indexOf(target.block());
    double[] out = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      out[r] = scores[r][b][target.numeratorPosition()] / scores[r][b][target.referencePosition()];
    }
    return out;
  }

  /** The median of the rounds' ratios of {@code target}: what decides it. */
  double medianRatio(Target target) {
    return median(ratios(target));
  }

  /** How many rounds' ratios are within {@code target}'s limit. */
  int roundsWithin(Target target) {
    int n = 0;
    for (double ratio : ratios(target)) {
      n += ratio <= target.limit() ? 1 : 0;
    }
    return n;
  }

  /** "1.08–1.17×, 4 of 5 rounds within": the spread of the rounds, for a verdict line. */
  String spread(Target target) {
    double[] r = ratios(target);
    return String.format(Locale.ROOT, "rounds %.2f–%.2f×, %d of %d within", Arrays.stream(r).min().orElse(Double.NaN),
        Arrays.stream(r).max().orElse(Double.NaN), roundsWithin(target), rounds);
  }

  private double medianScore(Block block, int position) {
    int b = BLOCKS.indexOf(block);
    double[] s = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      s[r] = scores[r][b][position];
    }
    return median(s);
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n == 0 ? Double.NaN : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  /** The stage's section of the report, {@code fork} saying what a fork timed: every ratio, every round's load and steal. */
  String report(String fork) {
    StringBuilder md = new StringBuilder();
    md.append("\n### Paired head-to-head at 1000 servers (these decide the issue 11 targets)\n\n");
    md.append(String.format(Locale.ROOT,
        "%d rounds. In each, both contenders of a ratio run in forks of their own right after each other (%s); odd rounds run the list forwards, even rounds backwards, so each "
            + "side of a ratio goes first as often as the other; an md5 dialect runs between the two MD5 floors. A round's "
            + "ratio divides the numerator's score by that of the reference's neighbouring fork; the verdict is the median "
            + "of the rounds' ratios. Each fork's figures and iterations: `paired.tsv`.\n\n",
        rounds, fork));
    md.append("| ratio | target | paired median | rounds min–max | rounds within | numerator ns/op (median) "
        + "| reference ns/op (median) | ratio by round | verdict (paired median) |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---|---|\n");
    for (Target t : TARGETS) {
      double[] r = ratios(t);
      double median = median(r);
      StringBuilder byRound = new StringBuilder();
      for (double x : r) {
        byRound.append(byRound.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", x));
      }
      md.append(String.format(Locale.ROOT, "| %s | ≤ %.2f× | %.2f× | %.2f–%.2f× | %d of %d | %.1f | %.1f | %s | %s |\n",
          t.label(), t.limit(), median, Arrays.stream(r).min().orElse(Double.NaN), Arrays.stream(r).max().orElse(Double.NaN),
          roundsWithin(t), rounds, medianScore(t.block(), t.numeratorPosition()), medianScore(t.block(), t.referencePosition()),
          byRound, !t.judged() ? "reference, not judged" : median <= t.limit() ? "met" : "NOT met"));
    }
    md.append("\n| round | order | load average at start | CPU steal during the round | seconds |\n|---:|---|---:|---:|---:|\n");
    for (int r = 0; r < rounds; r++) {
      md.append(String.format(Locale.ROOT, "| %d | %s | %.2f | %s | %d |\n", r + 1, r % 2 == 0 ? "forward" : "backward",
          loadAtStart[r], steal(ticks[r], ticks[r + 1]), roundSeconds[r]));
    }
    md.append(String.format(Locale.ROOT,
        "\nStage: %d forks in %d s; CPU steal over the stage (`/proc/stat`, all CPUs): %s. The load average is the "
            + "one-minute figure and counts the previous fork's own benchmark thread (about 1); steal is time the "
            + "hypervisor gave this VM's CPUs to others, the noise the pairing is there to cancel.\n",
        rounds * BLOCKS.stream().mapToInt(b -> b.contenders().size()).sum(), stageSeconds, steal(ticks[0], ticks[rounds])));
    return md.toString();
  }

  /** Steal between two readings of {@link #cpuTicks}: its share of all CPU time and its CPU-seconds. */
  private static String steal(long[] from, long[] to) {
    if (from == null || to == null) {
      return "unknown (no /proc/stat)";
    }
    // /proc/stat counts in USER_HZ ticks, 100 a second on Linux
    return String.format(Locale.ROOT, "%.1f %% (%.2f CPU-s of %.1f)", stealPercent(from, to), (to[0] - from[0]) / 100.0,
        (to[1] - from[1]) / 100.0);
  }

  /** Steal's share, in percent, of all CPU time between two readings of {@link #cpuTicks}; NaN if unknown. */
  private static double stealPercent(long[] from, long[] to) {
    if (from == null || to == null) {
      return Double.NaN;
    }
    long all = to[1] - from[1];
    return all == 0 ? 0.0 : 100.0 * (to[0] - from[0]) / all;
  }

  /** {@code [steal, all]} ticks of /proc/stat's summed {@code cpu} line; null where there is none. */
  private static long[] cpuTicks() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
        if (line.startsWith("cpu ")) {
          String[] f = line.trim().split("\\s+");
          // user nice system idle iowait irq softirq steal (guest time is already counted in user)
          long all = 0;
          for (int i = 1; i <= 8 && i < f.length; i++) {
            all += Long.parseLong(f[i]);
          }
          return new long[] {f.length > 8 ? Long.parseLong(f[8]) : 0, all};
        }
      }
    } catch (IOException e) {
      // not Linux: the report says steal is unknown
    }
    return null;
  }
}
