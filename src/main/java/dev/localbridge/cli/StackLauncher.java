package dev.localbridge.cli;

import dev.localbridge.backend.BackendStatus;
import dev.localbridge.server.BridgeServer;
import dev.localbridge.stack.Executables;
import dev.localbridge.stack.ModelChoice;
import dev.localbridge.stack.ModelDiscovery;
import dev.localbridge.stack.Stack;
import dev.localbridge.stack.StackException;
import dev.localbridge.stack.Supervisor;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * How {@code up} and {@code claude} bring the stack up: use the backend that already answers at {@code --backend}
 * (waiting while it loads), else start llama-server when a model is named, then start the bridge in front.
 */
final class StackLauncher {
    private static final Logger LOG = Logger.getLogger(StackLauncher.class.getName());

    /** What runs: the bridge, its backend, and the llama-server we supervise, if we started one. */
    record Started(BridgeServer bridge, URI backend, Optional<Supervisor> llamaServer) {
    }

    private StackLauncher() {
    }

    /**
     * @param modelRequired whether a missing backend without a model to start is an error ({@code up}) or only
     *     worth a warning ({@code claude}: the bridge answers "overloaded" until a backend appears)
     */
    static Started start(Stack stack, BridgeOptions options, LlamaServerOptions llama, List<String> extra,
                         Map<String, String> environment, boolean modelRequired) throws InterruptedException {
        return start(stack, options, llama, extra, environment, modelRequired, discovery(llama, environment));
    }

    /** This machine's models, GPU and network, as {@code up} looks at them to choose a model. */
    static ModelDiscovery discovery(LlamaServerOptions llama, Map<String, String> environment) {
        return ModelDiscovery.system(environment, Optional.ofNullable(llama.modelsDir),
                () -> Executables.llamaServer(llama.llamaServer, environment));
    }

    /** @param discovery chooses a model when {@code up} is given none and no backend answers */
    static Started start(Stack stack, BridgeOptions options, LlamaServerOptions llama, List<String> extra,
                         Map<String, String> environment, boolean modelRequired, ModelDiscovery discovery)
            throws InterruptedException {
        URI backend = llama.backend(options);
        Optional<Supervisor> supervisor = Optional.empty();
        switch (stack.backendState(backend, options.backendApiKey)) {
            case BackendStatus.Serving serving -> reuse(backend, llama, extra);
            case BackendStatus.Unauthorized denied -> reuse(backend, llama, extra);
            case BackendStatus.Loading loading -> {
                LOG.info(() -> "the backend at " + backend + " is loading its model; waiting for it");
                stack.awaitRunningBackend(backend, options.backendApiKey);
            }
            case BackendStatus.Foreign foreign -> useForeign(backend, foreign.answer());
            case BackendStatus.NotHttp notHttp -> supervisor = startOrWarn(stack, options, llama, extra,
                    environment, modelRequired, backend, notHttp.reason(), discovery);
            case BackendStatus.Absent absent -> supervisor = startOrWarn(stack, options, llama, extra,
                    environment, modelRequired, backend, absent.reason(), discovery);
        }
        URI used = supervisor.map(Supervisor::url).orElse(backend);
        BridgeServer bridge = stack.startBridge(LlamaServerOptions.bridgeConfig(options, used, supervisor.isPresent()));
        return new Started(bridge, used, supervisor);
    }

    private static void useForeign(URI backend, String answer) {
        LOG.warning(() -> "something answers at " + backend + " but does not say it is a backend (" + answer
                + "); using it anyway, as llama-server could not listen there (pick another --llama-port to start one)");
    }

    private static void reuse(URI backend, LlamaServerOptions llama, List<String> extra) {
        LOG.info(() -> "using the backend already answering at " + backend + " (not starting llama-server)");
        if (llama.hasModel(extra) || !extra.isEmpty()) {
            LOG.warning("--model, --hf and llama-server arguments are ignored: that backend runs its own model;"
                    + " stop it or pick another --llama-port to start one here");
        }
    }

    /** No backend and no model named: take one found on the machine, or the seed's pick to download, or say why not. */
    private static void choose(LlamaServerOptions llama, ModelDiscovery discovery, String missing) {
        LOG.info(missing + ", and no --model was named: choosing one");
        switch (discovery.choose(LOG::info)) {
            case ModelChoice.Choice.Local local -> {
                LOG.info(local.message());
                llama.model = local.model().path();
            }
            case ModelChoice.Choice.Download download -> {
                LOG.info(download.message());
                llama.hf = download.seed().repo();
            }
            case ModelChoice.Choice.Refuse refuse -> throw new StackException(missing + ", and no --model was named. "
                    + refuse.message());
        }
    }

    private static Optional<Supervisor> startOrWarn(Stack stack, BridgeOptions options, LlamaServerOptions llama,
                                                    List<String> extra, Map<String, String> environment,
                                                    boolean modelRequired, URI backend, String reason,
                                                    ModelDiscovery discovery) throws InterruptedException {
        String missing = "no backend answers at " + backend + " (" + reason + ")";
        if (!llama.hasModel(extra)) {
            if (!modelRequired) {
                LOG.warning(missing + "; the bridge answers 'overloaded' until one does (pass --model PATH.gguf to"
                        + " start llama-server, or run `localbridge up` elsewhere)");
                return Optional.empty();
            }
            choose(llama, discovery, missing);
        }
        return Optional.of(stack.superviseLlamaServer(llama.launch(options, extra, environment),
                llama.restartPolicy()));
    }
}
