package dev.localbridge.server;

import dev.localbridge.backend.BackendPool;
import dev.localbridge.backend.FirstProbes;
import dev.localbridge.config.BridgeConfig;
import dev.localbridge.observability.Metrics;
import dev.localbridge.observability.Observatory;
import dev.localbridge.observability.RequestLog;
import dev.localbridge.translate.ImageUrlPolicy;
import dev.localbridge.translate.RequestTranslator;
import dev.localbridge.translate.ThinkingSignatures;
import dev.localbridge.translate.UpstreamErrors;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The running bridge: a Vert.x HTTP server in front of a pool of backends (often one). */
public final class BridgeServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BridgeServer.class.getName());
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final int MAX_LINE_BYTES = 16 * 1024;
    /**
     * Event loops serving connections unless {@code -Dlocalbridge.eventLoops} says otherwise: one per core. On the
     * 2-core machine two loops beat one in every quiet pair of runs (README, Speed).
     */
    private static final int DEFAULT_LOOPS = Runtime.getRuntime().availableProcessors();
    private final Vertx vertx;
    private final ServerLoops servers;
    private final Bridge bridge;
    private final RequestLog logs;
    private final ConnectionGuard guard;

    private BridgeServer(Vertx vertx, ServerLoops servers, Bridge bridge, RequestLog logs, ConnectionGuard guard) {
        this.guard = guard;
        this.vertx = vertx;
        this.servers = servers;
        this.bridge = bridge;
        this.logs = logs;
    }

    /** Starts serving; returns once the port is bound and every backend's first probe has answered. */
    public static BridgeServer start(BridgeConfig config) {
        return start(config, ServerLoops.configured(DEFAULT_LOOPS));
    }

    /**
     * Starts serving with {@code loops} event loops accepting connections; returns once the port is bound and every
     * backend's first probe has answered.
     */
    public static BridgeServer start(BridgeConfig config, int loops) {
        config.pool().backends().forEach(spec -> Exposure.checkBackend(spec.url(), config.allowPublicBackend()));
        FirstProbes probing = FirstProbes.begin(config, PROBE_TIMEOUT); // while Vert.x starts (see listenWhileProbing)
        VertxOptions vertxOptions = new VertxOptions().setPreferNativeTransport(true);
        if (loops > 1) {
            // As many loops as servers: deployed one after the other, each server gets a loop of its own.
            vertxOptions.setEventLoopPoolSize(loops);
        }
        Vertx vertx = Vertx.vertx(vertxOptions);
        vertx.exceptionHandler(failure -> LOG.log(Level.WARNING, "unhandled: " + failure, failure));
        RequestLog logs = null;
        try {
            ThinkingSignatures signatures = new ThinkingSignatures(config.thinkingKey());
            BackendPool pool = BackendPool.create(vertx, config, PROBE_TIMEOUT, UpstreamErrors::fromHttp);
            Observatory observatory = new Observatory(() -> pool.members().stream()
                    .map(member -> BackendViews.of(member.client().baseUrl(), member.info())).toList(),
                    requestLog(config));
            RequestTranslator translator = new RequestTranslator(signatures,
                    config.refuseImageUrls() ? ImageUrlPolicy.REFUSED : ImageUrlPolicy.LIMITED);
            Bridge bridge = new Bridge(vertx, config, pool, signatures, translator,
                    observatory.metrics(), observatory, observatory.live());
            logs = observatory.log();
            HttpServerOptions options = new HttpServerOptions()
                    .setHost(config.host())
                    .setPort(config.port())
                    .setTcpNoDelay(true)
                    .setCompressionSupported(false)
                    // HTTP/1.1 only: with h2c on, Vert.x sees a connection only once its first request's headers
                    // are complete, so a client trickling them could never be timed out. Every client of the
                    // bridge (Claude Code, the SDKs) speaks HTTP/1.1.
                    .setHttp2ClearTextEnabled(false)
                    .setMaxHeaderSize(MAX_HEADER_BYTES)
                    .setMaxInitialLineLength(MAX_LINE_BYTES)
                    .setIdleTimeout(15 * 60);
            ConnectionGuard guard = new ConnectionGuard(vertx, config.inboundLimits());
            // One guard, one set of routes (and so one admission) for every loop: each is safe across threads.
            Routes routes = new Routes(bridge, guard);
            InvalidRequests invalid = new InvalidRequests(MAX_LINE_BYTES, MAX_HEADER_BYTES);
            ServerLoops servers = listenWhileProbing(pool, probing, () -> ServerLoops.listen(vertx, options, loops,
                    guard::onConnection, server -> server.invalidRequestHandler(invalid).requestHandler(routes)));
            Exposure.bindWarning(config.host(), servers.port(), config.apiKeys()).ifPresent(LOG::warning);
            return new BridgeServer(vertx, servers, bridge, logs, guard);
        } catch (Exception e) {
            vertx.close();
            if (logs != null) {
                logs.close();
            }
            if (e instanceof java.net.BindException) {
                throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port() + ": "
                        + e.getMessage() + " (is another bridge running? `localbridge doctor` tells)", e);
            }
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    /**
     * Listens while the first probe of the backends runs (begun before Vert.x, {@link FirstProbes}), and returns once
     * both are done: the port answers (and {@code /health} says "probing") from the moment it is bound, and a request
     * that arrives before the probe has answered waits for it ({@link BackendPool#firstProbes}), so start-up costs the
     * longer of the two, not their sum.
     */
    private static ServerLoops listenWhileProbing(BackendPool pool, FirstProbes early,
                                                  java.util.function.Supplier<ServerLoops> listen) {
        Future<Void> probing = pool.start(early);
        ServerLoops servers = listen.get();
        probing.await();
        return servers;
    }

    private static RequestLog requestLog(BridgeConfig config) {
        return config.requestLog() == null ? RequestLog.terminal() : RequestLog.withFile(config.requestLog());
    }

    public int port() {
        return servers.port();
    }

    /** The event-loop threads that accept and serve connections, one per server. */
    public java.util.List<String> eventLoops() {
        return servers.threads();
    }

    /** Connections each event loop has accepted so far, in the order of {@link #eventLoops()}. */
    public java.util.List<Integer> acceptedPerLoop() {
        return servers.accepted();
    }

    /** Inbound connections open now (a client's close counts once the bridge has handled it). */
    public int openConnections() {
        return guard.open();
    }

    public Metrics metrics() {
        return bridge.metrics();
    }

    /** What the bridge currently knows about its backend. */
    public dev.localbridge.backend.BackendInfo backend() {
        return bridge.monitor().current();
    }

    /** The backends, for tests and harnesses that look at routing. */
    public BackendPool pool() {
        return bridge.pool();
    }

    @Override
    public void close() {
        bridge.pool().close();
        vertx.close().await();
        logs.close();
    }
}
