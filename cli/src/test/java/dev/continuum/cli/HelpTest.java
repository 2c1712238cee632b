package dev.continuum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class HelpTest {
  /** Every option of every command is in its --help, with an example ("e.g.") of its use. */
  @Test
  void everySubcommandHelpExplainsEveryOptionWithAnExample() {
    CommandLine root = Main.commandLine(null, null);
    for (String name : root.getSubcommands().keySet()) {
      if (name.equals("help")) {
        continue;
      }
      CommandLine sub = root.getSubcommands().get(name);
      Cli help = Cli.run(name, "--help");
      assertThat(help.code).isZero();
      assertThat(help.out).contains("Examples:").contains("continuum " + name);
      for (OptionSpec o : sub.getCommandSpec().options()) {
        if (o.usageHelp() || o.versionHelp() || o.hidden()) {
          continue;
        }
        assertThat(help.out).as(name + " " + o.longestName()).contains(o.longestName());
        assertThat(String.join(" ", o.description())).as(name + " " + o.longestName()).contains("e.g. " + o.longestName());
      }
    }
    Cli top = Cli.run("--help");
    assertThat(top.out).contains("balance").contains("plan").contains("compare");
  }
}
