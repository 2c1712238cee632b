package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServerListTest {
  @Test
  void readsServersCapacitiesNamesAndComments() {
    List<Server> list = ServerList.parse(
        "# fleet\n\n10.0.0.1:11211\n  10.0.0.2:11211 3   # big one\n10.0.0.3:22122 1 cache-c\n[::1]:11211 2\n", "fleet.txt");
    assertThat(list).extracting(Server::hostPort)
        .containsExactly("10.0.0.1:11211", "10.0.0.2:11211", "10.0.0.3:22122", "[::1]:11211");
    assertThat(list).extracting(Server::capacity).containsExactly(1, 3, 1, 2);
    assertThat(list.get(2).name()).isEqualTo("cache-c");
  }

  @Test
  void badLinesNameFileAndLine() {
    assertThatThrownBy(() -> ServerList.parse("10.0.0.1:11211\nfoo\n", "a.txt"))
        .isInstanceOf(ServerList.FormatException.class)
        .hasMessage("a.txt:2: expected host:port[:capacity], got \"foo\"");
    assertThatThrownBy(() -> ServerList.parse("h:99999\n", "b.txt")).hasMessage("b.txt:1: port must be in 1..65535, got 99999");
    assertThatThrownBy(() -> ServerList.parse("h:1 x\n", "c.txt")).hasMessage("c.txt:1: capacity is not a number: \"x\" in \"x\"");
    assertThatThrownBy(() -> ServerList.parse("h:1 -2\n", "d.txt")).hasMessage("d.txt:1: capacity must not be negative, got -2");
    assertThatThrownBy(() -> ServerList.parse("h:1\n\nh:1 2\n", "e.txt")).hasMessage("e.txt:3: duplicate server h:1");
    assertThatThrownBy(() -> ServerList.parse("h:1 1 a b\n", "f.txt")).hasMessageStartingWith("f.txt:1: expected");
    assertThatThrownBy(() -> ServerList.parse("h:1 1 n\ng:1 1 n\n", "g.txt")).hasMessage("g.txt:2: duplicate server name n");
    ServerList.FormatException e = org.junit.jupiter.api.Assertions.assertThrows(
        ServerList.FormatException.class, () -> ServerList.parse("\n\n\nbad\n", "h.txt"));
    assertThat(e.source()).isEqualTo("h.txt");
    assertThat(e.line()).isEqualTo(4);
  }
}
