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
import io.vertx.core.http.HttpServer;
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
    private final Vertx vertx;
    private final HttpServer server;
    private final Bridge bridge;
    private final RequestLog logs;
    private final ConnectionGuard guard;

    private BridgeServer(Vertx vertx, HttpServer server, Bridge bridge, RequestLog logs, ConnectionGuard guard) {
        this.guard = guard;
        this.vertx = vertx;
        this.server = server;
        this.bridge = bridge;
        this.logs = logs;
    }

    /** Starts serving; returns once the port is bound and every backend's first probe has answered. */
    public static BridgeServer start(BridgeConfig config) {
        config.pool().backends().forEach(spec -> Exposure.checkBackend(spec.url(), config.allowPublicBackend()));
        FirstProbes probing = FirstProbes.begin(config, PROBE_TIMEOUT); // while Vert.x starts (see listenWhileProbing)
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
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
            HttpServer server = vertx.createHttpServer(options)
                    .connectionHandler(guard::onConnection)
                    .invalidRequestHandler(new InvalidRequests(MAX_LINE_BYTES, MAX_HEADER_BYTES))
                    .requestHandler(new Routes(bridge, guard));
            listenWhileProbing(server, pool, probing);
            Exposure.bindWarning(config.host(), server.actualPort(), config.apiKeys()).ifPresent(LOG::warning);
            return new BridgeServer(vertx, server, bridge, logs, guard);
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
    private static void listenWhileProbing(HttpServer server, BackendPool pool, FirstProbes early) {
        Future<Void> probing = pool.start(early);
        server.listen().await();
        probing.await();
    }

    private static RequestLog requestLog(BridgeConfig config) {
        return config.requestLog() == null ? RequestLog.terminal() : RequestLog.withFile(config.requestLog());
    }

    public int port() {
        return server.actualPort();
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
