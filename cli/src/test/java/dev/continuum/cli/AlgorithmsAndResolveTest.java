package dev.continuum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.Algorithm;
import org.junit.jupiter.api.Test;

class AlgorithmsAndResolveTest {
  @Test
  void algorithmsListsEveryAlgorithmInEachFormat() {
    Cli tsv = Cli.run("algorithms", "--format", "tsv");
    assertThat(tsv.code).isZero();
    assertThat(tsv.out.lines()).hasSize(Algorithm.values().length + 1);
    assertThat(tsv.out).contains("pymemcache\tfalse\tfalse\ttrue\tseed\t");
    Cli csv = Cli.run("algorithms", "--format", "csv");
    assertThat(csv.code).isZero();
    assertThat(csv.out.lines()).hasSize(Algorithm.values().length + 1);
    assertThat(csv.out).startsWith("name,weights,arbitrary_removal,compatibility,options,description\n")
        .contains("\npymemcache,false,false,true,seed,");
    Cli json = Cli.run("algorithms", "--format", "json");
    assertThat(json.out).contains("\"name\": \"twemproxy-md5\"").startsWith("[");
    Cli text = Cli.run("algorithms");
    for (Algorithm a : Algorithm.values()) {
      assertThat(text.out).contains(a.cliName());
    }
  }

  @Test
  void resolveWithADialect() {
    // libmemcached worked example L01.
    Cli r = Cli.run("resolve", "--algorithm", "libmemcached-ketama-weighted",
        "--server", "10.0.74.94:11211", "--server", "192.168.0.37:11211", "--server", "192.168.0.8:11211",
        "--format", "tsv", "foo");
    assertThat(r.out).isEqualTo("foo\t192.168.0.37:11211\n");
  }

  @Test
  void resolveWithNamesAndSeed() {
    // twemproxy T17: the name decides ties, so tie249 (server 1) wins.
    Cli t = Cli.run("resolve", "--algorithm", "twemproxy-md5",
        "--server", "127.0.0.1:22000", "--server", "127.0.0.1:22001", "--server", "127.0.0.1:22002",
        "--name", "127.0.0.1:22000=tie422.example.com", "--name", "127.0.0.1:22001=tie249.example.com",
        "--name", "127.0.0.1:22002=tiefill.example.com", "--format", "tsv", "tiep0-475903072-3088");
    assertThat(t.out).as(t.err).isEqualTo("tiep0-475903072-3088\t127.0.0.1:22001\n");
    Cli p = Cli.run("resolve", "--algorithm", "pymemcache", "--seed", "42",
        "--server", "10.0.0.1:11211", "--format", "tsv", "k");
    assertThat(p.out).isEqualTo("k\t10.0.0.1:11211\n");
  }

  /** --hash chooses the key hash of continuum's own algorithms, as the builder option does. */
  @Test
  void resolveWithTheKeyHashOption() {
    dev.continuum.Continuum rapid = dev.continuum.Continuum.builder(Algorithm.RING).seed(3)
        .keyHash(dev.continuum.KeyHashFunction.RAPIDHASH).build();
    dev.continuum.Continuum xx = dev.continuum.Continuum.builder(Algorithm.RING).seed(3).build();
    String[] servers = {"10.0.0.1:11211", "10.0.0.2:11211", "10.0.0.3:11211", "10.0.0.4:11211"};
    for (String s : servers) {
      rapid.addServer(s.substring(0, s.indexOf(':')), 11211);
      xx.addServer(s.substring(0, s.indexOf(':')), 11211);
    }
    int differ = 0;
    for (int i = 0; i < 40; i++) {
      String key = "key-" + i;
      Cli r = Cli.run("resolve", "--algorithm", "ring", "--seed", "3", "--hash", "rapidhash", "--server", servers[0],
          "--server", servers[1], "--server", servers[2], "--server", servers[3], "--format", "tsv", key);
      assertThat(r.out).as(r.err).isEqualTo(key + "\t" + rapid.resolve(key).hostPort() + "\n");
      Cli d = Cli.run("resolve", "--algorithm", "ring", "--seed", "3", "--hash", "xxhash64", "--server", servers[0],
          "--server", servers[1], "--server", servers[2], "--server", servers[3], "--format", "tsv", key);
      assertThat(d.out).isEqualTo(key + "\t" + xx.resolve(key).hostPort() + "\n");
      differ += r.out.equals(d.out) ? 0 : 1;
    }
    assertThat(differ).isPositive();
    Cli unknown = Cli.run("resolve", "--algorithm", "ring", "--hash", "rapidhsah", "--server", servers[0], "k");
    assertThat(unknown.code).isEqualTo(2);
    assertThat(unknown.err).contains("unknown key hash \"rapidhsah\"; did you mean rapidhash?");
    Cli dialect = Cli.run("resolve", "--algorithm", "spymemcached", "--hash", "rapidhash", "--server", servers[0], "k");
    assertThat(dialect.code).isEqualTo(2);
    assertThat(dialect.err).contains("keyHash does not apply to algorithm spymemcached");
  }

  @Test
  void optionsThatDoNotApplyAreUsageErrors() {
    Cli r = Cli.run("resolve", "--algorithm", "twemproxy", "--seed", "1", "foo");
    assertThat(r.code).isEqualTo(2);
    assertThat(r.err).contains("seed does not apply to algorithm twemproxy");
    Cli unknown = Cli.run("resolve", "--algorithm", "nope", "foo");
    assertThat(unknown.code).isEqualTo(2);
    assertThat(unknown.err).contains("unknown algorithm \"nope\"");
    Cli name = Cli.run("resolve", "--server", "10.0.0.1:1", "--name", "10.0.0.2:1=x", "foo");
    assertThat(name.code).isEqualTo(2);
    assertThat(name.err).contains("no server 10.0.0.2:1 was given");
  }
}
