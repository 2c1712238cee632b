package dev.continuum.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import dev.continuum.KeySpace;
import dev.continuum.Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plan --to-algorithm} (a change of algorithm or dialect, alone or with a change of the fleet)
 * and {@code plan --ramp} (slow start). Moved shares are checked against placements counted key by
 * key, and the ramp's promise (nothing moves elsewhere than onto the newcomer) against the step
 * capacities it prints.
 */
class PlanAcrossAlgorithmsTest {
  private static final String[] POOL = {"--twemproxy", Cli.example("nutcracker.yml"), "--pool", "cache"};

  private static Cli ok(String... args) {
    Cli r = Cli.run(args);
    assertThat(r.code).as(r.err).isZero();
    return r;
  }

  private static String[] args(String[] first, String... rest) {
    List<String> out = new ArrayList<>(List.of("plan"));
    out.addAll(List.of(first));
    out.addAll(List.of(rest));
    return out.toArray(new String[0]);
  }

  /** The pool "cache" of nutcracker.yml, as the library builds it. */
  private static List<Server> pool() {
    List<Server> out = new ArrayList<>();
    String[] names = {"cache-a", "cache-b", "cache-c", "cache-d", "cache-e", "cache-f"};
    int[] weights = {1, 1, 1, 2, 2, 1};
    for (int i = 0; i < 6; i++) {
      out.add(Server.of("10.0.1." + (i + 1), 11211, weights[i]).withName(names[i]));
    }
    return out;
  }

  private static double movedByCounting(Continuum a, Continuum b, List<String> keys) {
    int moved = 0;
    for (String k : keys) {
      moved += a.resolve(k).equals(b.resolve(k)) ? 0 : 1;
    }
    return moved / (double) keys.size();
  }

