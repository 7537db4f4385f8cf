package dev.localbridge.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the bridge's live view (the contract of {@code GET /api/live} and {@code GET /api/live/stream}):
 * serves whatever snapshot the test last {@link #publish published}, pushes each new one to every open stream at
 * once (and the current one every second, as the bridge does), so a test drives what {@code top} shows step by step. With a key set, requests without it get 401.
 */
public final class LiveViewServer implements AutoCloseable {
    private static final String STOP = new String("end of stream");
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<BlockingQueue<String>> streams = new CopyOnWriteArrayList<>();
    private final String requiredKey;
    private volatile String current;

    private LiveViewServer(String snapshot, String requiredKey) throws IOException {
        this.current = snapshot;
        this.requiredKey = requiredKey;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/api/live/stream", this::stream);
        server.createContext("/api/live", this::snapshot);
    }

    public static LiveViewServer serving(String snapshot) throws IOException {
        return withKey(snapshot, null);
    }

    public static LiveViewServer withKey(String snapshot, String key) throws IOException {
        LiveViewServer live = new LiveViewServer(snapshot, key);
        live.server.start();
        return live;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Serves this snapshot from now on and sends it down every open stream. */
    public void publish(String snapshot) {
        current = snapshot;
        streams.forEach(queue -> queue.add(snapshot));
    }

    /** How many streams are open now. */
    public int openStreams() {
        return streams.size();
    }

    private boolean authorized(HttpExchange exchange) throws IOException {
        if (requiredKey == null || requiredKey.equals(exchange.getRequestHeaders().getFirst("x-api-key"))) {
            return true;
        }
        byte[] body = "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}"
                .getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(401, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
        return false;
    }

    private void snapshot(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals("/api/live")) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        if (!authorized(exchange)) {
            return;
        }
        byte[] body = current.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private void stream(HttpExchange exchange) throws IOException {
        if (!authorized(exchange)) {
            return;
        }
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        queue.add(current);
        streams.add(queue);
        exchange.getResponseHeaders().add("content-type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            while (true) {
                String next = queue.poll(1, TimeUnit.SECONDS);
                if (next == null) {
                    next = current; // the contract: a snapshot every second, changed or not
                }
                if (next == STOP) {
                    return;
                }
                out.write(("event: snapshot\ndata: " + next.replace("\n", "") + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (InterruptedException | IOException hungUp) {
            // the client went away, or the server stops
        } finally {
            streams.remove(queue);
            exchange.close();
        }
    }

    @Override
    public void close() {
        streams.forEach(queue -> queue.add(STOP));
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
