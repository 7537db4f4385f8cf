package dev.localbridge.server;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The bridge's HTTP servers, one per event loop. Each is a verticle with its own event-loop context; all listen on
 * one port, so Vert.x shares the socket and hands each new connection to the next server in turn. A connection, and
 * every exchange on it, stays on the loop of the server that accepted it; what the exchanges share across loops is
 * listed in ARCHITECTURE.md ("Event loops").
 */
final class ServerLoops {
    /** The system property that sets how many event loops serve connections. */
    static final String PROPERTY = "localbridge.eventLoops";

    private final List<Loop> loops;

    private ServerLoops(List<Loop> loops) {
        this.loops = List.copyOf(loops);
    }

    /** Event loops serving connections: {@code -Dlocalbridge.eventLoops=N}, else {@code fallback}; at least 1. */
    static int configured(int fallback) {
        return Math.max(1, Integer.getInteger(PROPERTY, fallback));
    }

    /**
     * Starts {@code count} servers with {@code options}: each hands its new connections to {@code connections} and
     * gets its other handlers from {@code handlers} (the same handler objects may serve every loop: they must then be
     * safe to call from several threads). Returns once every server listens.
     */
    static ServerLoops listen(Vertx vertx, HttpServerOptions options, int count, Handler<HttpConnection> connections,
                              Consumer<HttpServer> handlers) {
        if (count == 1 || options.getPort() != 0) {
            return new ServerLoops(deploy(vertx, options, count, connections, handlers));
        }
        // Vert.x shares one socket among the servers of one port number, but not among servers of port 0 (each
        // would bind a port of its own): take a free port first; should another process take it meanwhile, another.
        for (int attempt = 1; ; attempt++) {
            HttpServerOptions chosen = new HttpServerOptions(options).setPort(freePort(options.getHost()));
            try {
                return new ServerLoops(deploy(vertx, chosen, count, connections, handlers));
            } catch (Exception e) { // await() rethrows the bind's own BindException
                if (attempt == 5 || !(e instanceof BindException || e.getCause() instanceof BindException)) {
                    throw e;
                }
            }
        }
    }

    private static List<Loop> deploy(Vertx vertx, HttpServerOptions options, int count,
                                     Handler<HttpConnection> connections, Consumer<HttpServer> handlers) {
        List<Loop> started = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                Loop loop = new Loop(options, connections, handlers);
                vertx.deployVerticle(loop).await();
                started.add(loop);
            }
            return started;
        } catch (Exception e) {
            started.forEach(loop -> loop.server.close().await());
            throw e;
        }
    }

    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return loops.getFirst().server.actualPort();
    }

    /** The event-loop thread of each server, in start order. */
    List<String> threads() {
        return loops.stream().map(loop -> loop.thread).toList();
    }

    /** Connections each server has accepted so far, in start order. */
    List<Integer> accepted() {
        return loops.stream().map(loop -> loop.accepted.get()).toList();
    }

    /** One server on the event loop of its verticle's context. */
    private static final class Loop extends VerticleBase {
        private final HttpServerOptions options;
        private final Handler<HttpConnection> connections;
        private final Consumer<HttpServer> handlers;
        private final AtomicInteger accepted = new AtomicInteger();
        private HttpServer server;
        private String thread;

        Loop(HttpServerOptions options, Handler<HttpConnection> connections, Consumer<HttpServer> handlers) {
            this.options = options;
            this.connections = connections;
            this.handlers = handlers;
        }

        @Override
        public Future<?> start() {
            thread = Thread.currentThread().getName();
            server = vertx.createHttpServer(options).connectionHandler(connection -> {
                accepted.incrementAndGet();
                connections.handle(connection);
            });
            handlers.accept(server);
            return server.listen();
        }
    }
}
