package dev.continuum;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Shared set-up of the placement property tests: the algorithms covered and what each promises. */
final class Placements {
  private Placements() {}

  /** How keys move when a server is removed. */
  enum Removal {
    /** Only the removed server's keys move. */
    MINIMAL,
    /**
     * jump, jumpback: the removed server's keys move to the last slot's server, whose other keys move
     * away.
     */
    LAST_TAKES_SLOT,
    /** maglev: a small fraction of other keys move too (bounded in the tests). */
    NEAR_MINIMAL,
    /** python-continuum: dots are redistributed over every server; no promise. */
    NONE
  }

  /** The algorithms under test and their promises. Dialects join here as they are implemented. */
  enum Spec {
    PYTHON_CONTINUUM(Algorithm.PYTHON_CONTINUUM, Removal.NONE, false),
    RING(Algorithm.RING, Removal.MINIMAL, true),
    JUMP(Algorithm.JUMP, Removal.LAST_TAKES_SLOT, true),
    JUMPBACK(Algorithm.JUMPBACK, Removal.LAST_TAKES_SLOT, true),
    RENDEZVOUS(Algorithm.RENDEZVOUS, Removal.MINIMAL, true),
    MAGLEV(Algorithm.MAGLEV, Removal.NEAR_MINIMAL, false),
    MULTI_PROBE(Algorithm.MULTI_PROBE, Removal.MINIMAL, true),
    BOUNDED_LOAD(Algorithm.BOUNDED_LOAD, Removal.MINIMAL, true),
    MEMENTO(Algorithm.MEMENTO, Removal.MINIMAL, true);

    final Algorithm algorithm;
    final Removal removal;
    /** Adding a server moves keys only to it. */
    final boolean minimalAdd;

    Spec(Algorithm algorithm, Removal removal, boolean minimalAdd) {
      this.algorithm = algorithm;
      this.removal = removal;
      this.minimalAdd = minimalAdd;
    }

    Continuum continuum(long seed) {
      Continuum.Builder b = Continuum.builder(algorithm);
      if (algorithm.accepts(Options.Knob.SEED)) {
        b.seed(seed);
      }
      return b.build();
    }
  }

  /** {@code n} distinct servers named from {@code seed}, capacity 1. */
  static List<Server> servers(int n, long seed) {
    Random r = new Random(seed);
    List<Server> out = new ArrayList<>();
    while (out.size() < n) {
      Server s = Server.of("10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256), 1024 + r.nextInt(60000));
      if (!out.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }

  static String[] keys(int n, long seed) {
    String[] k = new String[n];
    for (int i = 0; i < n; i++) {
      k[i] = "k" + seed + ":" + i;
    }
    return k;
  }

  static Server[] resolveAll(Continuum c, String[] keys) {
    Server[] out = new Server[keys.length];
    for (int i = 0; i < keys.length; i++) {
      out[i] = c.resolve(keys[i]);
    }
    return out;
  }
}
