package dev.continuum.cli;

import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import dev.continuum.Server;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --algorithm NAME}, {@code --seed N} and {@code --total-dots N}: which placement a command uses, with
 * its knobs. Shared by every command.
 */
final class AlgorithmOption {
  @Option(names = "--algorithm", paramLabel = "NAME",
      description = "The placement algorithm or dialect by name, e.g. --algorithm python-continuum "
          + "(default: the one the server file implies, else python-continuum).")
  String name;

  @Option(names = "--seed", paramLabel = "N",
      description = "The hash seed, for algorithms that take one, e.g. --seed 42.")
  Long seed;

  @Option(names = "--total-dots", paramLabel = "N",
      description = "python-continuum's totaldots, the ring entries shared by all servers (default 1000; "
          + "give a few hundred per server for large fleets), e.g. --total-dots 160000.")
  Integer totalDots;

  /** The chosen algorithm: the option, else {@code implied}, else python-continuum. */
  Algorithm algorithm(Algorithm implied) {
    if (name != null) {
      return Algorithm.byName(name);
    }
    return implied != null ? implied : Algorithm.PYTHON_CONTINUUM;
  }

  /** A new continuum of {@code algorithm} (with the seed, if given) holding {@code servers}. */
  Continuum build(Algorithm algorithm, List<Server> servers) {
    return build(algorithm, seed, totalDots, servers);
  }

  static Continuum build(Algorithm algorithm, Long seed, Integer totalDots, List<Server> servers) {
    try {
      Continuum.Builder b = Continuum.builder(algorithm);
      if (seed != null) {
        b.seed(seed);
      }
      if (totalDots != null) {
        b.totalDots(totalDots);
      }
      Continuum c = b.build();
      c.addServers(servers);
      return c;
    } catch (UnsupportedOperationException e) {
      throw new UserException(e.getMessage() == null ? algorithm.cliName() + " is not available" : e.getMessage());
    }
  }
}
