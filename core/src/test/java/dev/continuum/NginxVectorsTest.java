package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every row of the nginx 1.22.1 vectors (observed through the Debian build), and its edge cases. */
class NginxVectorsTest {
  /**
   * The upstream of one configuration: each server line's backend as host and port, its text as
   * written as the name when it differs from host:port (so both ways of naming are exercised).
   */
  static Continuum build(List<Vectors.Row> lines) {
    Continuum c = new Continuum(Algorithm.NGINX_HASH_CONSISTENT);
    List<Server> servers = new ArrayList<>();
    for (Vectors.Row line : lines) {
      Server s = Server.parse(line.get("backend")).withCapacity(line.getInt("weight"));
      String text = line.get("server_text");
      servers.add(text.equals(s.hostPort()) ? s : s.withName(text));
    }
    c.addServers(servers);
    return c;
  }

  @Test
  void everyVectorRowMatches() {
    int rows = VectorCheck.runHexHash("nginx", NginxVectorsTest::build, "server_idx", "key_crc32",
        (row, c, key) -> Integer.toUnsignedLong(KeyHash.CRC32.hash(key)));
    assertThat(rows).isEqualTo(5818 - 25 - 1);
  }

  @Test
  void crc32IsZlibs() {
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertThat(KeyHash.CRC32.hash(check)).isEqualTo(0xCBF43926);
    assertThat(KeyHash.CRC32.hash(new byte[0])).isZero();
    java.util.zip.CRC32 jdk = new java.util.zip.CRC32();
    byte[] utf8 = "caf\u00e9 \u65e5\u672c".getBytes(StandardCharsets.UTF_8);
    jdk.update(utf8);
    assertThat(Integer.toUnsignedLong(KeyHash.CRC32.hash(utf8))).isEqualTo(jdk.getValue());
  }

  @Test
  void aServerWrittenWithoutPortHashesAnEmptyPort() {
    // N11: "127.0.10.231" connects to port 80 but its points come from host "127.0.10.231", port "".
    Continuum asWritten = new Continuum(Algorithm.NGINX_HASH_CONSISTENT);
    asWritten.addServers(List.of(Server.of("127.0.10.231", 80).withName("127.0.10.231"), Server.of("127.0.10.138", 80)));
    Continuum withPort = new Continuum(Algorithm.NGINX_HASH_CONSISTENT);
    withPort.addServers(List.of(Server.of("127.0.10.231", 80), Server.of("127.0.10.138", 80)));
    int differ = 0;
    for (int i = 0; i < 1000; i++) {
      differ += asWritten.servers().indexOf(asWritten.resolve("k" + i)) != withPort.servers().indexOf(withPort.resolve("k" + i)) ? 1 : 0;
    }
    assertThat(differ).isPositive();
  }

  @Test
  void weightZeroAndRepeatedAddressTextAreRejected() {
    Continuum c = new Continuum(Algorithm.NGINX_HASH_CONSISTENT);
    assertThatThrownBy(() -> c.addServer("10.0.0.1", 80, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weight=0");
    assertThatThrownBy(() -> c.addServers(List.of(Server.of("10.0.0.1", 80).withName("cache"),
        Server.of("10.0.0.2", 80).withName("cache")))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("same address text");
    assertThat(c.size()).isZero();
  }
}
