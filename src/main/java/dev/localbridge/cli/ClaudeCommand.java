package dev.localbridge.cli;

import dev.localbridge.install.ClaudeCode;
import dev.localbridge.stack.Stack;
import dev.localbridge.stack.StackException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "claude", mixinStandardHelpOptions = true,
        description = {"Run Claude Code against the bridge: with ANTHROPIC_BASE_URL and the rest of `localbridge env`"
                + " set (and ANTHROPIC_API_KEY removed). When no bridge answers at --host/--port, one is started"
                + " here first, with llama-server too when --model or --hf is given and no backend answers;"
                + " what was started here stops when Claude Code exits. The exit code is Claude Code's.",
                "Claude Code is --claude, else LOCALBRIDGE_CLAUDE, else claude on PATH, else the pinned install in"
                        + " ~/.cache/localbridge (where doctor finds it), else what this checkout's scripts/claude-code"
                        + " installs."},
        footer = {"", "Examples:",
                "  localbridge claude                        # a bridge or backend is running",
                "  localbridge claude --model ~/models/m.gguf  # starts both, stops both after",
                "  localbridge claude -- -p 'explain this repo' --output-format json",
                "  localbridge claude --port 8083 -- --model sonnet"})
final class ClaudeCommand implements Callable<Integer> {
    private static final Logger LOG = Logger.getLogger(ClaudeCommand.class.getName());

    @Mixin
    BridgeOptions options;

    @Mixin
    LlamaServerOptions llama;

    @Option(names = "--claude", paramLabel = "PATH", description = "The Claude Code executable.")
    String claude;

    @Parameters(paramLabel = "CLAUDE_ARG", arity = "0..*", description = "Arguments for Claude Code, after --.")
    List<String> args = new ArrayList<>();

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;
    private volatile Process child;

    ClaudeCommand() {
        this(System.getenv());
    }

    /** @param environment the environment to find Claude Code in and to give it (plus the bridge's variables) */
    ClaudeCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        Stack stack = new Stack(line -> LOG.info(line));
        Thread hook = new Thread(() -> stopAll(stack), "localbridge-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            BridgeFacts facts = bridge(stack);
            Path executable = claudeCode();
            return run(executable, ClaudeEnvironment.variables(ClaudeEnvironment.entries(facts,
                    options.apiKeys == null ? List.of() : options.apiKeys)));
        } catch (StackException e) {
            err.println("localbridge claude: " + e.getMessage());
            err.flush();
            return 1;
        } finally {
            stack.close();
            UpCommand.removeHook(hook);
        }
    }

    /** The running bridge, or one started in {@code stack} (with llama-server if needed and possible). */
    private BridgeFacts bridge(Stack stack) throws InterruptedException {
        if (BridgeFacts.runningBridge(options.bridgeUrl()).isPresent()) {
            LOG.fine(() -> "using the bridge already running at " + options.bridgeUrl());
            return BridgeFacts.discover(options);
        }
        StackLauncher.Started started = StackLauncher.start(stack, options, llama, List.of(), environment, false);
        LOG.info(() -> "started the bridge at " + options.bridgeUrl() + " -> " + started.backend() + " ("
                + started.bridge().backend().describe() + "); it stops when Claude Code exits");
        return BridgeFacts.of(options, started.bridge());
    }

    /** Claude Code as {@code doctor} finds it, else the pinned version this checkout's script installs. */
    private Path claudeCode() {
        return switch (ClaudeCode.find(claude, environment)) {
            case ClaudeCode.Located.Found found -> found.path();
            case ClaudeCode.Located.Invalid invalid -> throw new StackException(invalid.reason());
            case ClaudeCode.Located.Missing missing -> ClaudeCode.installPinned().orElseThrow(() ->
                    new StackException("cannot find Claude Code (" + missing.reason() + ", scripts/claude-code of"
                            + " this checkout); install it (npm install -g @anthropic-ai/claude-code) or pass"
                            + " --claude PATH"));
        };
    }

    /** On SIGTERM or Ctrl-C: Claude Code goes with us, then what we started. */
    private void stopAll(Stack stack) {
        Process running = child;
        if (running != null) {
            running.destroy();
        }
        stack.close();
    }

    private int run(Path executable, Map<String, String> variables) throws InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        Map<String, String> childEnvironment = builder.environment();
        childEnvironment.clear();
        childEnvironment.putAll(environment);
        childEnvironment.remove("ANTHROPIC_API_KEY");
        childEnvironment.putAll(variables);
        Path log = ClaudeLog.defaultPath(environment);
        LOG.info(() -> "while Claude Code runs, this process logs to " + log);
        try (ClaudeLog redirected = ClaudeLog.redirectTo(log)) {
            child = builder.start();
            return child.waitFor();
        } catch (IOException e) {
            throw new StackException("cannot run " + executable + ": " + e.getMessage(), e);
        }
    }
}
