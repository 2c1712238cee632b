package dev.continuum.cli;

import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import dev.continuum.Server;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code continuum balance}: how evenly a fleet shares the keys. */
@Command(
    name = "balance",
    header = "Prints how evenly a fleet shares the keys.",
    abbreviateSynopsis = true,
    mixinStandardHelpOptions = true,
    sortOptions = false,
    optionListHeading = "%nOptions:%n",
    description = {
      "Prints each server's share of the keys next to its ideal share (its weight over the total), "
          + "the peak-to-mean load (largest share/ideal) and the standard deviation of share/ideal.",
      "For ring algorithms the shares are exact, computed from the ring's arcs over the whole 32-bit hash space; "
          + "for the others they are measured by placing --keys sample keys (or your own, --keys-file), "
          + "and the output says so.",
      "",
      "Examples:",
      "  continuum balance --servers examples/servers.txt",
      "  continuum balance --libketama examples/ketama.servers --format tsv",
      "  continuum balance --twemproxy examples/nutcracker.yml --pool cache \\",
      "      --svg balance.svg",
      "  continuum balance --servers big.txt --total-dots 160000 --format json"
    })
final class BalanceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ServerOptions serverOptions;
  @Mixin AlgorithmOption algorithmOption;

  @Mixin SampleOptions sampling;

  @Mixin OutputOptions output;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Fleet fleet = serverOptions.fleet();
    algorithmOption.imply(fleet);
    Algorithm algorithm = algorithmOption.algorithm(fleet.implied);
    Continuum c = algorithmOption.build(algorithm, fleet.servers, spec.commandLine().getErr());
    Measure.Shares shares;
    Keys keys = sampling.keys();
    try (Progress p = Progress.start(spec.commandLine().getErr(), "placing keys", keys.count())) {
      shares = Measure.shares(c, keys, sampling.forceCounting(), p);
    }
    List<Server> servers = shares.servers;
    double[] ideal = Measure.ideal(servers, algorithm);
    double peak = Measure.peakToMean(shares.share, ideal);
    double std = Measure.stdDev(shares.share, ideal);
    Report r = new Report(String.format("balance of %,d servers from %s, algorithm %s", servers.size(), fleet.source, algorithm.cliName()));
    r.put("server_count", "servers", Report.Kind.INT, servers.size())
        .put("algorithm", "algorithm", Report.Kind.TEXT, algorithm.cliName())
        .put("basis", "shares", Report.Kind.TEXT, shares.basis())
        .put("peak_to_mean", "peak-to-mean (max share/ideal)", Report.Kind.RATIO, peak)
        .put("std_dev", "std dev of share/ideal", Report.Kind.RATIO, std);
    Report.Table t = r.table("servers", new String[] {"server", "name", "weight", "share", "ideal", "share/ideal"},
        new Report.Kind[] {Report.Kind.TEXT, Report.Kind.TEXT, Report.Kind.INT, Report.Kind.FRACTION, Report.Kind.FRACTION, Report.Kind.RATIO});
    for (int i = 0; i < servers.size(); i++) {
      Server s = servers.get(i);
      t.row(s.hostPort(), s.name(), s.capacity(), shares.share[i], ideal[i],
          ideal[i] > 0 ? shares.share[i] / ideal[i] : Double.NaN);
    }
    if (!algorithm.supportsWeights()) {
      r.note(algorithm.cliName() + " ignores weights: the ideal share is equal for every server.");
    } else if (algorithm.effectiveCapacity(0) == 1 && servers.stream().anyMatch(s -> s.capacity() == 0)) {
      r.note(algorithm.cliName() + " treats weight 0 as 1 (as libmemcached does): the ideal share counts it as 1.");
    }
    if (shares.exact() && shares.arcs < servers.size()) {
      r.note("the ring has fewer arcs than servers: some servers get no keys at all"
          + (algorithm == Algorithm.PYTHON_CONTINUUM ? " (python-continuum shares --total-dots among all servers; give more)." : "."));
    }
    if (!shares.exact()) {
      r.note(String.format("sampled shares carry noise: about %.1f%% of a server's share at this sample size.",
          100 / Math.sqrt(Math.max(1, keys.count() / (double) servers.size()))));
    }
    r.print(out, output.format);
    output.writeSvg(Charts.balance(servers, shares.share, ideal,
        String.format("Share of keys per server (%s, %,d servers)", algorithm.cliName(), servers.size()),
        String.format("peak-to-mean %.3f, std dev of share/ideal %.3f; %s", peak, std, shares.basis())));
    return 0;
  }
}
