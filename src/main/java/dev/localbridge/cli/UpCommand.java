package dev.localbridge.cli;

import dev.localbridge.config.Version;
import dev.localbridge.stack.LlamaServerArgs;
import dev.localbridge.stack.ModelDiscovery;
import dev.localbridge.stack.Stack;
import dev.localbridge.stack.StackException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Start llama-server (unless a backend already answers at --backend) and the bridge in front of"
                + " it, and keep both running: a crashed llama-server is restarted; Ctrl-C stops both.",
                "llama-server gets: --host 127.0.0.1 --port <port of --backend> -m MODEL -c <ctx×parallel>"
                        + " -np <parallel> --jinja -cb --cache-reuse 256 --no-webui --metrics --slots"
                        + " --reasoning-format deepseek; arguments after -- replace any of these.",
                "Here --ctx is the context each slot gets (default 32768; llama-server caps it at the model's"
                        + " training context, and the bridge reads the real size back).",
                "With no --model (and no backend answering), up lists the GGUF models found in Ollama's, LM Studio's"
                        + " and the Hugging Face cache's folders and --models-dir, and runs the largest that fits the"
                        + " GPU's free memory, or says what it will download (--hf), or why it cannot."},
        footer = {"", "Examples:",
                "  localbridge up --model ~/models/qwen3-coder-30b-a3b-q4_k_m.gguf",
                "  localbridge up --hf unsloth/Qwen3-Coder-30B-A3B-Instruct-GGUF:Q4_K_M",
                "  localbridge up --model m.gguf --ctx 65536 --parallel 2 -- -ngl 99",
                "  localbridge up --model m.gguf --llama-port 8081 --log-file /tmp/llama.log",
                "  localbridge up                  # a backend already answers at --backend, or choose a model",
                "  localbridge up --models-dir ~/models",
                "", "Then, in another terminal: localbridge claude"})
final class UpCommand implements Callable<Integer> {
    private static final Logger LOG = Logger.getLogger(UpCommand.class.getName());

    @Mixin
    BridgeOptions options;

    @Mixin
    LlamaServerOptions llama;

    @Parameters(paramLabel = "LLAMA_SERVER_ARG", arity = "0..*",
            description = "Arguments for llama-server, after --; each replaces our default for the same flag.")
    List<String> extra = new ArrayList<>();

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;
    private final ModelDiscovery discovery;

    UpCommand() {
        this(System.getenv());
    }

    UpCommand(Map<String, String> environment) {
        this(environment, null);
    }

    /** @param discovery how to choose a model when none is named; null for this machine's */
    UpCommand(Map<String, String> environment, ModelDiscovery discovery) {
        this.environment = Map.copyOf(environment);
        this.discovery = discovery;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        Stack stack = new Stack(line -> LOG.info(line));
        Thread hook = new Thread(stack::close, "localbridge-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            StackLauncher.Started started = StackLauncher.start(stack, options, llama, extra, environment, true,
                    discovery != null ? discovery : StackLauncher.discovery(llama, environment));
            announce(started);
            String reason = stack.ended().join();
            if (reason.equals("stopped")) {
                return 0;
            }
            err.println("localbridge up: " + reason);
            return 1;
        } catch (StackException e) {
            err.println("localbridge up: " + e.getMessage());
            return 1;
        } finally {
            stack.close();
            removeHook(hook);
        }
    }

    private void announce(StackLauncher.Started started) {
        LOG.info(() -> "Local Bridge " + Version.current() + " serving " + options.bridgeUrl() + " -> "
                + started.backend() + " (" + started.bridge().backend().describe() + ")");
        StartupFacts facts = startupFacts(started);
        LOG.log(facts.level(), facts.line());
        started.llamaServer().ifPresent(llamaServer -> LOG.info(() -> "llama-server pid "
                + llamaServer.pid().map(String::valueOf).orElse("?") + ", log: " + llamaServer.log()));
        LOG.info(() -> "Point Claude Code at it: localbridge claude   (or: eval \"$(localbridge env)\"; claude)."
                + " Ctrl-C stops " + (started.llamaServer().isPresent() ? "both." : "the bridge."));
    }

    /** The window line; when we started llama-server, {@code --ctx} was what we asked for each slot. */
    StartupFacts startupFacts(StackLauncher.Started started) {
        OptionalInt asked = started.llamaServer().isPresent()
                ? OptionalInt.of(options.ctx > 0 ? options.ctx : LlamaServerArgs.DEFAULT_CTX_PER_SLOT)
                : OptionalInt.empty();
        return StartupFacts.of(started.bridge().backend(), options.outputCeiling, options.minOutputTokens, asked,
                asked.isEmpty() && options.ctx > 0);
    }

    static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing to remove
        }
    }
}
