package dev.localbridge.server;

import dev.localbridge.config.InboundLimits;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Bounds what connections may hold: how many are open (in all and per client address), and how long a client
 * may take over a request's headers. A connection over a limit, or silent past its deadline, is closed; the
 * others are not affected. Counters are shared by all event loops; each connection's own state is touched only
 * on its event loop.
 */
final class ConnectionGuard {
    private static final Logger LOG = Logger.getLogger(ConnectionGuard.class.getName());

    private final Vertx vertx;
    private final InboundLimits limits;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, Integer> perClient = new ConcurrentHashMap<>();
    private final Map<HttpConnection, Watch> watches = new ConcurrentHashMap<>();

    ConnectionGuard(Vertx vertx, InboundLimits limits) {
        this.vertx = vertx;
        this.limits = limits;
    }

    /** One connection's header deadline and how many of its requests are being served. */
    private final class Watch {
        final HttpConnection connection;
        final String client;
        int active;
        long timer = -1;

        Watch(HttpConnection connection, String client) {
            this.connection = connection;
            this.client = client;
        }

        void awaitHeaders() {
            cancel();
            timer = vertx.setTimer(limits.headerTimeout().toMillis(), t -> {
                timer = -1;
                LOG.fine(() -> "closing a connection from " + client + ": no complete request headers within "
                        + limits.headerTimeout().toMillis() + " ms");
                connection.close();
            });
        }

        void cancel() {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
                timer = -1;
            }
        }
    }

    /** For {@code HttpServer.connectionHandler}: admits or closes a new connection. */
    void onConnection(HttpConnection connection) {
        String client = clientAddress(connection);
        int all = open.incrementAndGet();
        int mine = perClient.merge(client, 1, Integer::sum);
        Watch watch = new Watch(connection, client);
        connection.closeHandler(v -> closed(watch));
        connection.exceptionHandler(e -> InboundProblems.connectionProblem(client, e));
        if (all > limits.maxConnections() || mine > limits.maxConnectionsPerClient()) {
            LOG.fine(() -> "refusing a connection from " + client + ": " + (all > limits.maxConnections()
                    ? all + " open, limit " + limits.maxConnections()
                    : mine + " from this client, limit " + limits.maxConnectionsPerClient()));
            connection.close();
            return;
        }
        watches.put(connection, watch);
        watch.awaitHeaders();
    }

    /**
     * The client's IP address, read from the Netty channel: Vert.x's own {@code remoteAddress()} needs Netty's
     * QUIC classes, which the build leaves out (it throws {@code NoClassDefFoundError} without them).
     */
    private static String clientAddress(HttpConnection connection) {
        if (connection instanceof ConnectionBase base
                && base.channel().remoteAddress() instanceof InetSocketAddress address
                && address.getAddress() != null) {
            return address.getAddress().getHostAddress();
        }
        return "unknown";
    }

    int open() {
        return open.get();
    }

    private void closed(Watch watch) {
        watch.cancel();
        watches.remove(watch.connection);
        open.decrementAndGet();
        perClient.computeIfPresent(watch.client, (k, count) -> count == 1 ? null : count - 1);
    }

    /** A request's headers are complete: its connection's header deadline stops until its response ends. */
    void requestStarted(HttpServerRequest request) {
        Watch watch = watches.get(request.connection());
        if (watch != null) {
            watch.active++;
            watch.cancel();
        }
    }

    /** A response ended: an idle keep-alive connection has the header timeout to send its next request. */
    void requestEnded(HttpServerRequest request) {
        Watch watch = watches.get(request.connection());
        if (watch != null && --watch.active == 0) {
            watch.awaitHeaders();
        }
    }
}
