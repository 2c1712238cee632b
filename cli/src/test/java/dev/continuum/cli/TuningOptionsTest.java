package dev.continuum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import dev.continuum.Server;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --points-per-weight}, {@code --probes} and {@code --table-size}: the library builder's
 * options on the command line. Each places exactly as the library built with that option (and not as
 * the default), and a bad value stops the command at once, in one line, with exit 2.
 */
class TuningOptionsTest {
  @TempDir Path dir;

  private static final String[] SERVERS = {"10.0.0.1:11211:1", "10.0.0.2:11211:2", "10.0.0.3:11211:3", "10.0.0.4:11211:1"};

  /** What the command prints for keys k0..k199 with {@code options}. */
  private static String resolve(String algorithm, String... options) {
    List<String> args = new ArrayList<>(List.of("resolve", "--algorithm", algorithm));
    for (String s : SERVERS) {
      args.add("--server");
      args.add(s);
    }
    args.addAll(List.of(options));
    for (int i = 0; i < 200; i++) {
      args.add("k" + i);
    }
    Cli r = Cli.run(args.toArray(new String[0]));
    assertThat(r.code).as(r.toString()).isZero();
    return r.out;
  }

  /** The same lines from the library itself, built with {@code tune}. */
  private static String library(Algorithm algorithm, UnaryOperator<Continuum.Builder> tune) {
    Continuum c = tune.apply(Continuum.builder(algorithm)).build();
    for (String s : SERVERS) {
      c.addServer(Server.parse(s));
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      out.append("k").append(i).append(" -> ").append(c.resolve("k" + i).hostPort()).append('\n');
    }
    return out.toString();
  }

  @Test
  void eachOptionPlacesAsTheLibraryBuiltWithIt() {
    assertThat(resolve("ring", "--points-per-weight", "7"))
        .isEqualTo(library(Algorithm.RING, b -> b.pointsPerWeight(7)))
        .isNotEqualTo(library(Algorithm.RING, b -> b));
    assertThat(resolve("bounded-load", "--points-per-weight", "7"))
        .isEqualTo(library(Algorithm.BOUNDED_LOAD, b -> b.pointsPerWeight(7)));
    assertThat(resolve("dubbo", "--points-per-weight", "8"))
        .isEqualTo(library(Algorithm.DUBBO, b -> b.pointsPerWeight(8)))
        .isNotEqualTo(library(Algorithm.DUBBO, b -> b));
    assertThat(resolve("multi-probe", "--probes", "2"))
        .isEqualTo(library(Algorithm.MULTI_PROBE, b -> b.probes(2)))
        .isNotEqualTo(library(Algorithm.MULTI_PROBE, b -> b));
    assertThat(resolve("maglev", "--table-size", "13"))
        .isEqualTo(library(Algorithm.MAGLEV, b -> b.tableSize(13)))
        .isNotEqualTo(library(Algorithm.MAGLEV, b -> b));
  }

  private static void assertOneLine(Cli r, String expected) {
    assertThat(r.code).as(r.toString()).isEqualTo(2);
    assertThat(r.out).isEmpty();
    assertThat(r.err).isEqualTo(expected + "\n");
  }

  /** A bad value is rejected as it is parsed: before the (missing) servers file is read. */
  @Test
  void badValuesAreOneLineAndExitTwoBeforeAnyFileIsRead() {
    String missing = dir.resolve("missing.txt").toString();
    assertOneLine(Cli.run("resolve", "--servers", missing, "--probes", "0", "k"),
        "continuum: Invalid value for option '--probes': probes must be in 1..1024, got 0 (see 'continuum resolve --help')");
    assertOneLine(Cli.run("resolve", "--servers", missing, "--points-per-weight", "65537", "k"),
        "continuum: Invalid value for option '--points-per-weight': pointsPerWeight must be in 1..65536, got 65537"
            + " (see 'continuum resolve --help')");
    assertOneLine(Cli.run("balance", "--servers", missing, "--table-size", "1000"),
        "continuum: Invalid value for option '--table-size': tableSize must be prime, got 1000 (e.g. 65537, 655373)"
            + " (see 'continuum balance --help')");
    assertOneLine(Cli.run("plan", "--servers", missing, "--table-size", "many", "--add", "h:1"),
        "continuum: Invalid value for option '--table-size': 'many' is not a whole number (see 'continuum plan --help')");
    assertOneLine(Cli.run("resolve", "--servers", missing, "--total-dots", "0", "k"),
        "continuum: Invalid value for option '--total-dots': totalDots must be at least 1, got 0"
            + " (see 'continuum resolve --help')");
  }

  @Test
  void anOptionTheAlgorithmDoesNotTakeIsOneLineAndExitTwo() {
    assertOneLine(Cli.run("resolve", "--algorithm", "ring", "--server", "a:1", "--probes", "5", "k"),
        "continuum: probes does not apply to algorithm ring");
    assertOneLine(Cli.run("resolve", "--algorithm", "maglev", "--server", "a:1", "--points-per-weight", "5", "k"),
        "continuum: pointsPerWeight does not apply to algorithm maglev");
  }

  @Test
  void everyCommandThatTakesAnAlgorithmDocumentsThem() {
    for (String command : List.of("resolve", "balance", "plan", "fingerprint")) {
      Cli help = Cli.run(command, "--help");
      assertThat(help.out).as(command).contains("--points-per-weight=N", "--probes=N", "--table-size=N");
    }
  }
}
