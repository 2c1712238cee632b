package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz target for the public API with arbitrary keys, over every implemented algorithm: empty, long,
 * every byte value, and strings with unpaired UTF-16 surrogates. {@code resolve(String)} must equal
 * {@code resolve} of the string's UTF-8 bytes, every answer is a member, replicas are distinct with
 * the primary first, and nothing is thrown.
 */
class KeyFuzzTest {
  private static final List<Continuum> CONTINUUMS = build();

  private static List<Continuum> build() {
    List<Continuum> list = new ArrayList<>();
    for (Algorithm a : Algorithm.values()) {
      Continuum c = Continuum.builder(a).build();
      int w = a.supportsWeights() ? 2 : 1; // an algorithm without weights takes capacity 1 only
      c.addServers(Server.of("10.0.0.1", 11211), Server.of("10.0.0.2", 11211, w), Server.of("10.0.0.3", 11212, w == 1 ? 1 : 3),
          Server.of("cache-d", 11211, 1).withAddress("10.0.0.4"), Server.of("::1", 11211, 1));
      list.add(c);
    }
    return List.copyOf(list);
  }

  @FuzzTest(maxDuration = "30s")
  void keys(byte[] input) {
    // The bytes read as UTF-16 code units, so any char sequence, broken surrogates included ...
    char[] chars = new char[input.length / 2];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = (char) ((input[2 * i] & 0xFF) << 8 | (input[2 * i + 1] & 0xFF));
    }
    String utf16 = new String(chars);
    // ... and as Latin-1, so every byte value as a char.
    String latin1 = new String(input, StandardCharsets.ISO_8859_1);
    for (Continuum c : CONTINUUMS) {
      check(c, utf16);
      check(c, latin1);
      Server raw = c.resolve(input);
      assertThat(c.servers()).contains(raw);
      assertThat(c.resolve(input, 2)).hasSize(2).doesNotHaveDuplicates().startsWith(raw);
    }
  }

  private static void check(Continuum c, String key) {
    Server s = c.resolve(key);
    assertThat(c.resolve(key.getBytes(StandardCharsets.UTF_8))).as("%s: string and UTF-8 bytes", c).isSameAs(s);
    assertThat(c.servers()).contains(s);
    List<Server> replicas = c.resolve(key, 3);
    assertThat(replicas).hasSize(3).doesNotHaveDuplicates().startsWith(s);
  }
}
