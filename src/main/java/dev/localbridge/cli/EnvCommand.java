package dev.localbridge.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "env", mixinStandardHelpOptions = true,
        description = {"Print the environment Claude Code needs to use the bridge, one commented line per variable,"
                + " quoted for your shell.",
                "The context size comes from the running bridge's /health, else from probing --backend (or --ctx)."},
        footer = {"", "Examples:",
                "  eval \"$(localbridge env)\"                              # bash, zsh",
                "  localbridge env --shell fish | source",
                "  localbridge env --shell powershell | Out-String | Invoke-Expression",
                "  localbridge env --port 8083 --api-keys sk-mine > ~/.localbridge.env"})
final class EnvCommand implements Callable<Integer> {
    @Mixin
    BridgeOptions options;

    @Option(names = "--shell", paramLabel = "SHELL", completionCandidates = ShellNames.class,
            description = "bash, zsh, fish or powershell (default: from $SHELL, else bash).")
    String shell;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;

    EnvCommand() {
        this(System.getenv());
    }

    EnvCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Integer call() {
        Shell target = shell == null ? Shell.fromShellVariable(environment.get("SHELL"))
                : Shell.named(shell).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                        "unknown shell '" + shell + "': use bash, zsh, fish or powershell"));
        BridgeFacts facts = BridgeFacts.discover(options);
        PrintWriter out = spec.commandLine().getOut();
        out.print(ClaudeEnvironment.render(ClaudeEnvironment.entries(facts, apiKeys()), target));
        out.flush();
        if (!facts.running()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("localbridge env: no bridge answers at " + facts.url() + " yet; start it with `localbridge up`"
                    + " or `localbridge serve`");
            err.flush();
        }
        return 0;
    }

    private List<String> apiKeys() {
        return options.apiKeys == null ? List.of() : options.apiKeys;
    }

    static final class ShellNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of("bash", "zsh", "fish", "powershell").iterator();
        }
    }
}
