package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;

/**
 * Fuzz targets for the server-list reader and {@link Server#parse}: untrusted configuration text.
 * Only {@link ServerList.FormatException} (an {@link IllegalArgumentException} naming file and line)
 * or, for {@code Server.parse}, an {@link IllegalArgumentException} may escape; whatever is accepted
 * is a valid list that reads back the same when written out again.
 *
 * <p>{@code mvn test} runs each target on its committed inputs (src/test/resources/dev/continuum/
 * ServerListFuzzTestInputs/); {@code scripts/fuzz} fuzzes them (see SECURITY.md).
 */
class ServerListFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void serverList(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    List<Server> servers;
    try {
      servers = ServerList.parse(text, "fuzz.txt");
    } catch (ServerList.FormatException e) {
      assertThat(e.getMessage()).startsWith("fuzz.txt:" + e.line() + ": ");
      assertThat(e.line()).isPositive();
      assertThat(e.getMessage().length()).isGreaterThan(("fuzz.txt:" + e.line() + ": ").length());
      return;
    }
    assertThat(new HashSet<>(servers)).hasSameSizeAs(servers);
    StringBuilder again = new StringBuilder();
    for (Server s : servers) {
      again.append(s.hostPort()).append(' ').append(s.capacity());
      if (s.name() != null) {
        again.append(' ').append(s.name());
      }
      again.append('\n');
    }
    List<Server> reread = ServerList.parse(again.toString(), "again.txt");
    assertThat(reread).hasSameSizeAs(servers);
    for (int i = 0; i < servers.size(); i++) {
      assertThat(reread.get(i).sameAs(servers.get(i))).as("round trip of %s", servers.get(i)).isTrue();
    }
  }

  @FuzzTest(maxDuration = "30s")
  void serverSpec(byte[] input) {
    String spec = new String(input, StandardCharsets.UTF_8);
    Server s;
    try {
      s = Server.parse(spec);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    assertThat(s.port()).isBetween(1, 65535);
    assertThat(s.capacity()).isNotNegative();
    assertThat(Server.parse(s.hostPort() + ":" + s.capacity()).sameAs(s)).isTrue();
  }
}
