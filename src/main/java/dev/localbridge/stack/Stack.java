package dev.localbridge.stack;

import dev.localbridge.backend.BackendProber;
import dev.localbridge.backend.BackendStatus;
import dev.localbridge.config.BridgeConfig;
import dev.localbridge.server.BridgeServer;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * What {@code up} and {@code claude} run: a backend (one already answering, or a supervised llama-server) and the
 * bridge in front of it. {@link #close()} stops what this stack started, bridge first, and is safe to call from a
 * shutdown hook at any moment, also while the model is still loading.
 */
public final class Stack implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Stack.class.getName());
    private final Consumer<String> progress;
    private final CompletableFuture<String> ended = new CompletableFuture<>();
    private Supervisor supervisor;
    private BridgeServer bridge;
    private boolean closed;

    /** @param progress where loading progress lines go (stderr in the commands) */
    public Stack(Consumer<String> progress) {
        this.progress = progress;
    }

    /** How the backend at a URL answers right now. */
    public BackendStatus backendState(URI url, String apiKey) {
        return new BackendProber(url, apiKey, Readiness.PROBE_TIMEOUT).probe();
    }

    /**
     * Waits until the backend someone else started at {@code url} has loaded its model.
     *
     * @throws StackException when it stops answering like a backend meanwhile
     */
    public void awaitRunningBackend(URI url, String apiKey) {
        BackendProber prober = new BackendProber(url, apiKey, Readiness.PROBE_TIMEOUT);
        switch (Readiness.await(prober, Optional.empty(), ended, progress)) {
            case Readiness.Outcome.Gone gone -> throw new StackException("the backend at " + url + " " + gone.reason());
            case Readiness.Outcome.Stopped stopped -> throw new StackException("stopped");
            case Readiness.Outcome.Ready ready -> LOG.info(() -> "backend at " + url + " is ready");
            case Readiness.Outcome.Exited exited -> throw new IllegalStateException("no process of ours to exit");
        }
    }

    /** Starts llama-server under supervision and waits until its model is loaded. */
    public Supervisor superviseLlamaServer(Supervisor.Launch launch, RestartPolicy policy) throws InterruptedException {
        Supervisor started;
        synchronized (this) {
            if (closed) {
                throw new StackException("stopped");
            }
            LOG.info(() -> "starting llama-server on " + launch.url() + "; its log: " + launch.log());
            started = Supervisor.launch(launch, policy, progress);
            supervisor = started;
        }
        started.ended().thenAccept(reason -> {
            if (!reason.equals("stopped")) {
                ended.complete(reason);
            }
        });
        var took = started.awaitReady();
        LOG.info(() -> "llama-server (pid " + started.pid().map(String::valueOf).orElse("?") + ") loaded its model in "
                + Readiness.seconds(took) + " s");
        return started;
    }

    /** Starts the bridge; returns once it listens. */
    public BridgeServer startBridge(BridgeConfig config) {
        synchronized (this) {
            if (closed) {
                throw new StackException("stopped");
            }
            try {
                bridge = BridgeServer.start(config);
                return bridge;
            } catch (Exception e) { // Vert.x's await() rethrows checked ones too, e.g. BindException
                throw new StackException("cannot serve on " + config.host() + ":" + config.port() + ": "
                        + e.getMessage() + " (is another localbridge running there? `localbridge claude` reuses a"
                        + " running bridge)", e);
            }
        }
    }

    /** The supervised llama-server, if this stack started one. */
    public synchronized Optional<Supervisor> supervisor() {
        return Optional.ofNullable(supervisor);
    }

    /** Completes with "stopped" when closed, or with the reason when llama-server could not be kept running. */
    public CompletableFuture<String> ended() {
        return ended;
    }

    /** Stops the bridge, then llama-server (SIGTERM, wait, SIGKILL), if this stack started them. */
    @Override
    public void close() {
        BridgeServer stopBridge;
        Supervisor stopSupervisor;
        synchronized (this) {
            closed = true;
            stopBridge = bridge;
            stopSupervisor = supervisor;
            bridge = null;
            supervisor = null;
        }
        ended.complete("stopped");
        if (stopBridge != null) {
            stopBridge.close();
        }
        if (stopSupervisor != null) {
            stopSupervisor.close();
        }
    }
}
