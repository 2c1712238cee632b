package dev.continuum.cli;

import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import dev.continuum.KeyHashFunction;
import dev.continuum.Server;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --algorithm NAME} and its knobs ({@code --seed}, {@code --hash}, {@code --total-dots},
 * {@code --points-per-weight}, {@code --probes}, {@code --table-size}, {@code --avalanche}): which
 * placement a command uses, with the builder options the library offers. Shared by every command.
 * Numeric knobs are checked as they are parsed, by the library's own builder setter (one validation
 * layer), so a bad value stops the command before any file is read.
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

  @Option(names = "--total-dots", paramLabel = "N", converter = TotalDots.class,
      description = "python-continuum's totaldots, the ring entries shared by all servers (default 1000: "
          + "fewer than 40 a server from 26 servers on; give 160 a server for large fleets).%n  e.g. --total-dots 160000.")
  Integer totalDots;

  @Option(names = "--points-per-weight", paramLabel = "N", converter = PointsPerWeight.class,
      description = "Ring points per unit of weight, for ring and bounded-load (default 160), and dubbo's hash.nodes "
          + "(points per invoker, default 160, at least 4); 1 to 65536.%n  e.g. --points-per-weight 400.")
  Integer pointsPerWeight;

  @Option(names = "--probes", paramLabel = "N", converter = Probes.class,
      description = "Hashes per key of multi-probe (default 21); 1 to 1024.%n  e.g. --probes 35.")
  Integer probes;

  @Option(names = "--table-size", paramLabel = "N", converter = TableSize.class,
      description = "maglev's lookup-table size, a prime (default 65537); at least the number of servers, "
          + "100 times more for good balance.%n  e.g. --table-size 655373.")
  Integer tableSize;

  /**
   * A knob's number, checked at once by the library's builder setter for an algorithm that takes it:
   * the range and its message are the library's.
   */
  private abstract static class Knob implements CommandLine.ITypeConverter<Integer> {
    private final Algorithm takesIt;
    private final java.util.function.ObjIntConsumer<Continuum.Builder> setter;

    Knob(Algorithm takesIt, java.util.function.ObjIntConsumer<Continuum.Builder> setter) {
      this.takesIt = takesIt;
      this.setter = setter;
    }

    @Override
    public Integer convert(String text) {
      int n;
      try {
        n = Integer.parseInt(text.strip());
      } catch (NumberFormatException e) {
        throw new CommandLine.TypeConversionException("'" + text + "' is not a whole number");
      }
      try {
        setter.accept(Continuum.builder(takesIt), n);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
      return n;
    }
  }

  static final class TotalDots extends Knob {
    TotalDots() {
      super(Algorithm.PYTHON_CONTINUUM, Continuum.Builder::totalDots);
    }
  }

  static final class PointsPerWeight extends Knob {
    PointsPerWeight() {
      super(Algorithm.RING, Continuum.Builder::pointsPerWeight);
    }
  }

  static final class Probes extends Knob {
    Probes() {
      super(Algorithm.MULTI_PROBE, Continuum.Builder::probes);
    }
  }

  static final class TableSize extends Knob {
    TableSize() {
      super(Algorithm.MAGLEV, Continuum.Builder::tableSize);
    }
  }

  /**
   * Sets the structural knobs given ({@code --points-per-weight}, {@code --probes},
   * {@code --table-size}) on {@code b}; the library rejects one its algorithm does not take.
   */
  void tune(Continuum.Builder b) {
    if (pointsPerWeight != null) {
      b.pointsPerWeight(pointsPerWeight);
    }
    if (probes != null) {
      b.probes(probes);
    }
    if (tableSize != null) {
      b.tableSize(tableSize);
    }
  }

  @Option(names = "--hash", paramLabel = "NAME",
      description = "The key hash of continuum's own algorithms: xxhash64 (the default but for jumpback and "
          + "memento), rapidhash (hash4j's rapidhashV3) or rapidhash-wide (the default of jumpback and memento: "
          + "rapidhashV3 of each byte widened to 16 bits, hash4j's hashCharsToLong for ASCII keys); the dialects "
          + "always hash as their peer does.%n  e.g. --hash xxhash64.")
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
    return build(algorithm, seed, totalDots, avalancheFor(algorithm), keyHash(), this, servers);
  }

  static Continuum build(Algorithm algorithm, Long seed, Integer totalDots, List<Server> servers) {
    return build(algorithm, seed, totalDots, false, null, null, servers);
  }

  /**
   * A continuum of {@code algorithm} holding {@code servers}, with each knob that is given (null: the
   * default): HAProxy's avalanche modifier when {@code avalanche}, a key hash, and the structural knobs
   * of {@code tuning}.
   */
  static Continuum build(Algorithm algorithm, Long seed, Integer totalDots, boolean avalanche, KeyHashFunction keyHash,
      AlgorithmOption tuning, List<Server> servers) {
    Continuum.Builder b = Continuum.builder(algorithm);
    if (tuning != null) {
      tuning.tune(b);
    }
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
