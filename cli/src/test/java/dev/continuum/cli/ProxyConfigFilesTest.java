package dev.continuum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import dev.continuum.Server;
import dev.continuum.Vectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code --nginx FILE --upstream NAME} and {@code --haproxy FILE --backend NAME}: every vector
 * configuration written as the proxy's own configuration file, read back, and every observed key
 * placed where the real proxy sent it; the dialect and HAProxy's avalanche picked from the file; and
 * one-line file:line errors with exit 2.
 */
class ProxyConfigFilesTest {
  @TempDir Path tmp;

  @Test
  void everyNginxVectorUpstreamReadFromItsConfigurationPlacesItsKeys() throws Exception {
    Map<String, List<Vectors.Row>> configs = Vectors.byConfig(Vectors.read("nginx.configs.tsv"));
    Map<String, List<Vectors.Row>> keys = Vectors.byConfig(Vectors.read("nginx.tsv"));
    StringBuilder conf = new StringBuilder("# generated\nevents { }\nhttp {\n");
    for (Map.Entry<String, List<Vectors.Row>> config : configs.entrySet()) {
      conf.append("  upstream u_").append(config.getKey()).append(" {\n    hash $")
          .append(config.getValue().get(0).get("var")).append(" consistent;\n    keepalive 8;\n");
      for (Vectors.Row line : config.getValue()) {
        conf.append("    server ").append(line.get("server_text")).append(" weight=").append(line.get("weight"))
            .append(" max_fails=3;\n");
      }
      conf.append("  }\n");
    }
    Path file = Files.writeString(tmp.resolve("nginx.conf"), conf.append("}\n"));
    int checked = 0;
    for (Map.Entry<String, List<Vectors.Row>> config : configs.entrySet()) {
      NginxConfig read = NginxConfig.read(file, "u_" + config.getKey());
      Continuum c = new Continuum(Algorithm.NGINX_HASH_CONSISTENT);
      c.addServers(read.servers);
      for (Vectors.Row row : keys.get(config.getKey())) {
        assertThat(c.resolve(row.keyBytes())).as(row.toString()).isSameAs(c.servers().get(row.getInt("server_idx")));
        checked++;
      }
    }
    assertThat(checked).isEqualTo(5792);
  }

  @Test
  void everyHaproxyVectorBackendReadFromItsConfigurationPlacesItsKeys() throws Exception {
    Map<String, List<Vectors.Row>> configs = Vectors.byConfig(Vectors.read("haproxy.configs.tsv"));
    Map<String, List<Vectors.Row>> keys = Vectors.byConfig(Vectors.read("haproxy.tsv"));
    StringBuilder cfg = new StringBuilder("global\n  maxconn 100\n\ndefaults\n  mode http\n  balance roundrobin\n\n");
    for (Map.Entry<String, List<Vectors.Row>> config : configs.entrySet()) {
      Vectors.Row first = config.getValue().get(0);
      cfg.append("backend b_").append(config.getKey()).append("\n  balance ")
          .append(first.get("balance").equals("hdr") ? "hdr(X-Key)" : "url_param k").append("\n  ")
          .append(first.get("hash_type_line")).append("  # as written\n");
      for (Vectors.Row line : config.getValue()) {
        cfg.append("  server ").append(line.get("name")).append(' ').append(line.get("addr")).append(" check weight ")
            .append(line.get("weight")).append(line.get("id_explicit").equals("yes") ? " id " + line.get("puid") : "")
            .append('\n');
      }
      cfg.append('\n');
    }
    Path file = Files.writeString(tmp.resolve("haproxy.cfg"), cfg);
    int checked = 0;
    for (Map.Entry<String, List<Vectors.Row>> config : configs.entrySet()) {
      HaproxyConfig read = HaproxyConfig.read(file, "b_" + config.getKey());
      Vectors.Row first = config.getValue().get(0);
      assertThat(read.algorithm.cliName()).isEqualTo("haproxy-" + first.get("fn"));
      assertThat(read.avalanche).isEqualTo(first.get("modifier").equals("avalanche"));
      Continuum c = Continuum.builder(read.algorithm).avalanche(read.avalanche).build();
      c.addServers(read.servers);
      for (Vectors.Row row : keys.get(config.getKey())) {
        assertThat(c.resolve(row.keyBytes())).as(row.toString()).isSameAs(c.servers().get(row.getInt("server_idx")));
        checked++;
      }
    }
    assertThat(checked).isEqualTo(6920);
  }

