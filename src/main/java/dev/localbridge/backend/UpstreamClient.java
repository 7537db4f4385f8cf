package dev.localbridge.backend;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;

/**
 * The HTTP client to one OpenAI-compatible backend. Connections are pooled and kept alive; a request is
 * cancelled by resetting it, which closes its HTTP/1.1 connection, and llama-server then frees the slot.
 */
public final class UpstreamClient implements AutoCloseable {
    public static final String CHAT_PATH = "/v1/chat/completions";

    private final Vertx vertx;
    private final HttpClientAgent http;
    /** Small control calls (probes, templates, tokenization) share two connections of their own. */
    private final HttpClientAgent control;
    /** For a request sent again: a new connection, never another pooled one that may be stale too. */
    private final HttpClientAgent fresh;
    private final String baseUrl;
    private final String authorization;
    private final long connectTimeoutMs;

    public UpstreamClient(Vertx vertx, URI backend, String apiKey, Duration connectTimeout) {
        this.vertx = vertx;
        this.baseUrl = normalise(backend);
        this.authorization = apiKey == null || apiKey.isBlank() ? null : "Bearer " + apiKey;
        this.connectTimeoutMs = connectTimeout.toMillis();
        // Idle pooled connections are closed after 3 s: before llama-server's own keep-alive timeout (5 s), so
        // a connection it is closing is never reused, and idle connections never hold its few HTTP threads.
        HttpClientOptions options = new HttpClientOptions()
                .setKeepAlive(true)
                .setKeepAliveTimeout(3)
                .setTcpNoDelay(true)
                .setConnectTimeout((int) connectTimeoutMs)
                .setDecompressionSupported(false)
                .setMaxInitialLineLength(16 * 1024);
        this.http = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(1024));
        // llama-server serves each connection with one of its few HTTP threads (by default its slot count + 2):
        // counting alongside the chat streams it already runs must never take the thread a stream needs.
        this.control = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(CONTROL_CONNECTIONS));
        this.fresh = vertx.createHttpClient(new HttpClientOptions(options).setKeepAlive(false),
                new PoolOptions().setHttp1MaxSize(1024));
    }

    static final int CONTROL_CONNECTIONS = 2;

    /** The Vert.x instance whose event loops run this client's callbacks and timers. */
    public Vertx vertx() {
        return vertx;
    }

    /** The backend's root URL without a trailing slash or {@code /v1}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** Opens a request; the caller sends the body and may {@code reset()} it to cancel. */
    public Future<HttpClientRequest> open(HttpMethod method, String path) {
        return http.request(options(method, path));
    }

    /**
     * Opens a request on a connection of its own (closed after its answer): for a request sent again because its
     * pooled connection turned out to be closed, as every other idle one may be after the same pause.
     */
    public Future<HttpClientRequest> openFresh(HttpMethod method, String path) {
        return fresh.request(options(method, path));
    }

    private RequestOptions options(HttpMethod method, String path) {
        RequestOptions options = new RequestOptions()
                .setMethod(method)
                .setAbsoluteURI(baseUrl + path)
                .setConnectTimeout(connectTimeoutMs)
                .putHeader("content-type", "application/json")
                .putHeader("accept", "application/json, text/event-stream");
        if (authorization != null) {
            options.putHeader("authorization", authorization);
        }
        return options;
    }

    /** A complete request/response exchange for small JSON calls (probes, templates, tokenization). */
    public Future<Response> call(HttpMethod method, String path, byte[] body, Duration timeout) {
        return control.request(options(method, path)).compose(request -> {
            request.idleTimeout(timeout.toMillis());
            Future<io.vertx.core.http.HttpClientResponse> sent =
                    body == null ? request.send() : request.send(Buffer.buffer(body));
            return sent.compose(response -> response.body()
                    .map(bytes -> new Response(response.statusCode(), bytes.getBytes())));
        });
    }

    public record Response(int status, byte[] body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    static String normalise(URI backend) {
        String url = backend.toString();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        if (url.endsWith("/v1")) {
            url = url.substring(0, url.length() - 3);
        }
        return url;
    }

    @Override
    public void close() {
        http.close();
        control.close();
        fresh.close();
    }
}
