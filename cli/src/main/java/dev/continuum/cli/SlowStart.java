package dev.continuum.cli;

import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import dev.continuum.Server;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code plan --ramp STEPS}: the capacities that bring one new server in over STEPS equal steps, and
 * what each step moves. Capacities are integers, so when the newcomer's capacity is not a multiple of
 * STEPS every capacity is multiplied by {@code STEPS / gcd(capacity, STEPS)}; for ring and
 * bounded-load, pointsPerWeight is divided by the same factor when it divides the default 160, which
 * keeps every point (and every key) where it was. Step 0, the scaled fleet with the newcomer at
 * capacity 0, shows what the scaling itself moves.
 */
final class SlowStart {
  /** The ring's default points per unit of capacity. */
  private static final int POINTS_PER_WEIGHT = 160;
  private static final int MAX_STEPS = 1000;

  private final PlanCommand plan;

  SlowStart(PlanCommand plan) {
    this.plan = plan;
  }

  int plan(Fleet before, PrintWriter out) throws IOException {
    int steps = plan.ramp;
    if (steps < 1 || steps > MAX_STEPS) {
      throw new UserException("--ramp " + steps + ": give 1 to " + MAX_STEPS + " steps");
    }
    if (plan.add.size() != 1 || !plan.remove.isEmpty() || !plan.weight.isEmpty() || plan.to != null
        || plan.toAlgorithm != null || plan.toSeed != null || plan.toTotalDots != null) {
      throw new UserException("--ramp brings one new server in: give exactly one --add HOST:PORT:CAPACITY and no "
          + "other change");
    }
    if (plan.output.svg != null) {
      throw new UserException("--svg: plan --ramp draws no chart");
    }
    Algorithm algorithm = plan.algorithmOption.algorithm(before.implied);
    if (!algorithm.supportsSlowStart()) {
      List<String> able = new ArrayList<>();
      for (Algorithm a : Algorithm.values()) {
        if (a.supportsSlowStart()) {
          able.add(a.cliName());
        }
      }
      throw new UserException("--ramp: " + algorithm.cliName() + " cannot start a server slowly (raising one "
          + "server's capacity " + (algorithm.supportsWeights() ? "moves other servers' keys too" : "is not possible or moves nothing")
          + "); slow start works with " + String.join(", ", able));
    }
    Server newcomer = PlanCommand.parse("--add", plan.add.get(0));
    if (before.servers.contains(newcomer)) {
      throw new UserException("--add " + plan.add.get(0) + ": " + newcomer.hostPort() + " is already in the fleet");
    }
    int target = newcomer.capacity();
    if (target < 1) {
      throw new UserException("--add " + plan.add.get(0) + ": a ramp needs a capacity of at least 1 to reach");
    }
    int scale = steps / gcd(target, steps);
    List<Server> scaled = new ArrayList<>();
    try {
      for (Server s : before.servers) {
        scaled.add(s.withCapacity(Math.multiplyExact(s.capacity(), scale)));
      }
      Math.multiplyExact(target, scale);
    } catch (ArithmeticException e) {
      throw new UserException("--ramp " + steps + ": capacities times " + scale + " exceed " + Integer.MAX_VALUE);
    }
    boolean ring = algorithm == Algorithm.RING || algorithm == Algorithm.BOUNDED_LOAD;
    int givenPoints = plan.algorithmOption.pointsPerWeight != null ? plan.algorithmOption.pointsPerWeight : POINTS_PER_WEIGHT;
    Integer pointsPerWeight = ring && scale > 1 && givenPoints % scale == 0 ? givenPoints / scale : null;

    Continuum current = AlgorithmOption.build(algorithm, plan.algorithmOption.seed, null,
        plan.algorithmOption.avalancheFor(algorithm), null, plan.algorithmOption, before.servers);
    Keys keys = plan.sampling.keys();
    Report r = new Report(String.format("plan: slow start of %s over %d steps, algorithm %s", newcomer.hostPort(), steps,
        algorithm.cliName()));
    Report.Table t = r.table("steps",
        new String[] {"step", "capacity", "newcomer share", "moved", "moved onto newcomer", "moved elsewhere", "moved so far"},
        new Report.Kind[] {Report.Kind.INT, Report.Kind.INT, Report.Kind.FRACTION, Report.Kind.FRACTION,
          Report.Kind.FRACTION, Report.Kind.FRACTION, Report.Kind.FRACTION});
    Continuum previous = current;
    String basis = null;
    double elsewhere = 0;
    for (int step = 0; step <= steps; step++) {
      int capacity = target * scale / steps * step;
      List<Server> fleet = new ArrayList<>(scaled);
      fleet.add(newcomer.withCapacity(capacity));
      Continuum next = build(algorithm, fleet, pointsPerWeight);
      Measure.Moves stepMoves = moves(previous, next, keys, "step " + step);
      Measure.Moves sofar = moves(current, next, keys, "so far");
      int n = Measure.indexOf(stepMoves.servers).get(newcomer);
      double onto = stepMoves.gained(n);
      elsewhere = Math.max(elsewhere, stepMoves.moved() - onto);
      t.row(step, capacity, stepMoves.after(n), stepMoves.moved(), onto, stepMoves.moved() - onto, sofar.moved());
      basis = stepMoves.exact() ? "exact: from the arcs of both rings" : stepMoves.keys.description;
      previous = next;
    }
    r.put("algorithm", "algorithm", Report.Kind.TEXT, algorithm.cliName())
        .put("newcomer", "newcomer", Report.Kind.TEXT, newcomer.hostPort())
        .put("capacity", "capacity to reach (scaled)", Report.Kind.INT, target * scale)
        .put("steps", "steps", Report.Kind.INT, steps)
        .put("scale", "every capacity multiplied by", Report.Kind.INT, scale)
        .put("points_per_weight", "ring points per unit of capacity", Report.Kind.TEXT,
            !ring ? "-" : pointsPerWeight != null ? pointsPerWeight + " (keeps every point)" : givenPoints + "")
        .put("basis", "movement", Report.Kind.TEXT, basis)
        .put("moved_elsewhere", "largest step share moved elsewhere", Report.Kind.FRACTION, elsewhere);
    if (scale > 1) {
      r.note(String.format("Capacities are integers, so every server's capacity is multiplied by %d for %d equal "
          + "steps; step 0 is the scaled fleet with %s at capacity 0.", scale, steps, newcomer.hostPort()));
    }
    r.print(out, plan.output.format);
    return 0;
  }

  private Continuum build(Algorithm algorithm, List<Server> servers, Integer pointsPerWeight) {
    Continuum.Builder b = Continuum.builder(algorithm);
    plan.algorithmOption.tune(b);
    if (plan.algorithmOption.seed != null) {
      b.seed(plan.algorithmOption.seed);
    }
    if (pointsPerWeight != null) {
      b.pointsPerWeight(pointsPerWeight);
    }
    Continuum c = b.build();
    c.addServers(servers);
    return c;
  }

  private Measure.Moves moves(Continuum a, Continuum b, Keys keys, String what) {
    try (Progress p = Progress.start(plan.spec.commandLine().getErr(), "placing keys, " + what, keys.count())) {
      return Measure.moves(a, b, keys, plan.sampling.forceCounting(), p);
    }
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
