package dev.localbridge.cli;

import dev.localbridge.config.BackendKind;
import dev.localbridge.config.BridgeConfig;
import dev.localbridge.config.SharedOptions;
import dev.localbridge.stack.Executables;
import dev.localbridge.stack.LlamaServerArgs;
import dev.localbridge.stack.RestartPolicy;
import dev.localbridge.stack.StackException;
import dev.localbridge.stack.Supervisor;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/** The options of {@code up} and {@code claude} that say how to start llama-server when no backend answers. */
final class LlamaServerOptions implements SharedOptions {
    private static final Set<String> MODEL_FLAGS = Set.of("-m", "--model", "-hf", "-hfr", "--hf-repo", "-mu",
            "--model-url", "-dr", "--docker-repo");

    @Option(names = "--model", paramLabel = "PATH.gguf", description = "The GGUF model llama-server loads.")
    Path model;

    @Option(names = "--hf", paramLabel = "REPO", description = "A Hugging Face repository llama-server downloads the"
            + " model from, e.g. unsloth/Qwen3-Coder-30B-A3B-Instruct-GGUF:Q4_K_M.")
    String hf;

    @Option(names = "--models-dir", paramLabel = "DIR", description = "A folder of GGUF models for up to choose from"
            + " when no --model is named, besides Ollama's, LM Studio's and the Hugging Face cache.")
    Path modelsDir;

    @Option(names = "--parallel", paramLabel = "N", description = "llama-server slots, i.e. requests served at once;"
            + " each keeps --ctx tokens (default: ${DEFAULT-VALUE}).", defaultValue = "1")
    int parallel;

    @Option(names = "--llama-server", paramLabel = "PATH", description = "The llama-server executable (default:"
            + " llama-server on PATH, else this checkout's scripts/llama-server).")
    String llamaServer;

    @Option(names = "--llama-port", paramLabel = "PORT", description = "The port llama-server listens on (default: the"
            + " port of --backend); the bridge then uses http://127.0.0.1:PORT as its backend.")
    Integer llamaPort;

    @Option(names = "--log-file", paramLabel = "PATH", description = "Where llama-server's output goes (default:"
            + " ~/.cache/localbridge/llama-server.log).")
    Path logFile;

    @Option(names = "--max-restarts", paramLabel = "N", description = "Restarts of a crashed llama-server allowed per"
            + " minute before giving up (default: ${DEFAULT-VALUE}).", defaultValue = "5")
    int maxRestarts;

    /** Whether a model was named, by our options or in llama-server's own arguments. */
    boolean hasModel(List<String> extra) {
        return model != null || hf != null || extra.stream().anyMatch(MODEL_FLAGS::contains);
    }

    /** The backend the bridge uses: llama-server's port when {@code --llama-port} is given, else {@code --backend}. */
    URI backend(BridgeOptions options) {
        return llamaPort != null ? URI.create("http://127.0.0.1:" + llamaPort) : options.backend();
    }

    /** What to start: llama-server on the backend's loopback address, with the options and extra arguments. */
    Supervisor.Launch launch(BridgeOptions options, List<String> extra, Map<String, String> environment) {
        if (model != null && hf != null) {
            throw new StackException("pass either --model or --hf, not both");
        }
        URI backend = backend(options);
        if (!isLoopback(backend.getHost())) {
            throw new StackException("no backend answers at " + backend + ", and it is not on this machine, so"
                    + " llama-server cannot be started there; use --llama-port PORT (or --backend"
                    + " http://127.0.0.1:PORT)");
        }
        int ctx = options.ctx > 0 ? options.ctx : LlamaServerArgs.DEFAULT_CTX_PER_SLOT;
        LlamaServerArgs args = LlamaServerArgs.of(backend.getHost().equals("localhost") ? "127.0.0.1"
                : backend.getHost().replaceAll("^\\[|]$", ""), port(backend), model(), ctx, parallel, extra);
        return new Supervisor.Launch(Executables.llamaServer(llamaServer, environment), args, logFile(environment));
    }

    RestartPolicy restartPolicy() {
        return RestartPolicy.perMinute(maxRestarts);
    }

    private LlamaServerArgs.Model model() {
        if (model != null) {
            if (!Files.isRegularFile(model)) {
                throw new StackException("the model file " + model + " does not exist");
            }
            return new LlamaServerArgs.Model.File(model.toAbsolutePath().normalize());
        }
        return hf != null ? new LlamaServerArgs.Model.HuggingFace(hf) : new LlamaServerArgs.Model.FromExtraArgs();
    }

    private Path logFile(Map<String, String> environment) {
        if (logFile != null) {
            return logFile.toAbsolutePath();
        }
        String cache = environment.get("LOCALBRIDGE_CACHE");
        Path root = cache != null && !cache.isBlank() ? Path.of(cache)
                : Path.of(System.getProperty("user.home"), ".cache", "localbridge");
        return root.resolve("llama-server.log");
    }

    private static int port(URI backend) {
        return backend.getPort() > 0 ? backend.getPort() : "https".equals(backend.getScheme()) ? 443 : 80;
    }

    static boolean isLoopback(String host) {
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]")
                || host.equals("::1"));
    }

    /**
     * The bridge's configuration with this backend. When we started llama-server, {@code --ctx} was its per-slot
     * size, and the bridge reads the real one back from {@code /props} (llama-server caps it at the model's
     * training context); otherwise {@code --ctx} keeps its meaning of an override.
     */
    static BridgeConfig bridgeConfig(BridgeOptions options, URI backend, boolean startedLlamaServer) {
        BridgeConfig base = options.toConfig();
        // The llama-server `up` starts has an explicit -np: one KV cache per slot, so conversations are pinned.
        return startedLlamaServer ? base.withBackend(backend, 0, BackendKind.LLAMA_SERVER)
                : base.withBackend(backend, base.contextOverride());
    }
}
