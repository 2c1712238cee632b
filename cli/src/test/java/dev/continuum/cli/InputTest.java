package dev.continuum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InputTest {
  /** The UTF-8 check agrees with the JDK's strict decoder on where the first bad byte is. */
  @Test
  void firstMalformedAgreesWithTheJdkDecoder() throws Exception {
    SplittableRandom random = new SplittableRandom(3);
    for (int n = 0; n < 200_000; n++) {
      byte[] b = new byte[random.nextInt(12)];
      for (int i = 0; i < b.length; i++) {
        // mostly bytes that start or continue multi-byte sequences, where the edge cases are
        b[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(128) : 0x80 + random.nextInt(128));
      }
      int bad = Input.firstMalformed(b, 0, b.length);
      assertThat(bad).as("%s", java.util.HexFormat.of().formatHex(b)).isEqualTo(jdkFirstMalformed(b));
    }
  }

  private static int jdkFirstMalformed(byte[] b) {
    var decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(b);
    var out = java.nio.CharBuffer.allocate(b.length * 2 + 2);
    var result = decoder.decode(in, out, true);
    if (result.isError()) {
      return in.position();
    }
    return b.length;
  }

  @Test
  void validTextIsValid() {
    byte[] text = "plain, café, 日本, 😀".getBytes(StandardCharsets.UTF_8);
    assertThat(Input.firstMalformed(text, 0, text.length)).isEqualTo(text.length);
  }
}
