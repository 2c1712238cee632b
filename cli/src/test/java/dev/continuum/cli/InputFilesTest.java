package dev.continuum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import dev.continuum.Server;
import dev.continuum.Vectors;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InputFilesTest {
  @TempDir Path tmp;

  /**
   * Every pool of the twemproxy vectors, written as YAML and read back: the same servers, weights,
   * names and dialect; and once the twemproxy dialects exist, every observed key lands where real
   * nutcracker put it.
   */
  @Test
  void twemproxyConfigurationsRoundTrip() throws Exception {
    Map<String, List<Vectors.Row>> configs = Vectors.byConfig(Vectors.read("twemproxy.configs.tsv"));
    Map<String, List<Vectors.Row>> keys = Vectors.byConfig(Vectors.read("twemproxy.tsv"));
    assertThat(configs).hasSizeGreaterThan(10);
    for (Map.Entry<String, List<Vectors.Row>> config : configs.entrySet()) {
      List<Server> expected = new ArrayList<>();
      for (Vectors.Row row : config.getValue()) {
        Server s = Server.of(row.get("host"), row.getInt("port"), row.getInt("weight"));
        expected.add("-".equals(row.get("name")) ? s : s.withName(row.get("name")));
      }
      String hash = config.getValue().get(0).get("hash");
      boolean explicit = "yes".equals(config.getValue().get(0).get("hash_explicit"));
      String yaml = TwemproxyConfig.write("pool_" + config.getKey(), expected, explicit ? hash : null);
      Path file = Files.writeString(tmp.resolve(config.getKey() + ".yml"), "other:\n  servers:\n   - 1.2.3.4:1:1\n" + yaml);
      TwemproxyConfig read = TwemproxyConfig.read(file, "pool_" + config.getKey());
      assertThat(read.servers).hasSize(expected.size());
      for (int i = 0; i < expected.size(); i++) {
        Server a = read.servers.get(i);
        Server e = expected.get(i);
        assertThat(List.of(a.host(), a.port(), a.capacity(), String.valueOf(a.name())))
            .isEqualTo(List.of(e.host(), e.port(), e.capacity(), String.valueOf(e.name())));
      }
      assertThat(read.algorithm.cliName()).isEqualTo(hash.equals("md5") ? "twemproxy-md5" : "twemproxy");
      Continuum c = Continuum.builder(read.algorithm).build();
      c.addServers(read.servers);
      for (Vectors.Row row : keys.getOrDefault(config.getKey(), List.of())) {
        assertThat(c.resolve(row.keyBytes())).as(row.toString()).isEqualTo(read.servers.get(row.getInt("server_idx")));
      }
    }
  }

  @Test
  void twemproxyDefaultsAreKetamaAndFnv1a64() {
    TwemproxyConfig c = TwemproxyConfig.read(new StringReader("p:\n  servers:\n   - 10.0.0.1:11211:1 a\n"), "x.yml", null);
    assertThat(c.pool).isEqualTo("p");
    assertThat(c.algorithm).isEqualTo(Algorithm.byName("twemproxy"));
    assertThat(c.servers.get(0).name()).isEqualTo("a");
  }

  @Test
  void libketamaFileIgnoresAThirdColumnAsLibketamaDoes() throws Exception {
    Path f = Files.writeString(tmp.resolve("ketama.servers"), "# old file\n10.0.1.1:11211\t600\t1234\n10.0.1.2:11211 300\n\n");
    List<Server> servers = LibketamaFile.read(f);
    assertThat(servers).containsExactly(Server.of("10.0.1.1", 11211), Server.of("10.0.1.2", 11211));
    assertThat(servers.get(0).capacity()).isEqualTo(600);
    assertThat(servers.get(1).capacity()).isEqualTo(300);
  }

  /** A bad file: exit code 2, one line naming the file and line, nothing on standard output. */
  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource(delimiter = '|', value = {
    "--servers  | 10.0.0.1:11211\\n10.0.0.2:99999\\n                      | 2 | port must be in 1..65535",
    "--servers  | 10.0.0.1:11211 x\\n                                     | 1 | capacity is not a number",
    "--servers  | 10.0.0.1:11211\\n10.0.0.1:11211 2\\n                    | 2 | duplicate server",
    "--servers  | 10.0.0.1:11211 1 a b\\n                                 | 1 | expected",
    "--servers  | # nothing\\n                                            | 1 | no servers",
    "--libketama | 10.0.1.1:11211\\n                                       | 1 | expected \"ip:port<TAB>weight\"",
    "--libketama | 10.0.1.1:11211\\tlots\\n                                | 1 | weight is not a number",
    "--libketama | 10.0.1.1\\t100\\n                                      | 1 | expected host:port",
    "--libketama | 10.0.1.1:11211\\t1\\n10.0.1.1:11211\\t2\\n                | 2 | duplicate server",
    "--libketama | #\\n                                                   | 1 | no servers",
    "--twemproxy | p:\\n  servers: [a\\n                                  | 2 | not valid YAML",
    "--twemproxy | - just a list\\n                                        | 1 | expected a mapping of pool names",
    "--twemproxy | a:\\n  servers:\\n   - 1.1.1.1:1:1\\nb:\\n  servers:\\n   - 1.1.1.1:2:1\\n | 1 | choose one with --pool",
    "--twemproxy | p:\\n  hash: crc32\\n  servers:\\n   - 1.1.1.1:1:1\\n          | 2 | hash crc32 is not supported",
    "--twemproxy | p:\\n  distribution: modula\\n  servers:\\n   - 1.1.1.1:1:1\\n | 2 | distribution modula is not supported",
    "--twemproxy | p:\\n  listen: 127.0.0.1:22121\\n                            | 1 | needs a non-empty servers: list",
    "--twemproxy | p:\\n  servers:\\n   - 1.1.1.1:11211\\n                    | 3 | expected \"host:port:weight [name]\"",
    "--twemproxy | p:\\n  servers:\\n   - 1.1.1.1:11211:0\\n                  | 3 | weight must be at least 1",
    "--twemproxy | p:\\n  servers:\\n   - \"[x]:11211:1\"\\n                | 3 | expected \"host:port:weight [name]\"",
    "--twemproxy | p:\\n  servers:\\n   - \"[:]:11\"\\n                       | 3 | expected \"host:port:weight [name]\"",
    "--twemproxy | p:\\n  servers:\\n   - 1.1.1.1:1:1 a\\n   - 1.1.1.1:2:1 a\\n | 4 | duplicate server name a",
    "--twemproxy | p:\\n  servers:\\n   - {x: 1}\\n                           | 3 | must be a \"host:port:weight [name]\" string",
  })
  void badFilesGiveOneLineAndExitCode2(String option, String content, int line, String problem) throws Exception {
    Path f = Files.writeString(tmp.resolve("bad"), content.strip().replace("\\n", "\n").replace("\\t", "\t") + "\n");
    for (String command : List.of("balance", "plan")) {
      List<String> args = new ArrayList<>(List.of(command, option, f.toString()));
      if (command.equals("plan")) {
        args.addAll(List.of("--add", "9.9.9.9:1"));
      }
      Cli r = Cli.run(args.toArray(new String[0]));
      assertThat(r.code).as(r.toString()).isEqualTo(2);
      assertThat(r.out).as(r.toString()).isEmpty();
      assertThat(r.err.lines().count()).as(r.toString()).isEqualTo(1);
      assertThat(r.err).as(r.toString()).startsWith("continuum: " + f + ":" + line + ": ").contains(problem);
    }
  }

  /** An escape or tag cut off by the end of the file (no line break after it): one line naming its line. */
  @Test
  void aTwemproxyEscapeCutOffByTheEndOfTheFileGivesOneLine() throws Exception {
    for (String escape : List.of("x", "u", "U")) {
      Path f = Files.writeString(tmp.resolve("cut.yml"), "p:\n  servers:\n   - \"1.1.1.1:1:1 \\" + escape);
      Cli r = Cli.run("balance", "--twemproxy", f.toString());
      assertThat(r.code).as(r.toString()).isEqualTo(2);
      assertThat(r.err.lines().count()).as(r.toString()).isEqualTo(1);
      assertThat(r.err).as(r.toString()).startsWith("continuum: " + f + ":3: ").contains("escape cut off by the end of the file");
    }
    // a tag whose %-escape the end cuts off: the parser passes it, snakeyaml-engine's Tag refuses it
    Path f = Files.writeString(tmp.resolve("tag.yml"), "p:\n  servers:\n   - !a%1");
    Cli r = Cli.run("balance", "--twemproxy", f.toString());
    assertThat(r.code).as(r.toString()).isEqualTo(2);
    assertThat(r.err.lines().count()).as(r.toString()).isEqualTo(1);
    assertThat(r.err).as(r.toString()).startsWith("continuum: " + f + ":3: not valid YAML: ");
  }

  @Test
  void missingFilesAndBadOptionsGiveOneLineAndExitCode2() throws Exception {
    Path empty = Files.writeString(tmp.resolve("keys.txt"), "");
    String fleet = Cli.example("fleet.txt");
    String[][] cases = {
      {"balance", "--servers", tmp.resolve("nope.txt").toString()},
      {"balance"},
      {"balance", "--servers", fleet, "--libketama", Cli.example("ketama.servers")},
      {"balance", "--servers", fleet, "--algorithm", "no-such-thing"},
      {"balance", "--twemproxy", Cli.example("nutcracker.yml"), "--pool", "nope"},
      {"plan", "--servers", fleet},
      {"plan", "--servers", fleet, "--remove", "1.2.3.4:5"},
      {"plan", "--servers", fleet, "--add", "10.0.1.1:11211"},
      {"plan", "--servers", fleet, "--weight", "10.0.1.1:11211=x"},
      {"plan", "--servers", fleet, "--add", "1.2.3.4:5", "--keys-file", empty.toString()},
      {"plan", "--servers", fleet, "--to", tmp.resolve("nope.txt").toString()},
      {"compare", "--fleet-sizes", "1"},
      {"compare", "--servers", "1"},
      {"balance", "--servers", fleet, "--format", "xml"},
    };
    for (String[] args : cases) {
      Cli r = Cli.run(args);
      assertThat(r.code).as(String.join(" ", args) + "\n" + r).isEqualTo(2);
      assertThat(r.out).as(String.join(" ", args) + "\n" + r).isEmpty();
      assertThat(r.err).as(String.join(" ", args) + "\n" + r).startsWith("continuum: ");
    }
  }
}
