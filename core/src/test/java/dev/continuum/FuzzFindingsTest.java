package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * What fuzzing found, as plain regression tests (the crashing inputs themselves are also kept in
 * the targets' Inputs folders, named {@code finding-*}).
 */
class FuzzFindingsTest {
  /** {@code [[I]:1} parsed as host "[I", whose hostPort() "[I:1" could not be read back. */
  @Test
  void bracketsInsideAHostAreRejected() {
    assertThatThrownBy(() -> Server.parse("[[I]:1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("host must not contain '[' or ']': \"[I\"");
    assertThatThrownBy(() -> Server.of("a]b", 1)).hasMessage("host must not contain '[' or ']': \"a]b\"");
    assertThat(Server.parse("[::1]:1").hostPort()).isEqualTo("[::1]:1");
  }

  /**
   * A byte-order mark starting line 2 of a server list became part of the host "\uFEFFh", which
   * prints like "h" but places differently, and lost its BOM when written back as line 1.
   */
  @Test
  void invisibleCharactersAndBrokenSurrogatesInAHostAreRejected() {
    assertThatThrownBy(() -> ServerList.parse("# fleet\n\uFEFFh:1\n", "f.txt"))
        .isInstanceOf(ServerList.FormatException.class)
        .hasMessage("f.txt:2: host must not contain whitespace, control, invisible format characters or unpaired"
            + " surrogates: \"\uFEFFh\"");
    for (String host : new String[] {"a\u200Bb", "a\u202Eb", "a\uD800", "\uDC00a"}) {
      assertThatThrownBy(() -> Server.of(host, 1)).as(host).hasMessageStartingWith("host must not contain");
    }
    assertThat(ServerList.parse("\uFEFFh:1\n", "bom.txt")).containsExactly(Server.of("h", 1)); // a real BOM
    assertThat(Server.of("caf\u00e9-\uD83D\uDE00.example", 1).host()).hasSize(15); // accents and pairs are fine
  }
}
