package dev.continuum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Fuzz target for command-line parsing: any arguments give exit code 0, 1 or 2, and standard error
 * never shows a stack trace. The input is split at NUL bytes into arguments.
 *
 * <p>The harness keeps a run bounded and inside the working directory: '/' becomes '_' (no absolute
 * paths, so no /dev/zero as a key file or {@code @}-file), and numbers beyond 100,000 are skipped (a
 * python-continuum ring of up to 2^28 points is allowed, and takes seconds and gigabytes to build).
 */
class MainFuzzTest {
  private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s+at [\\w$.]+\\(");
  private static final Pattern BIG_NUMBER = Pattern.compile("\\d{6,}|\\d+[eE]\\d");

  @FuzzTest(maxDuration = "30s")
  void arguments(byte[] input) {
    String[] args = new String(input, StandardCharsets.UTF_8).replace('/', '_').split("\0", -1);
    if (input.length == 0) {
      args = new String[0];
    }
    for (String a : args) {
      if (BIG_NUMBER.matcher(a).find()) {
        return;
      }
    }
    Cli r = Cli.run(args);
    assertThat(r.code).as("%s", r).isIn(0, 1, 2);
    assertThat(STACK_FRAME.matcher(r.err).find()).as("stack trace on stderr: %s", r).isFalse();
    assertThat(r.err).as("%s", r).doesNotContain("Exception in thread");
    if (r.code != 0) {
      assertThat(r.err).as("an error says what is wrong: %s", r).isNotBlank();
    }
  }
}
