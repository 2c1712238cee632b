package dev.continuum.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import dev.continuum.Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** What the command line claims is true, says what it does, and reads the same everywhere. */
class CommandLineConventionsTest {
  @TempDir Path dir;

  private Path fleet(int n) throws Exception {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append("10.").append(i >> 16 & 255).append('.').append(i >> 8 & 255).append('.').append(i & 255).append(":11211\n");
    }
    return Files.writeString(dir.resolve("s" + n + ".txt"), b);
  }

  @Test
  void pythonContinuumSaysWhenServersGetTooFewDots() throws Exception {
    Cli many = Cli.run("resolve", "--servers", fleet(500).toString(), "a", "b", "c");
    assertThat(many.code).as(many.toString()).isZero();
    assertThat(many.err).isEqualTo("continuum: python-continuum shares --total-dots 1,000 among 500 servers: 500 of them "
        + "get fewer than 4 dots, so none hashed onto the ring (python-continuum puts a remainder below 4 at positions "
        + "0, 1, 2) and almost no keys; keys are unevenly spread (as python-continuum does); --total-dots 80000 gives "
        + "each server at least 160\n");
    assertThat(many.out).isEqualTo("a -> 10.0.0.0:11211\nb -> 10.0.0.0:11211\nc -> 10.0.0.0:11211\n"); // faithful
    Cli enough = Cli.run("resolve", "--servers", fleet(500).toString(), "--total-dots", "80000", "a");
    assertThat(enough.err).isEmpty();
    Cli few = Cli.run("resolve", "--servers", fleet(10).toString(), "a");
    assertThat(few.err).isEmpty();
    Cli empty = Cli.run("resolve", "--servers", fleet(1001).toString(), "a");
    assertThat(empty.code).isEqualTo(2);
    assertThat(empty.err).isEqualTo("continuum: empty continuum: python-continuum shares --total-dots 1,000 among the "
        + "servers by weight, (int) (1000 * weight / 1,001), and that is 0 for each of the 1,001 servers; "
        + "--total-dots 160160 gives each server at least 160\n");
  }

  @Test
  void anEmptyContinuumSaysWhy() {
    for (String algorithm : new String[] {"ring", "python-continuum", "maglev"}) {
      Cli r = Cli.run("resolve", "--algorithm", algorithm, "--server", "a:1:0", "k");
      assertThat(r.code).isEqualTo(2);
      assertThat(r.err).as(algorithm).isEqualTo("continuum: empty continuum: no server can take keys (every server has "
          + "weight 0, or the algorithm gave none a point)\n");
    }
  }

  /** The weights column of 'algorithms' agrees with what each algorithm does with a 1:3 fleet. */
  @Test
  void theWeightsClaimIsTrueForEveryAlgorithm() {
    Cli list = Cli.run("algorithms", "--format", "tsv");
    for (Algorithm a : Algorithm.values()) {
      String row = list.out.lines().filter(l -> l.startsWith(a.cliName() + "\t")).findFirst().orElseThrow();
      boolean claimed = Boolean.parseBoolean(row.split("\t")[1]);
      assertThat(claimed).as(a.cliName()).isEqualTo(a.supportsWeights());
      // HAProxy's sdbm and djb2 leave keys as alike as "key-1", "key-2" clustered unless avalanched (as a
      // bare "hash-type consistent" is): shares are measured with the modifier on.
      Continuum c = a.options().contains("avalanche") ? Continuum.builder(a).avalanche(true).build()
          : Continuum.builder(a).build();
      Server light = Server.of("10.0.0.1", 11211, 1);
      Server heavy = Server.of("10.0.0.2", 11211, 3);
      try {
        c.addServers(light, heavy);
      } catch (IllegalArgumentException rejected) {
        assertThat(claimed).as(a.cliName() + " rejects weights: " + rejected.getMessage()).isFalse();
        continue;
      }
      // Random keys: sequential ones ("key-1", "key-2") hash into one narrow range under the plain
      // string hashes of some dialects (HAProxy's djb2), which says nothing about weights.
      java.util.SplittableRandom random = new java.util.SplittableRandom(5);
      int onHeavy = 0;
      int keys = 20_000;
      for (int i = 0; i < keys; i++) {
        onHeavy += c.resolve(Long.toHexString(random.nextLong())).equals(heavy) ? 1 : 0;
      }
      assertThat(onHeavy / (double) keys).as(a.cliName()).isCloseTo(claimed ? 0.75 : 0.5, within(0.1));
    }
  }

  @Test
  void balanceIdealsFollowWhatTheAlgorithmDoesWithWeights() throws Exception {
    Cli py = Cli.run("balance", "--algorithm", "pymemcache", "--server", "a:1:1", "--server", "b:1:100", "--format", "json");
    assertThat(py.code).as(py.toString()).isZero();
    assertThat(py.out).contains("\"ideal\": 0.5, \"share_over_ideal\"").contains("pymemcache ignores weights");
    Path ketama = Files.writeString(dir.resolve("ketama.servers"), "10.0.0.1:11211\t0\n10.0.0.2:11211\t1\n");
    Cli lm = Cli.run("balance", "--libketama", ketama.toString(), "--format", "tsv");
    assertThat(lm.code).as(lm.toString()).isZero();
    assertThat(lm.out).contains("treats weight 0 as 1");
    for (String line : lm.out.lines().filter(l -> l.startsWith("10.0.0.")).toList()) {
      String[] f = line.split("\t", -1);
      assertThat(Double.parseDouble(f[4])).as(line).isEqualTo(0.5);
      assertThat(Double.parseDouble(f[3])).as(line).isCloseTo(0.5, within(0.15));
    }
    // The rule is the library's (Algorithm.effectiveCapacity): other weighted dialects read 0 as 0.
    Cli ha = Cli.run("balance", "--algorithm", "haproxy-sdbm", "--server", "10.0.0.1:80:0", "--server", "10.0.0.2:80:1",
        "--format", "tsv");
    assertThat(ha.code).as(ha.toString()).isZero();
    assertThat(ha.out).doesNotContain("treats weight 0 as 1");
    for (String line : ha.out.lines().filter(l -> l.startsWith("10.0.0.")).toList()) {
      String[] f = line.split("\t", -1);
      double ideal = line.startsWith("10.0.0.1") ? 0 : 1;
      assertThat(Double.parseDouble(f[4])).as(line).isEqualTo(ideal);
      assertThat(Double.parseDouble(f[3])).as(line).isEqualTo(ideal);
    }
  }

  @Test
  void theExampleServersNoticeGivesEachWeight() {
    Cli r = Cli.run("resolve", "k");
    assertThat(r.err).isEqualTo("continuum: no servers given; using the example servers 192.168.0.1:8080 (weight 1), "
        + "192.168.0.2:8080 (weight 1) and 192.168.0.3:8080 (weight 2)\n");
  }

  @Test
  void misspellingsGetTheNearestName() {
    assertThat(Cli.run("resolv").err)
        .isEqualTo("continuum: unknown command 'resolv'; did you mean resolve? (see 'continuum --help')\n");
    assertThat(Cli.run("resolve", "--algorithm", "pythn-continuum", "--server", "a:1", "k").err)
        .isEqualTo("continuum: unknown algorithm \"pythn-continuum\"; did you mean python-continuum? "
            + "('continuum algorithms' lists them all)\n");
    assertThat(Cli.run("plan", "--servers", Cli.example("fleet.txt"), "--too", "x").err)
        .isEqualTo("continuum: unknown option --too; did you mean --to? (see 'continuum plan --help')\n");
    assertThat(Cli.run("xyzzy").err).isEqualTo("continuum: unknown command 'xyzzy' (see 'continuum --help')\n");
    assertThat(Cli.run("help", "resolv").err)
        .isEqualTo("continuum: unknown command 'resolv'; did you mean resolve? (see 'continuum --help')\n");
  }

  @Test
  void jsonUsesSnakeCaseAndNullEverywhere() {
    Cli balance = Cli.run("balance", "--servers", Cli.example("servers.txt"), "--format", "json");
    Cli plan = Cli.run("plan", "--servers", Cli.example("fleet.txt"), "--add", "10.0.1.9:11211", "--format", "json");
    Cli algorithms = Cli.run("algorithms", "--format", "json");
    Cli resolve = Cli.run("resolve", "--server", "a:1", "--format", "json", "k");
    for (Cli r : List.of(balance, plan, algorithms, resolve)) {
      assertThat(r.code).as(r.toString()).isZero();
      java.util.regex.Matcher names = java.util.regex.Pattern.compile("\"([^\"]*)\": ").matcher(r.out);
      int count = 0;
      while (names.find()) {
        assertThat(names.group(1)).as(r.out).matches("[a-z][a-z0-9_]*");
        count++;
      }
      assertThat(count).isPositive();
      assertThat(r.out).doesNotContain("\"-\"");
    }
    assertThat(balance.out).contains("\"name\": null");
    assertThat(plan.out).contains("\"weight_before\": null");
  }

  @Test
  void tsvAndCsvPrintOneTableEach() {
    String fleet = Cli.example("fleet.txt");
    Cli servers = Cli.run("plan", "--servers", fleet, "--add", "10.0.1.9:11211", "--format", "csv");
    Cli moves = Cli.run("plan", "--servers", fleet, "--add", "10.0.1.9:11211", "--format", "csv", "--table", "moves");
    List<String> serverRows = servers.out.lines().filter(l -> !l.startsWith("#")).toList();
    assertThat(serverRows.get(0)).startsWith("server,weight_before,weight_after,");
    int width = serverRows.get(0).split(",").length;
    assertThat(serverRows).allSatisfy(l -> assertThat(l.split(",", -1)).hasSize(width));
    assertThat(servers.out).contains("# table: servers (also: moves; choose with --table NAME)");
    List<String> moveRows = moves.out.lines().filter(l -> !l.startsWith("#")).toList();
    assertThat(moveRows.get(0)).isEqualTo("from,to,share");
    assertThat(moveRows).allSatisfy(l -> assertThat(l.split(",", -1)).hasSize(3));
    Cli bad = Cli.run("plan", "--servers", fleet, "--add", "10.0.1.9:11211", "--format", "csv", "--table", "nope");
    assertThat(bad.code).isEqualTo(2);
    assertThat(bad.err).isEqualTo("continuum: --table nope: no such table; the tables are servers, moves\n");
  }

  /** Examples and "e.g." lines come out whole: picocli wraps at ':' and '.', which split hosts and paths. */
  @Test
  void helpNeverWrapsInsideAnExampleOrASummary() {
    CommandLine root = Main.commandLine(null, null);
    List<CommandLine> all = new ArrayList<>();
    all.add(root);
    all.addAll(root.getSubcommands().values());
    String top = Cli.run("--help").out;
    for (CommandLine cl : all) {
      String name = cl.getCommandName();
      String help = name.equals("continuum") ? top : Cli.run(name, "--help").out;
      List<String> lines = help.lines().map(String::strip).toList();
      for (OptionSpec o : cl.getCommandSpec().options()) {
        for (String d : o.description()) {
          int eg = d.indexOf("e.g. ");
          if (!o.hidden() && eg >= 0) {
            assertThat(lines).as(name + " " + o.longestName()).contains(d.substring(eg).replace("%n", "").strip());
          }
        }
      }
      List<String> examples = new ArrayList<>(List.of(cl.getCommandSpec().usageMessage().description()));
      examples.addAll(List.of(cl.getCommandSpec().usageMessage().footer()));
      for (String e : examples) {
        if (e.startsWith("  continuum ") || e.startsWith("      --") || e.startsWith("  source ")) {
          assertThat(help.lines().toList()).as(name).contains(e);
        }
      }
      if (!name.equals("continuum") && !name.equals("help")) {
        String header = cl.getCommandSpec().usageMessage().header()[0];
        assertThat(top.lines().map(String::strip)).as(name)
            .anyMatch(l -> l.matches(java.util.regex.Pattern.quote(name) + " +" + java.util.regex.Pattern.quote(header)));
      }
    }
  }

  @Test
  void versionListsThePlacementVersionOfEveryAlgorithm() {
    Cli v = Cli.run("--version");
    assertThat(v.code).isZero();
    assertThat(v.out).startsWith("continuum " + Version.release() + " ");
    assertThat(Version.release()).matches("\\d+\\.\\d+\\.\\d+.*");
    for (Algorithm a : Algorithm.values()) {
      assertThat(v.out).containsPattern("\n  " + a.cliName() + ": +" + java.util.regex.Pattern.quote(Version.placementVersion(a)) + "\n");
    }
  }

  /** The bash script, sourced by a real bash, completes commands, options and algorithm names. */
  @Test
  void bashCompletionCompletes() throws Exception {
    Cli script = Cli.run("completion", "bash");
    assertThat(script.code).isZero();
    Path file = Files.writeString(dir.resolve("continuum.bash"), script.out);
    assertThat(complete(file, "continuum", "res")).containsExactly("resolve");
    assertThat(complete(file, "continuum", "resolve", "--keys-f")).containsExactly("--keys-file");
    assertThat(complete(file, "continuum", "resolve", "--algorithm", "py")).containsExactlyInAnyOrder("python-continuum", "pymemcache");
    assertThat(complete(file, "continuum", "compare", "--fleet")).containsExactly("--fleet-sizes");
    assertThat(complete(file, "continuum", "compare", "--algorithm", "twemproxy-")).containsExactly("twemproxy-md5");
    Cli zsh = Cli.run("completion", "zsh");
    assertThat(zsh.out).isEqualTo("autoload -U +X bashcompinit && bashcompinit\n" + script.out);
    assertThat(Cli.run("completion", "fish").code).isEqualTo(2);
  }

  /**
   * The zsh script, sourced by a real zsh after compinit, registers the completion and answers
   * through zsh's bash emulation (zsh filters the answers by the typed prefix itself, so they are a
   * superset).
   */
  @Test
  void zshCompletionCompletes() throws Exception {
    Cli script = Cli.run("completion", "zsh");
    assertThat(script.code).isZero();
    Path file = Files.writeString(dir.resolve("continuum.zsh"), script.out);
    String setup = "autoload -U +X compinit && compinit -u\nsource '" + file + "'\n";
    assertThat(shell("zsh", setup + "print -r -- ${_comps[continuum]}\n"))
        .containsExactly("_bash_complete -F _complete_continuum -o default");
    String ask = setup + "setopt ksharrays\nCOMP_WORDS=(continuum resolve --algorithm py)\nCOMP_CWORD=3\n"
        + "COMP_LINE=\"${COMP_WORDS[*]}\"\nCOMP_POINT=${#COMP_LINE}\n_complete_continuum 2>/dev/null\n"
        + "print -l -- \"${COMPREPLY[@]}\"\n";
    assertThat(shell("zsh", ask)).contains("python-continuum", "pymemcache").doesNotContain("--format");
  }

  private static List<String> complete(Path script, String... words) throws Exception {
    StringBuilder array = new StringBuilder();
    for (String w : words) {
      array.append(" '").append(w).append('\'');
    }
    String program = "source '" + script + "'\nCOMP_WORDS=(" + array + ")\nCOMP_CWORD=" + (words.length - 1)
        + "\nCOMP_LINE=\"${COMP_WORDS[*]}\"\nCOMP_POINT=${#COMP_LINE}\n_complete_continuum 2>/dev/null\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n";
    return shell("bash", program);
  }

  /** The non-empty lines {@code shell -c program} prints (a missing shell fails the test: scripts/test installs it). */
  private static List<String> shell(String shell, String program) throws Exception {
    Process p = new ProcessBuilder(shell, "-c", program).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  /** docs/command-line.md holds the help text exactly as the commands print it. */
  @Test
  void theCommittedReferenceIsTheGeneratedOne() throws Exception {
    Path doc = Path.of("..", "docs", "command-line.md");
    String committed = Files.readString(doc, UTF_8);
    assertThat(committed).as("run scripts/command-line-doc").contains(CommandLineDoc.render());
    assertThat(CommandLineDoc.update(committed)).isEqualTo(committed);
  }
}
