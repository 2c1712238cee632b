package dev.continuum.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanningCommandsTest {
  @TempDir Path tmp;

  /**
   * Exact movement from the arcs against counting 1,000,000 keys. The count is binomial: its standard
   * deviation is at most 0.0005, so 0.0025 is five of them.
   */
  @Test
  void planExactMoveFractionMatchesOneMillionCountedKeys() {
    String[] base = {"plan", "--servers", Cli.example("fleet.txt"), "--to", Cli.example("fleet-after.txt"), "--format", "json"};
    Cli exact = Cli.run(base);
    List<String> sampled = new ArrayList<>(List.of(base));
    sampled.addAll(List.of("--sample", "--keys", "1000000"));
    Cli counted = Cli.run(sampled.toArray(new String[0]));
    assertThat(exact.code).as(exact.toString()).isZero();
    assertThat(counted.code).as(counted.toString()).isZero();
    assertThat(exact.out).contains("exact: from the arcs of both rings");
    assertThat(counted.out).contains("sampled: 1,000,000 pseudo-random keys");
    assertThat(exact.jsonNumber("moved")).isCloseTo(counted.jsonNumber("moved"), within(0.0025));
    assertThat(exact.jsonNumber("moved")).isGreaterThan(exact.jsonNumber("minimum"));
    // The minimum by weights: cache-b's 1/8 leaves, cache-g gets 2/9; the others shrink from their
    // old to their new ideal: what must move is what cache-g receives, 2/9.
    assertThat(exact.jsonNumber("minimum")).isCloseTo(2.0 / 9, within(1e-12));
  }

  /**
   * History-dependent algorithms are planned by applying the change to the current state: removing one
   * of ten servers from memento moves only its tenth of the keys (a fresh build of the nine would move
   * about half). Jump moves the removed server's keys, and the last server takes over the removed slot:
   * its own keys spread over nine buckets, of which only the one in its new slot stays, so
   * 1/10 + 1/10 * 8/9 moves.
   */
  @Test
  void planAppliesTheChangeForHistoryDependentAlgorithms() {
    List<String> args = new ArrayList<>(List.of("plan", "--format", "json", "--keys", "200000", "--remove", "10.0.0.5:11211"));
    for (int i = 1; i <= 10; i++) {
      args.addAll(List.of("--server", "10.0.0." + i + ":11211"));
    }
    List<String> memento = new ArrayList<>(args);
    memento.addAll(List.of("--algorithm", "memento"));
    Cli m = Cli.run(memento.toArray(new String[0]));
    assertThat(m.code).as(m.toString()).isZero();
    assertThat(m.jsonNumber("moved")).isCloseTo(0.1, within(0.005));
    List<String> jump = new ArrayList<>(args);
    jump.addAll(List.of("--algorithm", "jump"));
    Cli j = Cli.run(jump.toArray(new String[0]));
    assertThat(j.code).as(j.toString()).isZero();
    assertThat(j.jsonNumber("moved")).isCloseTo(0.1 + 0.1 * 8 / 9, within(0.005));
  }

  @Test
  void planEditsEqualTheSameChangeAsAFile() throws IOException {
    Cli edits = Cli.run("plan", "--servers", Cli.example("fleet.txt"), "--remove", "10.0.1.2:11211",
        "--add", "10.0.1.7:11211:2", "--format", "tsv");
    Cli file = Cli.run("plan", "--servers", Cli.example("fleet.txt"), "--to", Cli.example("fleet-after.txt"), "--format", "tsv");
    assertThat(edits.code).as(edits.toString()).isZero();
    assertThat(tables(edits.out)).isEqualTo(tables(file.out));
    Cli reweight = Cli.run("plan", "--servers", Cli.example("fleet.txt"), "--weight", "10.0.1.4:11211=1", "--format", "json");
    assertThat(reweight.code).as(reweight.toString()).isZero();
    // cache-d from 2/8 to 1/7: the minimum is what the five others gain.
    assertThat(reweight.jsonNumber("minimum")).isCloseTo(0.25 - 1.0 / 7, within(1e-12));
  }

  /** Everything but the '#' summary (whose title names the change). */
  private static String tables(String tsv) {
    StringBuilder b = new StringBuilder();
    for (String line : tsv.split("\n")) {
      if (!line.startsWith("# plan")) {
        b.append(line).append('\n');
      }
    }
    return b.toString();
  }

  @Test
  void planReplaysRealKeysAndCountsThem() throws IOException {
    Path keys = tmp.resolve("keys.txt");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 20000; i++) {
      lines.add("user:" + i);
    }
    Files.write(keys, lines);
    Cli r = Cli.run("plan", "--servers", Cli.example("fleet.txt"), "--add", "10.0.1.7:11211", "--keys-file", keys.toString(),
        "--format", "csv");
    assertThat(r.code).as(r.toString()).isZero();
    assertThat(r.out).contains("replayed: 20,000 keys from " + keys);
    // Count the moves independently with the library.
    Continuum before = new Continuum();
    before.addServers(Cli.exampleFleet());
    Continuum after = new Continuum();
    after.addServers(Cli.exampleFleet());
    after.addServer("10.0.1.7", 11211);
    int moved = 0;
    for (String k : lines) {
      moved += before.resolve(k).equals(after.resolve(k)) ? 0 : 1;
    }
    assertThat(r.out).contains("10.0.1.7:11211,,1,0,");
    assertThat(r.out).contains(String.format("# moved: %s", new java.math.BigDecimal(moved / 20000.0)
            .round(new java.math.MathContext(12)).stripTrailingZeros().toPlainString()));
  }

  @Test
  void balanceExactSharesMatchOneMillionSampledKeys() {
    Cli exact = Cli.run("balance", "--servers", Cli.example("fleet.txt"), "--format", "tsv");
    Cli sampled = Cli.run("balance", "--servers", Cli.example("fleet.txt"), "--format", "tsv", "--sample");
    assertThat(exact.code).as(exact.toString()).isZero();
    assertThat(sampled.out).contains("sampled: 1,000,000 pseudo-random keys");
    List<String[]> a = rows(exact.out);
    List<String[]> b = rows(sampled.out);
    assertThat(a).hasSize(6);
    double total = 0;
    for (int i = 0; i < a.size(); i++) {
      double e = Double.parseDouble(a.get(i)[3]);
      total += e;
      // Binomial standard deviation of a share near 1/4 over 10^6 keys: under 0.00044.
      assertThat(Double.parseDouble(b.get(i)[3])).isCloseTo(e, within(0.0022));
    }
    assertThat(total).isCloseTo(1.0, within(1e-9));
  }

  private static List<String[]> rows(String tsv) {
    List<String[]> rows = new ArrayList<>();
    for (String line : tsv.split("\n")) {
      if (!line.startsWith("#") && !line.startsWith("server\t")) {
        rows.add(line.split("\t"));
      }
    }
    return rows;
  }

  @Test
  void theThreeInputFormatsDescribeTheSameFleet() {
    Cli plain = Cli.run("balance", "--servers", Cli.example("fleet.txt"), "--format", "tsv");
    Cli ketama = Cli.run("balance", "--libketama", Cli.example("ketama.servers"), "--algorithm", "python-continuum", "--format", "tsv");
    Cli yaml = Cli.run("balance", "--twemproxy", Cli.example("nutcracker.yml"), "--pool", "cache",
        "--algorithm", "python-continuum", "--format", "tsv");
    for (Cli c : List.of(plain, ketama, yaml)) {
      assertThat(c.code).as(c.toString()).isZero();
    }
    // python-continuum ignores names, which libketama files do not carry: compare host, weight, shares.
    List<String[]> p = rows(plain.out);
    for (Cli other : List.of(ketama, yaml)) {
      List<String[]> o = rows(other.out);
      assertThat(o).hasSameSizeAs(p);
      for (int i = 0; i < p.size(); i++) {
        assertThat(o.get(i)[0]).isEqualTo(p.get(i)[0]);
        assertThat(o.get(i)[2]).isEqualTo(p.get(i)[2]);
        assertThat(o.get(i)[3]).isEqualTo(p.get(i)[3]);
      }
    }
    assertThat(yaml.out).contains("cache-d");
  }

  @Test
  void inputFilesImplyTheirDialect() {
    Cli yaml = Cli.run("balance", "--twemproxy", Cli.example("nutcracker.yml"), "--pool", "cache");
    Cli sessions = Cli.run("balance", "--twemproxy", Cli.example("nutcracker.yml"), "--pool", "sessions");
    Cli ketama = Cli.run("balance", "--libketama", Cli.example("ketama.servers"));
    // Before the dialects are implemented the commands name the dialect they would use.
    assertThat(yaml.out + yaml.err).contains("twemproxy-md5");
    assertThat(sessions.out + sessions.err).containsPattern("algorithm twemproxy\\b|twemproxy: not implemented");
    assertThat(ketama.out + ketama.err).contains("libmemcached-ketama-weighted");
  }

  @Test
  void everyFormatCarriesTheSameTable() {
    Cli text = Cli.run("balance", "--servers", Cli.example("servers.txt"));
    Cli json = Cli.run("balance", "--servers", Cli.example("servers.txt"), "--format", "json");
    Cli csv = Cli.run("balance", "--servers", Cli.example("servers.txt"), "--format", "csv");
    assertThat(text.out).contains("peak-to-mean").contains("192.168.0.3:8080").contains("exact: from the ring's");
    assertThat(json.out.strip()).startsWith("{").endsWith("}");
    assertThat(json.jsonNumber("server_count")).isEqualTo(3);
    assertThat(csv.out).contains("server,name,weight,share,ideal,share_over_ideal");
    assertThat(csv.out.lines().filter(l -> l.startsWith("192.168.0.")).count()).isEqualTo(3);
  }

  @Test
  void svgChartsAreWellFormedForFewAndManyServers() throws Exception {
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      big.append("10.").append(i / 256).append('.').append(i % 256).append(".1:11211 ").append(1 + i % 2).append('\n');
    }
    Path bigFleet = Files.writeString(tmp.resolve("big.txt"), big);
    for (String fleet : List.of(Cli.example("fleet.txt"), bigFleet.toString())) {
      Path b = tmp.resolve("b.svg");
      Path p = tmp.resolve("p.svg");
      assertThat(Cli.run("balance", "--servers", fleet, "--total-dots", "160000", "--svg", b.toString()).code).isZero();
      assertThat(Cli.run("plan", "--servers", fleet, "--total-dots", "160000", "--add", "10.9.9.9:11211", "--svg", p.toString()).code)
          .isZero();
      for (Path svg : List.of(b, p)) {
        String text = Files.readString(svg);
        parse(text);
        assertThat(text).contains("<svg").doesNotContain("<script").doesNotContain("href=");
      }
      assertThat(Files.readString(b)).contains("ideal");
      assertThat(Files.readString(p)).contains("moved in");
    }
    Path c = tmp.resolve("c.svg");
    Cli compare = Cli.run("compare", "--fleet-sizes", "10,20", "--keys", "2000", "--algorithm", "python-continuum", "--svg", c.toString());
    assertThat(compare.code).as(compare.toString()).isZero();
    parse(Files.readString(c));
    assertThat(Files.readString(c)).contains("python-continuum").contains("peak-to-mean");
  }

  private static void parse(String xml) throws Exception {
    DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes("UTF-8")));
  }

  @Test
  void compareMeasuresEveryAlgorithm() {
    Cli r = Cli.run("compare", "--fleet-sizes", "10,50", "--keys", "5000", "--format", "tsv");
    assertThat(r.code).as(r.toString()).isZero();
    for (Algorithm a : Algorithm.values()) {
      assertThat(r.out).contains("\n" + a.cliName() + "\t10\t").contains("\n" + a.cliName() + "\t50\t");
    }
    assertThat(r.out).doesNotContain("not measured");
    // python-continuum at N = 10: exact, and the ideal movement columns are 1/11 and 1/10.
    String row = r.out.lines().filter(l -> l.startsWith("python-continuum\t10\t")).findFirst().orElseThrow();
    String[] f = row.split("\t");
    assertThat(Double.parseDouble(f[5])).isCloseTo(1.0 / 11, within(1e-9));
    assertThat(Double.parseDouble(f[7])).isCloseTo(0.1, within(1e-9));
    assertThat(Double.parseDouble(f[4])).isBetween(1.0 / 11, 0.5);
    assertThat(f[10]).isEqualTo("exact");
  }
}
