package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every rejected input gets a clear message and leaves the continuum exactly as it was. */
class BadInputTest {
  private Continuum c;
  private List<Server> before;
  private final List<String> keys = new ArrayList<>();
  private final List<Server> placed = new ArrayList<>();

  @BeforeEach
  void setUp() {
    c = new Continuum();
    c.addServer("192.168.0.1", 8080);
    c.addServer("192.168.0.2", 8080);
    c.addServer("192.168.0.3", 8080, 2);
    before = c.servers();
    for (int i = 0; i < 200; i++) {
      keys.add("key-" + i);
      placed.add(c.resolve("key-" + i));
    }
  }

  private void assertUnchanged() {
    assertThat(c.servers()).containsExactlyElementsOf(before);
    for (int i = 0; i < keys.size(); i++) {
      assertThat(c.resolve(keys.get(i))).isSameAs(placed.get(i));
    }
  }

  @Test
  void nullOrBlankHost() {
    assertThatThrownBy(() -> c.addServer(null, 80)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("host must not be null");
    assertThatThrownBy(() -> c.addServer("", 80)).hasMessage("host must not be empty or blank");
    assertThatThrownBy(() -> c.addServer("  ", 80)).hasMessage("host must not be empty or blank");
    assertThatThrownBy(() -> c.addServer("a b", 80)).hasMessageContaining("whitespace");
    assertUnchanged();
  }

  @Test
  void portOutOfRange() {
    assertThatThrownBy(() -> c.addServer("h", 0)).hasMessage("port must be in 1..65535, got 0");
    assertThatThrownBy(() -> c.addServer("h", 65536)).hasMessage("port must be in 1..65535, got 65536");
    assertThatThrownBy(() -> c.addServer("h", -1)).hasMessage("port must be in 1..65535, got -1");
    assertThat(Server.of("h", 1).port()).isEqualTo(1);
    assertThat(Server.of("h", 65535).port()).isEqualTo(65535);
    assertUnchanged();
  }

  @Test
  void negativeCapacityRejectedZeroAllowed() {
    assertThatThrownBy(() -> c.addServer("h", 1, -1)).hasMessage("capacity must not be negative, got -1");
    assertUnchanged();
    Server zero = c.addServer("192.168.0.9", 8080, 0);
    for (int i = 0; i < 2000; i++) {
      assertThat(c.resolve("k" + i)).isNotEqualTo(zero);
    }
    assertThat(c.servers()).contains(zero);
  }

  @Test
  void duplicateServerEvenWithOtherCapacity() {
    assertThatThrownBy(() -> c.addServer("192.168.0.2", 8080, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("server already added: 192.168.0.2:8080");
    assertUnchanged();
  }

  @Test
  void batchWithOneBadServerAddsNothing() {
    assertThatThrownBy(() -> c.addServers(Server.of("10.0.0.1", 1), Server.of("10.0.0.2", 1), Server.of("192.168.0.1", 8080)))
        .hasMessage("server already added: 192.168.0.1:8080");
    assertThatThrownBy(() -> c.addServers(Server.of("10.0.0.1", 1), Server.of("10.0.0.1", 1)))
        .hasMessage("server already added: 10.0.0.1:1");
    assertThatThrownBy(() -> c.addServers(Server.of("10.0.0.1", 1), null)).isInstanceOf(NullPointerException.class);
    assertUnchanged();
  }

  @Test
  void removingUnknownServer() {
    assertThatThrownBy(() -> c.removeServer("192.168.0.4", 8080))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown server: 192.168.0.4:8080");
    assertThatThrownBy(() -> c.removeServers(List.of(Server.of("192.168.0.1", 8080), Server.of("192.168.0.1", 8080))))
        .hasMessage("unknown server: 192.168.0.1:8080");
    assertThatThrownBy(() -> c.updateServer(Server.of("10.9.9.9", 1, 3))).hasMessage("unknown server: 10.9.9.9:1");
    assertUnchanged();
  }

  @Test
  void nullKey() {
    assertThatThrownBy(() -> c.resolve((String) null)).isInstanceOf(NullPointerException.class).hasMessage("key must not be null");
    assertThatThrownBy(() -> c.resolve((byte[]) null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> c.resolve((String) null, 1)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void totalDotsLimits() {
    assertThatThrownBy(() -> new Continuum(0)).hasMessage("totalDots must be at least 1, got 0");
    assertThatThrownBy(() -> new Continuum(-5)).hasMessage("totalDots must be at least 1, got -5");
    assertThatThrownBy(() -> new Continuum(Integer.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit is " + Checks.MAX_POINTS);
    assertThatThrownBy(() -> Continuum.builder(Algorithm.PYTHON_CONTINUUM).seed(1))
        .hasMessage("seed does not apply to algorithm python-continuum");
  }

  @Test
  void replicaCounts() {
    assertThat(c.resolve("k", 3)).doesNotHaveDuplicates().hasSize(3);
    assertThat(c.resolve("k", 1)).containsExactly(c.resolve("k"));
    assertThatThrownBy(() -> c.resolve("k", 4)).hasMessage("replica count must be in 1..3 (the servers that can take keys), got 4");
    assertThatThrownBy(() -> c.resolve("k", 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Continuum().resolve("k", 1)).isInstanceOf(IllegalStateException.class).hasMessage("empty continuum");
  }

  @Test
  void serverParsing() {
    assertThat(Server.parse("10.0.0.1:11211")).isEqualTo(Server.of("10.0.0.1", 11211));
    assertThat(Server.parse("10.0.0.1:11211:3").capacity()).isEqualTo(3);
    assertThat(Server.parse("[::1]:11211").host()).isEqualTo("::1");
    assertThat(Server.parse("[::1]:11211").hostPort()).isEqualTo("[::1]:11211");
    assertThatThrownBy(() -> Server.parse("nohost")).hasMessage("expected host:port[:capacity], got \"nohost\"");
    assertThatThrownBy(() -> Server.parse("h:x")).hasMessage("port is not a number: \"x\" in \"h:x\"");
    assertThatThrownBy(() -> Server.parse("h:1:2:3")).hasMessageContaining("expected host:port[:capacity]");
    assertThatThrownBy(() -> Server.parse(":80")).hasMessage("host must not be empty or blank");
  }

  @Test
  void serverValueSemantics() {
    Server a = Server.of("h", 1, 1);
    Server b = Server.of("h", 1, 7).withName("n").withAddress("10.0.0.1");
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(b.capacity()).isEqualTo(7);
    assertThat(b.name()).isEqualTo("n");
    assertThat(b.address()).isEqualTo("10.0.0.1");
    assertThat(a.sameAs(b)).isFalse();
    assertThatThrownBy(() -> a.withName("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void listsAreUnmodifiableSnapshots() {
    List<Server> list = c.servers();
    assertThatThrownBy(() -> list.add(Server.of("x", 1))).isInstanceOf(UnsupportedOperationException.class);
    c.addServer("192.168.0.9", 1);
    assertThat(list).hasSize(3);
    assertThat(c.servers()).hasSize(4);
  }

  /** Regression: {@code addServers((Server[]) null)} threw a NullPointerException without a message. */
  @Test
  void nullServerArrayIsNamed() {
    assertThatThrownBy(() -> c.addServers((Server[]) null)).isInstanceOf(NullPointerException.class).hasMessage("servers");
    assertUnchanged();
  }
}
