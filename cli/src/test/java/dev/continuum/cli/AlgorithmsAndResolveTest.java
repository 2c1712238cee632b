package dev.continuum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.Algorithm;
import org.junit.jupiter.api.Test;

class AlgorithmsAndResolveTest {
  @Test
  void algorithmsListsEveryAlgorithmInEachFormat() {
    CliTestSupport.Result tsv = CliTestSupport.run("algorithms", "--format", "tsv");
    assertThat(tsv.code).isZero();
    assertThat(tsv.out.lines()).hasSize(Algorithm.values().length + 1);
    assertThat(tsv.out).contains("pymemcache\ttrue\tfalse\ttrue\tseed\t");
    CliTestSupport.Result json = CliTestSupport.run("algorithms", "--format", "json");
    assertThat(json.out).contains("\"name\": \"twemproxy-md5\"").startsWith("[");
    CliTestSupport.Result text = CliTestSupport.run("algorithms");
    for (Algorithm a : Algorithm.values()) {
      assertThat(text.out).contains(a.cliName());
    }
  }

  @Test
  void resolveWithADialect() {
    // libmemcached worked example L01.
    CliTestSupport.Result r = CliTestSupport.run("resolve", "--algorithm", "libmemcached-ketama-weighted",
        "--server", "10.0.74.94:11211", "--server", "192.168.0.37:11211", "--server", "192.168.0.8:11211",
        "--format", "tsv", "foo");
    assertThat(r.out).isEqualTo("foo\t192.168.0.37:11211\n");
  }

  @Test
  void resolveWithNamesAndSeed() {
    // twemproxy T17: the name decides ties, so tie249 (server 1) wins.
    CliTestSupport.Result t = CliTestSupport.run("resolve", "--algorithm", "twemproxy-md5",
        "--server", "127.0.0.1:22000", "--server", "127.0.0.1:22001", "--server", "127.0.0.1:22002",
        "--name", "127.0.0.1:22000=tie422.example.com", "--name", "127.0.0.1:22001=tie249.example.com",
        "--name", "127.0.0.1:22002=tiefill.example.com", "--format", "tsv", "tiep0-475903072-3088");
    assertThat(t.out).as(t.err).isEqualTo("tiep0-475903072-3088\t127.0.0.1:22001\n");
    CliTestSupport.Result p = CliTestSupport.run("resolve", "--algorithm", "pymemcache", "--seed", "42",
        "--server", "10.0.0.1:11211", "--format", "tsv", "k");
    assertThat(p.out).isEqualTo("k\t10.0.0.1:11211\n");
  }

  @Test
  void optionsThatDoNotApplyAreUsageErrors() {
    CliTestSupport.Result r = CliTestSupport.run("resolve", "--algorithm", "twemproxy", "--seed", "1", "foo");
    assertThat(r.code).isEqualTo(2);
    assertThat(r.err).contains("seed does not apply to algorithm twemproxy");
    CliTestSupport.Result unknown = CliTestSupport.run("resolve", "--algorithm", "nope", "foo");
    assertThat(unknown.code).isEqualTo(2);
    assertThat(unknown.err).contains("unknown algorithm \"nope\"");
    CliTestSupport.Result name = CliTestSupport.run("resolve", "--server", "10.0.0.1:1", "--name", "10.0.0.2:1=x", "foo");
    assertThat(name.code).isEqualTo(2);
    assertThat(name.err).contains("no server 10.0.0.2:1 was given");
  }
}
