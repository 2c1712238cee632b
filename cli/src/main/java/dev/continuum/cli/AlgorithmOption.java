package dev.continuum.cli;

import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import dev.continuum.KeyHashFunction;
import dev.continuum.Server;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --algorithm NAME}, {@code --seed N}, {@code --total-dots N} and {@code --hash NAME}: which placement a
 * command uses, with
 * its knobs. Shared by every command.
 */
final class AlgorithmOption {
  /** python-continuum's default totaldots. */
  static final int DEFAULT_TOTAL_DOTS = 1000;

  /** The dots a server needs for a usable balance: ketama's 40 md5 digests of 4 points. */
  static final int GOOD_DOTS = 160;

  /** Fewer dots than this for any server and the notice on standard error is printed. */
  static final int FEW_DOTS = 40;

  @Option(names = "--algorithm", paramLabel = "NAME", completionCandidates = AlgorithmNames.class,
      description = "The placement algorithm or dialect by name, as 'continuum algorithms' lists them "
          + "(default: the one the server file implies, else python-continuum).%n  e.g. --algorithm python-continuum.")
  String name;

  @Option(names = "--seed", paramLabel = "N",
      description = "The hash seed, for algorithms that take one.%n  e.g. --seed 42.")
  Long seed;

  @Option(names = "--total-dots", paramLabel = "N",
      description = "python-continuum's totaldots, the ring entries shared by all servers (default 1000: "
          + "fewer than 40 a server from 26 servers on; give 160 a server for large fleets).%n  e.g. --total-dots 160000.")
  Integer totalDots;

  @Option(names = "--hash", paramLabel = "NAME",
      description = "The key hash of continuum's own algorithms: xxhash64 (default) or rapidhash (the same as "
          + "hash4j's rapidhashV3); the dialects always hash as their peer does.%n  e.g. --hash rapidhash.")
  String hash;

  /** The chosen key hash, or null for the algorithm's default; an unknown name is an error. */
  KeyHashFunction keyHash() {
    if (hash == null) {
      return null;
    }
    List<String> names = new java.util.ArrayList<>();
    for (KeyHashFunction f : KeyHashFunction.values()) {
      if (f.cliName().equals(hash)) {
        return f;
      }
      names.add(f.cliName());
    }
    String near = Suggest.nearest(hash, names);
    throw new UserException("unknown key hash \"" + hash + "\"" + (near != null ? "; did you mean " + near + "?" : "")
        + " (known: " + String.join(", ", names) + ")");
  }

  @Option(names = "--avalanche",
      description = "HAProxy's avalanche hash modifier, for the haproxy-* dialects (an --haproxy file with a bare "
          + "'hash-type consistent' implies it).%n  e.g. --avalanche --algorithm haproxy-crc32.")
  boolean avalanche;

  /** True once an input file implied the avalanche modifier (see {@link #imply}). */
  private boolean impliedAvalanche;

  /** Takes what {@code fleet}'s file implies beyond the algorithm: HAProxy's avalanche modifier. */
  void imply(Fleet fleet) {
    impliedAvalanche |= fleet.avalanche;
  }

  /**
   * Whether {@code algorithm} is built with HAProxy's avalanche modifier: given or implied, for a
   * HAProxy dialect.
   *
   * @throws UserException when --avalanche was given for an algorithm without the modifier
   */
  boolean avalancheFor(Algorithm algorithm) {
    boolean takes = algorithm.options().contains("avalanche");
    if (avalanche && !takes) {
      throw new UserException("--avalanche applies to the haproxy-* dialects only, not " + algorithm.cliName());
    }
    return takes && (avalanche || impliedAvalanche);
  }

  /** The chosen algorithm: the option, else {@code implied}, else python-continuum. */
  Algorithm algorithm(Algorithm implied) {
    if (name != null) {
      return byName(name);
    }
    return implied != null ? implied : Algorithm.PYTHON_CONTINUUM;
  }

  /** The algorithm called {@code name}, or an error that suggests the nearest name. */
  static Algorithm byName(String name) {
    for (Algorithm a : Algorithm.values()) {
      if (a.cliName().equals(name)) {
        return a;
      }
    }
    List<String> names = new java.util.ArrayList<>();
    for (Algorithm a : Algorithm.values()) {
      names.add(a.cliName());
    }
    String near = Suggest.nearest(name, names);
    throw new UserException("unknown algorithm \"" + name + "\"" + (near != null ? "; did you mean " + near + "?" : "")
        + " ('continuum algorithms' lists them all)");
  }

