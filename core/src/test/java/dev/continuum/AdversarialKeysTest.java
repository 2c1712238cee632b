package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hash flooding: an outsider who controls keys and knows the (public) hash can pick keys that all
 * land on one server. continuum's own algorithms take a secret seed ({@code Continuum.Builder.seed});
 * keys crafted against the unseeded placement then spread like any keys. Compatibility dialects
 * reproduce another program's placement, so they cannot be seeded (pymemcache's seed is its own
 * murmur3 seed, part of the reproduced behaviour, not a secret).
 */
class AdversarialKeysTest {
  private static final int SERVERS = 10;
  private static final int CRAFTED = 2_000;
  /** Not a real secret: tests need a fixed value; applications draw theirs from a SecureRandom. */
  private static final long SECRET = 0x9E3779B97F4A7C15L;

  /** continuum's own algorithms: those that must take a secret seed. */
  static Stream<Algorithm> ownAlgorithms() {
    return Arrays.stream(Algorithm.values()).filter(a -> !a.isCompatibilityDialect());
  }

  /** The compatibility dialects whose peer has no seed at all (pymemcache's seed is its murmur3's). */
  static Stream<Algorithm> unseededDialects() {
    return Arrays.stream(Algorithm.values()).filter(a -> a.isCompatibilityDialect() && a != Algorithm.PYMEMCACHE);
  }

  @ParameterizedTest
  @MethodSource("ownAlgorithms")
  void craftedKeysSpreadOnceSeeded(Algorithm a) {
    assertThat(a.accepts(Options.Knob.SEED))
        .as("%s is continuum's own algorithm and must accept a secret seed", a.cliName()).isTrue();

    List<Server> fleet = new ArrayList<>();
    for (int i = 0; i < SERVERS; i++) {
      fleet.add(Server.of("10.0.0." + i, 11211));
    }
    Continuum unseeded = Continuum.builder(a).build();
    unseeded.addServers(fleet);
    Server target = fleet.get(3);
    // The attack: try keys offline until CRAFTED of them land on the target.
    List<String> crafted = new ArrayList<>();
    for (int i = 0; crafted.size() < CRAFTED; i++) {
      String key = "attack-" + i;
      if (unseeded.resolve(key).equals(target)) {
        crafted.add(key);
      }
    }

    Continuum seeded = Continuum.builder(a).seed(SECRET).build();
    seeded.addServers(fleet);
    int[] counts = new int[SERVERS];
    for (String key : crafted) {
      counts[fleet.indexOf(seeded.resolve(key))]++;
    }
    // Spread normally: each server near CRAFTED / SERVERS = 200 (binomial sd about 13; the bounds
    // allow the placement's own imbalance as well).
    for (int i = 0; i < SERVERS; i++) {
      assertThat(counts[i]).as("%s: crafted keys on server %d once seeded", a.cliName(), i).isBetween(100, 330);
    }
  }

  @ParameterizedTest
  @MethodSource("unseededDialects")
  void compatibilityDialectsRejectASecretSeed(Algorithm a) {
    assertThatThrownBy(() -> Continuum.builder(a).seed(SECRET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("seed does not apply to algorithm " + a.cliName());
  }
}
