package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The python-continuum 0.1.1 README session, line by line. */
class SeedDoctestTest {
  @Test
  void readmeSession() {
    Continuum c = new Continuum();
    assertThatThrownBy(() -> c.resolve("my-key1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("empty continuum");

    assertThat(c.addServer("192.168.0.1", 8080)).hasToString("<Server \"192.168.0.1:8080\", capacity=1>");
    assertThat(c.addServer("192.168.0.2", 8080)).hasToString("<Server \"192.168.0.2:8080\", capacity=1>");
    assertThat(c.addServer("192.168.0.3", 8080, 2)).hasToString("<Server \"192.168.0.3:8080\", capacity=2>");

    Server server = c.addServer("192.168.0.4", 8080);
    c.removeServer(server);
    assertThat(c.size()).isEqualTo(3);

    assertThatThrownBy(() -> c.addServer("192.168.0.2", 8080))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("server already added: 192.168.0.2:8080");

    assertThat(c.resolve("my-first-key")).hasToString("<Server \"192.168.0.1:8080\", capacity=1>");
    assertThat(c.resolve("my-other-key")).hasToString("<Server \"192.168.0.3:8080\", capacity=2>");
  }

  @Test
  void workedExamplesOfTheSpecification() {
    Continuum c = new Continuum();
    c.addServers(Server.of("192.168.0.1", 8080), Server.of("192.168.0.2", 8080), Server.of("192.168.0.3", 8080, 2));
    assertThat(Integer.toUnsignedLong(KeyHash.MD5.hash("my-first-key"))).isEqualTo(1953388524L);
    assertThat(Integer.toUnsignedLong(KeyHash.MD5.hash("my-other-key"))).isEqualTo(1117013137L);
    // h is above every position: wraps to entry 0, the quirk position 0 of the first server.
    assertThat(c.resolve("e>#SAyd2350").host()).isEqualTo("192.168.0.1");
    assertThat(Integer.toUnsignedLong(KeyHash.MD5.hash("foo"))).isEqualTo(3675831724L);
  }

  @Test
  void sevenDotsSendEveryKeyToTheFirstServer() {
    Continuum c = new Continuum(7);
    c.addServers(Server.of("a", 1), Server.of("b", 2), Server.of("c", 3));
    for (int i = 0; i < 1000; i++) {
      assertThat(c.resolve("key" + i).host()).isEqualTo("a");
    }
  }

  @Test
  void deferredGenerationKeepsThePreviousPlacementUntilGenerate() {
    Continuum c = new Continuum(1000, false);
    c.addServer("192.168.0.1", 8080);
    assertThatThrownBy(() -> c.resolve("k")).isInstanceOf(IllegalStateException.class);
    c.generate();
    assertThat(c.resolve("k").host()).isEqualTo("192.168.0.1");
    c.addServer("192.168.0.2", 8080);
    c.removeServer("192.168.0.1", 8080);
    assertThat(c.size()).isEqualTo(1);
    assertThat(c.resolve("k").host()).isEqualTo("192.168.0.1"); // not regenerated yet
    c.generate();
    assertThat(c.resolve("k").host()).isEqualTo("192.168.0.2");
  }
}
