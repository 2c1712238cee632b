package dev.continuum.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code continuum completion bash|zsh}: a shell completion script for every command and option. */
@Command(
    name = "completion",
    header = "Prints a bash or zsh completion script.",
    abbreviateSynopsis = true,
    mixinStandardHelpOptions = true,
    parameterListHeading = "%nArguments:%n",
    optionListHeading = "%nOptions:%n",
    description = {
      "Commands, options, algorithm names and file names complete with TAB.",
      "",
      "Examples:",
      "  source <(continuum completion bash)",
      "  continuum completion bash > ~/.local/share/bash-completion/completions/continuum",
      "  source <(continuum completion zsh)     # in ~/.zshrc, after compinit"
    })
final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
  Shell shell;

  enum Shell { bash, zsh }

  @Override
  public Integer call() {
    String script = AutoComplete.bash("continuum", Main.commandLine(null, null));
    if (shell == Shell.zsh) {
      // picocli's script is written for bash; zsh runs it through its bash-completion emulation.
      script = "autoload -U +X bashcompinit && bashcompinit\n" + script;
    }
    spec.commandLine().getOut().print(script);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