  private static List<String> keys(int n) {
    List<String> keys = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      keys.add("user:" + i + ":profile");
    }
    return keys;
  }

  @Test
  void aTwemproxyPoolToClientSideJumpOverYourKeysIsCountedKeyByKey(@TempDir Path dir) throws Exception {
    List<String> keys = keys(20_000);
    Path file = dir.resolve("keys.txt");
    Files.write(file, keys);
    Cli r = ok(args(POOL, "--to-algorithm", "jump", "--keys-file", file.toString(), "--format", "json"));
    Continuum before = new Continuum(Algorithm.TWEMPROXY_MD5);
    before.addServers(pool());
    Continuum after = new Continuum(Algorithm.JUMP);
    for (Server s : pool()) {
      after.addServer(s.withCapacity(1));
    }
    assertThat(r.jsonNumber("moved")).isCloseTo(movedByCounting(before, after, keys), within(1e-9));
    assertThat(r.out).contains("twemproxy-md5 -> jump").contains("replayed: 20,000 keys from").contains(before.fingerprint())
        .contains(after.fingerprint());
    assertThat(r.out).contains("jump has no weights: planned with capacity 1 for 10.0.1.4:11211 (2), 10.0.1.5:11211 (2)");
    // The minimum any placement must move: weights 1,1,1,2,2,1 of 8 become six equal shares.
    assertThat(r.jsonNumber("minimum")).isCloseTo(2 * (2.0 / 8 - 1.0 / 6), within(1e-12));
  }

  @Test
  void twoRingsOverTheSameKeyHashAreComparedExactlyAndAgreeWithCounting() {
    Cli exact = ok(args(POOL, "--to-algorithm", "libmemcached-ketama-weighted", "--add", "10.0.1.7:11211",
        "--format", "json"));
    assertThat(exact.out).contains("exact: from the arcs of both rings");
    Continuum before = new Continuum(Algorithm.TWEMPROXY_MD5);
    before.addServers(pool());
    Continuum after = new Continuum(Algorithm.LIBMEMCACHED_KETAMA_WEIGHTED);
    after.addServers(pool());
    after.addServer(Server.of("10.0.1.7", 11211));
    assertThat(before.keySpace().get().keyHash()).isEqualTo("md5").isEqualTo(after.keySpace().get().keyHash());
    // Exact over the 2^32 hashes against 300,000 keys counted one by one: within sampling error.
    assertThat(exact.jsonNumber("moved")).isCloseTo(movedByCounting(before, after, keys(300_000)), within(0.004));
    assertThat(exact.jsonNumber("moved")).isGreaterThan(0.5); // different ring names: unrelated rings
    // The exact figure is a sum of arcs: the command's own --sample agrees with it too.
    Cli sampled = ok(args(POOL, "--to-algorithm", "libmemcached-ketama-weighted", "--add", "10.0.1.7:11211",
        "--sample", "--keys", "300000", "--format", "json"));
    assertThat(sampled.jsonNumber("moved")).isCloseTo(exact.jsonNumber("moved"), within(0.004));
  }

  @Test
  void aNewFleetAndANewAlgorithmAtOnceWithItsChart(@TempDir Path dir) throws Exception {
    Path svg = dir.resolve("plan.svg");
    Cli r = ok("plan", "--servers", Cli.example("fleet.txt"), "--algorithm", "twemproxy-md5", "--to",
        Cli.example("fleet-after.txt"), "--to-algorithm", "rendezvous", "--to-seed", "7", "--keys", "100000",
        "--svg", svg.toString(), "--format", "json");
    Continuum before = new Continuum(Algorithm.TWEMPROXY_MD5);
    before.addServers(Cli.exampleFleet());
    Continuum after = Continuum.builder(Algorithm.RENDEZVOUS).seed(7).build();
    after.addServers(dev.continuum.ServerList.read(Cli.EXAMPLES.resolve("fleet-after.txt")));
    assertThat(r.out).contains("twemproxy-md5 -> rendezvous").contains(after.fingerprint());
    assertThat(r.jsonNumber("moved")).isCloseTo(movedByCounting(before, after, keys(100_000)), within(0.01));
    assertThat(Files.readString(svg)).startsWith("<svg").contains("twemproxy-md5 -&gt; rendezvous");
  }

  @Test
  void ringsOverDifferentKeyHashesAreSampledAndTheReportSaysWhy() {
    Cli r = ok(args(POOL, "--to-algorithm", "twemproxy", "--keys", "100000"));
    assertThat(r.out).contains("sampled: 100,000 pseudo-random keys")
        .contains("over different key hashes, md5 and twemproxy-fnv1a_64");
    Cli seed = ok("plan", "--servers", Cli.example("fleet.txt"), "--algorithm", "ring", "--to-seed", "7",
        "--keys", "100000");
    assertThat(seed.out).contains("xxh64-high32-seed-0 and xxh64-high32-seed-7");
  }

  @Test
  void sameAlgorithmAndOptionsWithoutAChangeIsStillNothingToPlan() {
    Cli r = Cli.run("plan", "--servers", Cli.example("fleet.txt"));
    assertThat(r.code).isEqualTo(Main.USAGE);
    assertThat(r.err).contains("nothing to plan").contains("--to-algorithm");
    Cli bad = Cli.run(args(POOL, "--to-algorithm", "jum"));
    assertThat(bad.code).isEqualTo(Main.USAGE);
    assertThat(bad.err).contains("unknown algorithm \"jum\"; did you mean jump?");
  }

  /** Reads the steps table of {@code plan --ramp --format tsv}: one row of numbers per step. */
  private static List<double[]> steps(Cli r) {
    List<double[]> rows = new ArrayList<>();
    for (String line : r.out.split("\n")) {
      if (!line.isEmpty() && Character.isDigit(line.charAt(0))) {
        String[] cells = line.split("\t");
        double[] row = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
          row[i] = Double.parseDouble(cells[i]);
        }
        rows.add(row);
      }
    }
    return rows;
  }

  @Test
  void aRingRampMovesKeysOnlyOntoTheNewcomerInEqualCapacitySteps() {
    Cli r = ok("plan", "--servers", Cli.example("fleet.txt"), "--algorithm", "ring", "--add", "10.0.1.7:11211:2",
        "--ramp", "4", "--format", "tsv");
    List<double[]> rows = steps(r);
    assertThat(rows).hasSize(5);
    for (int step = 0; step <= 4; step++) {
      double[] row = rows.get(step);
      assertThat(row[0]).isEqualTo(step);
      assertThat(row[1]).isEqualTo(step); // capacities doubled: 2 in four steps of 1 (half a unit each)
      assertThat(row[5]).as("moved elsewhere at step %d", step).isZero();
      assertThat(row[3]).isEqualTo(row[4]);
    }
    assertThat(rows.get(0)[3]).as("scaling with pointsPerWeight 80 moves nothing").isZero();
    // Exact: the newcomer's final share is the share of its arcs in the final ring.
    Continuum last = Continuum.builder(Algorithm.RING).pointsPerWeight(80).build();
    for (Server s : Cli.exampleFleet()) {
      last.addServer(s.withCapacity(2 * s.capacity()));
    }
    last.addServer(Server.of("10.0.1.7", 11211, 4));
    KeySpace ks = last.keySpace().get();
    assertThat(rows.get(4)[2]).isCloseTo(ks.share(ks.servers().indexOf(Server.of("10.0.1.7", 11211))), within(1e-9));
    assertThat(rows.get(4)[6]).isCloseTo(rows.get(4)[2], within(1e-9));
  }

  @Test
  void aRendezvousRampMovesOnlyOntoTheNewcomerToo() {
    Cli r = ok("plan", "--servers", Cli.example("fleet.txt"), "--algorithm", "rendezvous", "--add",
        "10.0.1.7:11211:3", "--ramp", "3", "--keys", "100000", "--format", "tsv");
    List<double[]> rows = steps(r);
    assertThat(rows).hasSize(4);
    for (double[] row : rows) {
      assertThat(row[5]).isZero();
    }
    // Capacity 3 in 3 steps needs no scaling; the newcomer ends near 3/11 of the keys.
    assertThat(rows.get(3)[1]).isEqualTo(3);
    assertThat(rows.get(3)[2]).isCloseTo(3.0 / 11, within(0.01));
  }

  @Test
  void aRampIsRefusedWhereACapacityStepMovesOtherKeys() {
    Cli maglev = Cli.run("plan", "--servers", Cli.example("fleet.txt"), "--algorithm", "maglev", "--add",
        "10.0.1.7:11211:2", "--ramp", "2");
    assertThat(maglev.code).isEqualTo(Main.USAGE);
    assertThat(maglev.err).contains("maglev cannot start a server slowly")
        .contains("slow start works with ring, rendezvous, multi-probe, bounded-load");
    Cli pool = Cli.run(args(POOL, "--add", "10.0.1.7:11211:2", "--ramp", "2"));
    assertThat(pool.code).isEqualTo(Main.USAGE);
    assertThat(pool.err).contains("twemproxy-md5 cannot start a server slowly");
    Cli two = Cli.run("plan", "--servers", Cli.example("fleet.txt"), "--algorithm", "ring", "--add",
        "10.0.1.7:11211:2", "--add", "10.0.1.8:11211", "--ramp", "2");
    assertThat(two.code).isEqualTo(Main.USAGE);
    assertThat(two.err).contains("exactly one --add");
  }
}
