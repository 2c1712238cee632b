package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code resolve(long keyHash)}: what it means for every algorithm, and who rejects it. */
class PrehashedKeysTest {
  private static final String[] KEYS = Placements.keys(5_000, 21);

  private static Continuum build(Algorithm a, long seed) {
    return build(a, seed, null);
  }

  private static Continuum build(Algorithm a, long seed, KeyHashFunction keyHash) {
    Continuum.Builder b = Continuum.builder(a);
    if (keyHash != null) {
      b.keyHash(keyHash);
    }
    if (a.accepts(Options.Knob.SEED)) {
      b.seed(a == Algorithm.PYMEMCACHE ? seed & 0xFFFFFFFFL : seed);
    }
    Continuum c = b.build();
    List<Server> servers = Placements.servers(40, seed);
    for (int i = 0; i < servers.size(); i++) {
      Server s = servers.get(i);
      c.addServer(a.supportsWeights() ? Server.of(s.host(), s.port(), 1 + i % 3) : s);
    }
    return c;
  }

  /**
   * A key and its key hash (the algorithm's default, xxHash64 or rapidhash-wide, or each function
   * chosen; rapidhash as hash4j computes it, over the UTF-8 bytes (widened for rapidhash-wide) with
   * the seed, computed here rather than by the placement) place alike,
   * primary and replicas, for every algorithm that takes prehashed keys; after a removal too, where
   * history matters.
   */
  @Test
  void aKeyAndItsHashPlaceAlike() {
    for (Algorithm a : Algorithm.values()) {
      if (!a.has(Algorithm.Capability.PREHASHED_KEYS)) {
        continue;
      }
      for (KeyHashFunction f : new KeyHashFunction[] {null, KeyHashFunction.XXHASH64, KeyHashFunction.RAPIDHASH,
          KeyHashFunction.RAPIDHASH_WIDE}) {
        checkKeyAndHash(a, f);
      }
    }
  }

  private static void checkKeyAndHash(Algorithm a, KeyHashFunction f) {
    Continuum c = build(a, 99, f);
    for (int round = 0; round < 2; round++) {
      for (String key : KEYS) {
        byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
        KeyHashFunction g = f != null ? f : a.defaultKeyHash().orElseThrow();
        long h = switch (g) {
          case RAPIDHASH -> com.dynatrace.hash4j.hashing.Hashing.rapidhashV3(99).hashBytesToLong(utf8);
          case RAPIDHASH_WIDE -> Models.wide(utf8, 99);
          case XXHASH64 -> XxHash64.hash(utf8, 99);
        };
        assertThat(c.resolve(h)).as("%s %s %s", a, f, key).isEqualTo(c.resolve(key));
        assertThat(c.resolve(h, 3)).as("%s %s %s", a, f, key).isEqualTo(c.resolve(key, 3));
      }
      c.removeServer(c.servers().get(7));
    }
  }

  @Test
  void dialectsRejectAHashAndKeepTheirState() {
    for (Algorithm a : Algorithm.values()) {
      if (a.has(Algorithm.Capability.PREHASHED_KEYS)) {
        continue;
      }
      assertThat(a.isCompatibilityDialect()).as(a.cliName()).isTrue();
      Continuum c = build(a, 5);
      Server before = c.resolve("k");
      assertThatThrownBy(() -> c.resolve(42L)).as(a.cliName()).isInstanceOf(UnsupportedOperationException.class)
          .hasMessageStartingWith(a.cliName() + " places keys by its peer's own key hash")
          .hasMessageContaining("jumpback");
      assertThatThrownBy(() -> c.resolve(42L, 2)).isInstanceOf(UnsupportedOperationException.class);
      assertThat(c.resolve("k")).isEqualTo(before);
    }
  }

  @Test
  void emptyAndReplicaLimits() {
    Continuum c = new Continuum(Algorithm.JUMPBACK);
    assertThatThrownBy(() -> c.resolve(1L)).isInstanceOf(IllegalStateException.class).hasMessage("empty continuum");
    assertThatThrownBy(() -> c.resolve(1L, 1)).isInstanceOf(IllegalStateException.class);
    c.addServers(Placements.servers(3, 1));
    assertThat(c.resolve(Long.MIN_VALUE, 3)).containsExactlyInAnyOrderElementsOf(c.servers());
    assertThatThrownBy(() -> c.resolve(1L, 4)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("replica count must be in 1..3");
    assertThatThrownBy(() -> c.resolve(1L, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