  @Test
  void theCommandsTakeTheDialectAndAvalancheFromTheFile() throws Exception {
    Path cfg = Files.writeString(tmp.resolve("haproxy.cfg"), String.join("\n",
        "defaults", "  mode http", "  hash-type consistent", "", "backend cache", "  balance hdr(X-Key)",
        "  server a 10.0.0.1:80 weight 2", "  server b 10.0.0.2:80 id 7", ""));
    Cli viaFile = Cli.run("fingerprint", "--haproxy", cfg.toString(), "--backend", "cache");
    Cli viaFlags = Cli.run("fingerprint", "--algorithm", "haproxy-sdbm", "--avalanche", "--server", "10.0.0.1:80:2",
        "--server", "10.0.0.2:80");
    assertThat(viaFile.code).as(viaFile.err).isZero();
    assertThat(viaFile.out).startsWith("haproxy-sdbm-v1-");
    // The explicit id 7 takes part, so the plain server list differs; without avalanche both differ again.
    Continuum c = Continuum.builder(Algorithm.HAPROXY_SDBM).avalanche(true).build();
    c.addServers(List.of(Server.of("10.0.0.1", 80, 2), Server.of("10.0.0.2", 80).withId(7)));
    assertThat(viaFile.out.strip()).isEqualTo(c.fingerprint());
    assertThat(viaFlags.out.strip()).isNotEqualTo(c.fingerprint());
    Path conf = Files.writeString(tmp.resolve("nginx.conf"), "http { upstream cache { hash $arg_k consistent;\n"
        + "  server 10.0.0.1 weight=2; server 10.0.0.2:8080; } }\n");
    Cli nginx = Cli.run("fingerprint", "--nginx", conf.toString());
    Continuum n = new Continuum(Algorithm.NGINX_HASH_CONSISTENT);
    n.addServers(List.of(Server.of("10.0.0.1", 80, 2).withName("10.0.0.1"), Server.of("10.0.0.2", 8080)));
    assertThat(nginx.out.strip()).as(nginx.err).isEqualTo(n.fingerprint());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "nginx.conf|http {\\n upstream a {\\n  hash $k consistent;\\n  server 10.0.0.1 weight=0;\\n }\\n}|4|invalid weight \"0\"",
      "nginx.conf|http {\\n upstream a {\\n  server 10.0.0.1;\\n }\\n}|2|has no \"hash KEY consistent;\"",
      "nginx.conf|http {\\n upstream a {\\n  hash $k;\\n  server 10.0.0.1;\\n }\\n}|3|without \"consistent\"",
      "nginx.conf|http {\\n upstream a {\\n  hash $k consistent;\\n  server 10.0.0.1 backup;\\n }\\n}|4|\"backup\" is not modelled",
      "nginx.conf|http {\\n upstream a {\\n  hash $k consistent;\\n  server 10.0.0.1\\n }\\n}|4|not terminated by \";\"",
      "nginx.conf|http {\\n upstream a {\\n  hash $k consistent;\\n  server 10.0.0.1;|2|not closed by \"}\"",
      "haproxy.cfg|backend a\\n  balance hdr(X-Key)\\n  server s 10.0.0.1:80|1|map-based hashing",
      "haproxy.cfg|backend a\\n  balance roundrobin\\n  hash-type consistent\\n  server s 10.0.0.1:80|2|balances with \"roundrobin\"",
      "haproxy.cfg|backend a\\n  balance uri\\n  hash-type consistent fnv\\n  server s 10.0.0.1:80|3|offers sdbm, djb2, wt6 and crc32",
      "haproxy.cfg|backend a\\n  balance uri\\n  hash-type consistent\\n  hash-balance-factor 150|4|bounded loads",
      "haproxy.cfg|backend a\\n  balance uri\\n  hash-type consistent\\n  server s 10.0.0.1:80 weight 300|4|weight must be 0..256",
      "haproxy.cfg|backend a\\n  balance uri\\n  hash-type consistent\\n  server s 10.0.0.1:80 id 3\\n  server t 10.0.0.2:80 id 3|5|id 3 is taken",
      "haproxy.cfg|backend a\\n  balance uri\\n  hash-type consistent\\n  server s 10.0.0.1|4|without a port"})
  void aBadConfigurationIsOneLineNamingFileAndLineAndExitsTwo(String name, String text, int line, String message)
      throws Exception {
    Path file = Files.writeString(tmp.resolve(name), text.replace("\\n", "\n"));
    Cli r = Cli.run("resolve", name.startsWith("nginx") ? "--nginx" : "--haproxy", file.toString(), "k");
    assertThat(r.code).isEqualTo(2);
    assertThat(r.err.lines().count()).as(r.err).isEqualTo(1);
    assertThat(r.err).startsWith("continuum: " + file + ":" + line + ": ").contains(message);
  }

  @Test
  void sectionsAreChosenByName() throws Exception {
    Path conf = Files.writeString(tmp.resolve("nginx.conf"), "http {\n upstream a { hash $k consistent; server 10.0.0.1; }\n"
        + " upstream b { hash $k consistent; server 10.0.0.2; }\n}\n");
    Cli several = Cli.run("resolve", "--nginx", conf.toString(), "k");
    assertThat(several.code).isEqualTo(2);
    assertThat(several.err).contains("several upstreams (a, b): choose one with --upstream NAME");
    Cli b = Cli.run("resolve", "--nginx", conf.toString(), "--upstream", "b", "k");
    assertThat(b.code).as(b.err).isZero();
    assertThat(b.out).contains("10.0.0.2");
    Cli stray = Cli.run("resolve", "--upstream", "b", "--server", "10.0.0.1:80", "k");
    assertThat(stray.code).isEqualTo(2);
    assertThat(stray.err).contains("--upstream needs --nginx FILE");
  }
}
