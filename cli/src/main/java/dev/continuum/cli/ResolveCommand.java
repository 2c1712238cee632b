package dev.continuum.cli;

import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import dev.continuum.Server;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code continuum resolve}: which server each key goes to. */
@Command(
    name = "resolve",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the server each key is placed on.",
      "Keys come from the arguments, from --keys FILE (one per line), or from standard input.",
      "",
      "Examples:",
      "  continuum resolve my-first-key my-other-key",
      "  continuum resolve --servers servers.txt --format tsv < keys.txt",
      "  continuum resolve --server 10.0.0.1:11211 --server 10.0.0.2:11211:2 foo bar",
      "  continuum resolve --algorithm twemproxy --server 127.0.0.1:22000:1 --name 127.0.0.1:22000=alpha foo",
      "  continuum resolve --algorithm pymemcache --seed 42 --server 10.0.0.1:11211 foo"
    })
final class ResolveCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ServerOptions serverOptions;

  @Mixin AlgorithmOption algorithmOption;

  @Option(names = "--keys", paramLabel = "FILE", description = "Read keys from FILE, one per line.")
  Path keysFile;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text, tsv (key<TAB>host:port), csv (a key,server header, then one quoted row per key) or json (default: ${DEFAULT-VALUE}).")
  Format format;

  @Parameters(paramLabel = "KEY", arity = "0..*", description = "Keys to place.")
  List<String> keys = new ArrayList<>();

  enum Format { text, tsv, csv, json }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Fleet fleet = serverOptions.fleetOrExample(err);
    Continuum continuum = algorithmOption.build(algorithmOption.algorithm(fleet.implied), fleet.servers);
    List<String> all = new ArrayList<>(keys);
    if (keysFile != null) {
      all.addAll(Files.readAllLines(keysFile, StandardCharsets.UTF_8));
    }
    if (keys.isEmpty() && keysFile == null) {
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line; (line = in.readLine()) != null; ) {
        all.add(line);
      }
    }
    if (format == Format.json) {
      out.println("[");
    } else if (format == Format.csv) {
      out.println("key,server");
    }
    for (int i = 0; i < all.size(); i++) {
      String key = all.get(i);
      Server s = continuum.resolve(key);
      switch (format) {
        case tsv:
          out.println(key + "\t" + s.hostPort());
          break;
        case csv:
          out.println(Report.join(new String[] {key, s.hostPort()}, ','));
          break;
        case json:
          out.println("  {\"key\": " + Json.string(key) + ", \"server\": " + Json.string(s.hostPort())
              + ", \"host\": " + Json.string(s.host()) + ", \"port\": " + s.port()
              + ", \"capacity\": " + s.capacity() + "}" + (i + 1 < all.size() ? "," : ""));
          break;
        default:
          out.println(key + " -> " + s.hostPort());
      }
    }
    if (format == Format.json) {
      out.println("]");
    }
    return 0;
  }
}