  /**
   * A new continuum of {@code algorithm} (with the seed, if given) holding {@code servers}; for
   * python-continuum, says on {@code err} when a server gets too few dots (the faithful default of
   * 1000 dots for the whole fleet starves large fleets), and explains an empty continuum.
   */
  Continuum build(Algorithm algorithm, List<Server> servers, PrintWriter err) {
    if (algorithm == Algorithm.PYTHON_CONTINUUM) {
      checkDots(servers, totalDots == null ? DEFAULT_TOTAL_DOTS : totalDots, err);
    }
    return build(algorithm, seed, totalDots, avalancheFor(algorithm), keyHash(), servers);
  }

  static Continuum build(Algorithm algorithm, Long seed, Integer totalDots, List<Server> servers) {
    return build(algorithm, seed, totalDots, false, null, servers);
  }

  /** As {@link #build(Algorithm, Long, Integer, List)}, with HAProxy's avalanche modifier when {@code avalanche}. */
  static Continuum build(Algorithm algorithm, Long seed, Integer totalDots, boolean avalanche, List<Server> servers) {
    return build(algorithm, seed, totalDots, avalanche, null, servers);
  }

  /** As {@link #build(Algorithm, Long, Integer, boolean, List)} with a key hash (null: the default). */
  static Continuum build(Algorithm algorithm, Long seed, Integer totalDots, boolean avalanche, KeyHashFunction keyHash,
      List<Server> servers) {
    Continuum.Builder b = Continuum.builder(algorithm);
    if (avalanche) {
      b.avalanche(true);
    }
    if (keyHash != null) {
      b.keyHash(keyHash);
    }
    if (seed != null) {
      b.seed(seed);
    }
    if (totalDots != null) {
      b.totalDots(totalDots);
    }
    Continuum c = b.build();
    c.addServers(servers);
    return c;
  }

  /**
   * python-continuum gives each server {@code (int) (totalDots * (capacity / total))} dots, so with
   * many servers most get none. Faithful, but worth a line on standard error, and fatal (with the
   * reason) when no server gets any.
   */
  static void checkDots(List<Server> servers, int totalDots, PrintWriter err) {
    double total = 0;
    int smallest = Integer.MAX_VALUE;
    for (Server s : servers) {
      total += s.capacity();
      if (s.capacity() > 0) {
        smallest = Math.min(smallest, s.capacity());
      }
    }
    if (total == 0 || totalDots < 1) {
      return; // no weight at all, or a bad --total-dots: the library's own error says it
    }
    int none = 0;
    int fewest = Integer.MAX_VALUE;
    long dots = 0;
    for (Server s : servers) {
      if (s.capacity() > 0) {
        int d = (int) (totalDots * (s.capacity() / total));
        dots += d;
        fewest = Math.min(fewest, d);
        none += d < 4 ? 1 : 0;
      }
    }
    if (fewest >= FEW_DOTS) {
      return;
    }
    long suggested = (long) Math.ceil(GOOD_DOTS * total / smallest);
    String advice = suggested <= Integer.MAX_VALUE
        ? String.format("--total-dots %d gives each server at least %d", suggested, GOOD_DOTS)
        : "the weights are too uneven for every server to get " + GOOD_DOTS + " dots";
    if (dots == 0) {
      throw new UserException(String.format("empty continuum: python-continuum shares --total-dots %,d among "
          + "the servers by weight, (int) (%d * weight / %,.0f), and that is 0 for each of the %,d servers; %s",
          totalDots, totalDots, total, servers.size(), advice));
    }
    err.println(String.format("continuum: python-continuum shares --total-dots %,d among %,d servers: %s; "
        + "keys are unevenly spread (as python-continuum does); %s", totalDots, servers.size(),
        none > 0 ? String.format("%,d of them get fewer than 4 dots, so none hashed onto the ring (python-continuum "
            + "puts a remainder below 4 at positions 0, 1, 2) and almost no keys", none)
            : String.format("the smallest gets %d dots (fewer than %d)", fewest, FEW_DOTS), advice));
  }

  /** The names picocli offers for {@code --algorithm} in shell completion. */
  static final class AlgorithmNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      List<String> names = new java.util.ArrayList<>();
      for (Algorithm a : Algorithm.values()) {
        names.add(a.cliName());
      }
      return names.iterator();
    }
  }
}
