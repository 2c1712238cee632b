package dev.continuum.cli;

import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code continuum fingerprint}: the placement fingerprint of a server source, for agreement checks. */
@Command(
    name = "fingerprint",
    header = "Prints the placement fingerprint of a fleet, to check that configurations agree.",
    abbreviateSynopsis = true,
    mixinStandardHelpOptions = true,
    sortOptions = false,
    optionListHeading = "%nOptions:%n",
    description = {
      "Prints the placement fingerprint of the servers and algorithm given: a short string that is equal for "
          + "every configuration placing every key alike, and different as soon as one key could be placed "
          + "elsewhere (Continuum.fingerprint(); spymemcached's ContinuumNodeLocator.fingerprint()).",
      "Use it in a deploy script to check that a twemproxy pool, a libketama file and a client's server list "
          + "agree. With --expect, exits 1 (printing both) when the fingerprint differs.",
      "For jump, jumpback and memento, which depend on the order of past changes, a list gives slot i to its i-th server.",
      "",
      "Examples:",
      "  continuum fingerprint --twemproxy examples/nutcracker.yml --pool cache",
      "  continuum fingerprint --servers examples/fleet.txt --algorithm twemproxy-md5",
      "  continuum fingerprint --libketama examples/ketama.servers \\",
      "      --expect libmemcached-ketama-weighted-v1-0123456789abcdef"
    })
final class FingerprintCommand implements Callable<Integer> {
  /** Exit code when --expect does not match. */
  static final int DIFFERENT = 1;

  @Spec CommandSpec spec;
  @Mixin ServerOptions serverOptions;
  @Mixin AlgorithmOption algorithmOption;

  @Option(names = "--expect", paramLabel = "FINGERPRINT",
      description = "The fingerprint the servers must have; exit 1 if they do not.%n  e.g. --expect twemproxy-md5-v1-....")
  String expect;

  @Override
  public Integer call() throws IOException {
    Fleet fleet = serverOptions.fleet();
    algorithmOption.imply(fleet);
    Algorithm algorithm = algorithmOption.algorithm(fleet.implied);
    Continuum c = algorithmOption.build(algorithm, fleet.servers, spec.commandLine().getErr());
    String fingerprint = c.fingerprint();
    spec.commandLine().getOut().println(fingerprint);
    if (expect != null && !expect.strip().equals(fingerprint)) {
      spec.commandLine().getErr().println("continuum: fingerprint " + fingerprint + " of " + fleet.source
          + " differs from the expected " + expect.strip());
      return DIFFERENT;
    }
    return 0;
  }
}
