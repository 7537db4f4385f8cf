package dev.localbridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An OpenAI-compatible backend for tests that streams like llama-server: each chat request is answered by
 * the next {@link Script} (or the fallback), step by step, with real timers for delays. It records every
 * request body and notices when the bridge hangs up on a stream.
 */
public final class ScriptedBackend implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final ConcurrentLinkedQueue<Script> scripts = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<JsonNode> requests = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> hangups = new LinkedBlockingQueue<>();
    private volatile Function<JsonNode, Script> fallback = body -> Script.text("fallback answer");
    private volatile Function<HttpServerRequest, Boolean> extraRoutes = request -> false;
    private final java.util.Set<io.vertx.core.http.HttpConnection> served =
            java.util.Collections.newSetFromMap(new java.util.concurrent.ConcurrentHashMap<>());
    private volatile boolean closeReused;
    private final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();

    public ScriptedBackend() {
        this(0);
    }

    /** On a given port (0 for any free one). */
    public ScriptedBackend(int port) {
        this(port, request -> false);
    }

    /**
     * On a given port, with its other paths handled from the first request on (a prober may call as soon as it
     * listens).
     */
    public ScriptedBackend(int port, Function<HttpServerRequest, Boolean> routes) {
        extraRoutes = routes;
        server = vertx.createHttpServer().connectionHandler(c -> connections.incrementAndGet())
                .requestHandler(this::handle);
        server.listen(port, "127.0.0.1").await();
    }

    /** Connections opened to this backend so far. */
    public int connections() {
        return connections.get();
    }

    public String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    public int port() {
        return server.actualPort();
    }

    /** The next chat request is answered with this script. */
    public ScriptedBackend enqueue(Script script) {
        scripts.add(script);
        return this;
    }

    /** Requests with no queued script are answered by this function of the request body. */
    public ScriptedBackend fallback(Function<JsonNode, Script> responder) {
        fallback = responder;
        return this;
    }

    /** Handles other paths (return true when handled). */
    public ScriptedBackend routes(Function<HttpServerRequest, Boolean> routes) {
        extraRoutes = routes;
        return this;
    }

    /** The next chat request body received, waiting up to 10 s. */
    public JsonNode takeRequest() {
        try {
            JsonNode body = requests.poll(10, TimeUnit.SECONDS);
            if (body == null) {
                throw new AssertionError("the backend received no chat request within 10 s");
            }
            return body;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Forgets the requests received so far (call before each test that inspects requests). */
    public void clearRequests() {
        requests.clear();
    }

    public List<JsonNode> receivedSoFar() {
        return List.copyOf(requests);
    }

    /** Waits for the bridge to hang up on a stream that had not finished; returns the script's name. */
    public String awaitHangup(long timeout, TimeUnit unit) throws InterruptedException {
        return hangups.poll(timeout, unit);
    }

    /**
     * From now on, a chat request that arrives on a connection which already served one finds it closed, as a
     * server that closed its idle keep-alive connections would leave them.
     */
    public void closeReusedConnections() {
        closeReused = true;
    }

    private void handle(HttpServerRequest request) {
        if (extraRoutes.apply(request)) {
            return;
        }
        if (request.path().equals("/v1/chat/completions") && !served.add(request.connection()) && closeReused) {
            request.connection().close();
            return;
        }
        if (!request.path().equals("/v1/chat/completions")) {
            request.response().setStatusCode(404).end("{\"error\":{\"code\":404,\"message\":\"File Not Found\","
                    + "\"type\":\"not_found_error\"}}");
            return;
        }
        request.body().onSuccess(buffer -> {
            JsonNode body = parse(buffer);
            requests.add(body);
            Script script = scripts.poll();
            if (script == null) {
                script = fallback.apply(body);
            }
            play(request.response(), script, 0, new CompletableFuture<>());
        });
    }

    private void play(HttpServerResponse response, Script script, int from, CompletableFuture<Void> closed) {
        if (from == 0) {
            response.closeHandler(v -> {
                if (!response.ended()) {
                    hangups.add(script.name());
                }
                closed.complete(null);
            });
        }
        for (int step = from; step < script.steps().size(); step++) {
            if (closed.isDone() || !playStep(response, script, step, closed)) {
                return;
            }
        }
        if (!closed.isDone() && !response.ended()) {
            response.end();
        }
    }

    /** Plays one step; false when playing stops here (an answer, a wait, a drop, or a delay that resumes later). */
    private boolean playStep(HttpServerResponse response, Script script, int step, CompletableFuture<Void> closed) {
        switch (script.steps().get(step)) {
            case Script.Step.Status status -> {
                response.setStatusCode(status.code()).putHeader("content-type", "application/json")
                        .end(status.body());
                return false;
            }
            case Script.Step.Head head -> {
                response.setStatusCode(200).putHeader("content-type", "text/event-stream").setChunked(true);
                response.writeHead();
                return true;
            }
            case Script.Step.Data data -> {
                ensureHead(response);
                response.write("data: " + data.json() + "\n\n");
                return true;
            }
            case Script.Step.Line line -> {
                ensureHead(response);
                response.write(line.text() + "\n");
                return true;
            }
            case Script.Step.Delay delay -> {
                ensureHead(response);
                vertx.setTimer(delay.millis(), t -> play(response, script, step + 1, closed));
                return false;
            }
            case Script.Step.Wait wait -> {
                ensureHead(response);
                return false;
            }
            case Script.Step.Drop drop -> {
                response.reset();
                return false;
            }
            case Script.Step.Raw raw -> {
                response.setStatusCode(raw.code()).putHeader("content-type", raw.contentType()).setChunked(true);
                Buffer body = Buffer.buffer(raw.body());
                writeCopies(response, body, raw.times());
                return false;
            }
            case Script.Step.Stall stall -> {
                vertx.setTimer(stall.millis(), t -> play(response, script, step + 1, closed));
                return false;
            }
        }
    }

    /** Writes copies of a body as the socket takes them (a huge error page must not fill the backend's heap). */
    private void writeCopies(HttpServerResponse response, Buffer body, int left) {
        if (response.closed()) {
            return;
        }
        while (left > 0 && !response.writeQueueFull()) {
            response.write(body);
            left--;
        }
        if (left == 0) {
            response.end();
            return;
        }
        int remaining = left;
        response.drainHandler(v -> writeCopies(response, body, remaining));
    }

    private static void ensureHead(HttpServerResponse response) {
        if (!response.headWritten()) {
            response.setStatusCode(200).putHeader("content-type", "text/event-stream").setChunked(true);
        }
    }

    private static JsonNode parse(Buffer buffer) {
        try {
            return MAPPER.readTree(buffer.getBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        vertx.close().await();
    }
}
