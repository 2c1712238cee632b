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
}
