package dev.localbridge.backend;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Keeps the latest {@link BackendInfo}: probes on start, periodically, and soon after a request failed to
 * reach the backend, so a backend that was down or loading is noticed when it comes back, without a restart.
 * The {@link BackendProber} blocks, so it runs on a worker thread, never on the event loop. Every change is
 * logged in one line.
 */
public final class BackendMonitor {
    private static final Logger LOG = Logger.getLogger(BackendMonitor.class.getName());
    private final Vertx vertx;
    private final BackendProber prober;
    private final int configuredCtx;
    private final Duration interval;
    private volatile BackendInfo current = BackendInfo.notProbed();
    private volatile boolean probing;
    private long timer = -1;

    /** @param configuredCtx a context size from configuration that overrides the probe's; 0 for none */
    public BackendMonitor(Vertx vertx, BackendProber prober, int configuredCtx, Duration interval) {
        this.vertx = vertx;
        this.prober = prober;
        this.configuredCtx = configuredCtx;
        this.interval = interval;
    }

    public BackendInfo current() {
        return current;
    }

    /** Probes now and then every interval. The returned future completes with the first result. */
    public Future<BackendInfo> start() {
        timer = vertx.setPeriodic(interval.toMillis(), t -> refresh());
        return refresh();
    }

    /**
     * Takes {@code first} (a probe already under way, see {@link FirstProbes}) as the first result, then probes every
     * interval.
     */
    public Future<BackendInfo> start(java.util.concurrent.CompletableFuture<BackendStatus> first) {
        timer = vertx.setPeriodic(interval.toMillis(), t -> refresh());
        probing = true;
        return Future.fromCompletionStage(first, vertx.getOrCreateContext()).onComplete(done -> probing = false)
                .map(this::record);
    }

    /**
     * What a request just saw contradicts what the monitor knows (it could not reach a backend thought up, or
     * reached one thought down): look again now rather than at the next interval.
     */
    public void recheck() {
        if (!probing) {
            refresh();
        }
    }

    public Future<BackendInfo> refresh() {
        probing = true;
        return vertx.executeBlocking(prober::probe, true).onComplete(done -> probing = false).map(this::record);
    }

    private BackendInfo record(BackendStatus status) {
        BackendInfo found = status.info();
        BackendInfo info = configuredCtx > 0 && found.kind().serving() ? found.withConfiguredContext(configuredCtx)
                : found;
        BackendInfo previous = current;
        current = info;
        if (!info.describe().equals(previous.describe())) {
            LOG.info(() -> "backend: " + info.describe());
        }
        return info;
    }

    /** Stops probing. */
    public void stop() {
        vertx.cancelTimer(timer);
    }
}
