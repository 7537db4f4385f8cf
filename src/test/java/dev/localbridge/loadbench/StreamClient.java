package dev.localbridge.loadbench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The harness's streaming HTTP client, on its own Vert.x event loop(s): sends one request and stamps, on the
 * harness's clock, when it was sent and when each token's last character arrived.
 */
final class StreamClient implements AutoCloseable {
    private final Vertx vertx;
    private final HttpClient http;
    private volatile long idleTimeoutMillis = 120_000;
    private volatile long deadlineMillis;

    StreamClient(int eventLoops, int maxConnections) {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
        http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setIdleTimeout(120),
                new PoolOptions().setHttp1MaxSize(maxConnections));
    }

    /** A request that receives nothing for this long fails. */
    void idleTimeout(long millis) {
        idleTimeoutMillis = millis;
    }

    /** A request not finished this long after it was sent is reset and fails (0: no limit). */
    void deadline(long millis) {
        deadlineMillis = millis;
    }

    /**
     * Runs {@code action} on the client's event loop after {@code nanos}: requests sent from there have their
     * response handlers in place before the loop can read any of the answer.
     */
    void later(long nanos, Runnable action) {
        vertx.setTimer(Math.max(1, nanos / 1_000_000), t -> action.run());
    }

    Future<Sample> send(Contender target, Workload.Kind kind, long id, byte[] body, int tokens) {
        Promise<Sample> done = Promise.promise();
        long[] receipts = new long[tokens];
        long[] sent = new long[1];
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(target.url())
                .putHeader("content-type", "application/json").putHeader("anthropic-version", "2023-06-01")
                .putHeader("x-api-key", "sk-loadbench").setIdleTimeout(idleTimeoutMillis);
        long limit = deadlineMillis;
        http.request(options).compose(request -> {
            sent[0] = System.nanoTime();
            if (limit > 0) {
                long timer = vertx.setTimer(limit, t -> {
                    done.tryComplete(new Sample(kind, id, sent[0], receipts, System.nanoTime(),
                            "not finished " + limit + " ms after it was sent"));
                    request.reset();
                });
                done.future().onComplete(finished -> vertx.cancelTimer(timer));
            }
            return request.send(Buffer.buffer(body));
        }).onComplete(result -> {
            if (result.failed()) {
                done.tryComplete(new Sample(kind, id, sent[0], receipts, System.nanoTime(),
                        "request failed: " + result.cause()));
            } else {
                read(result.result(), kind, id, sent[0], receipts, done);
            }
        });
        return done.future();
    }

    private static void read(HttpClientResponse response, Workload.Kind kind, long id, long sent, long[] receipts,
                             Promise<Sample> done) {
        SseText sse = new SseText();
        int tokenLength = Pacing.TOKEN.length();
        int[] received = new int[1];
        Buffer errorBody = response.statusCode() == 200 ? null : Buffer.buffer();
        response.handler(chunk -> {
            long now = System.nanoTime();
            if (errorBody != null) {
                errorBody.appendBuffer(chunk);
                return;
            }
            long complete = Math.min(receipts.length, sse.feed(chunk) / tokenLength);
            while (received[0] < complete) {
                receipts[received[0]++] = now;
            }
        });
        response.exceptionHandler(failure -> done.tryComplete(new Sample(kind, id, sent, receipts,
                System.nanoTime(), "stream failed: " + failure)));
        response.endHandler(v -> {
            String error = errorBody != null ? "HTTP " + response.statusCode() + ": " + errorBody
                    : sse.error() != null ? "error event: " + sse.error()
                    : received[0] < receipts.length ? "short stream: " + received[0] + " of " + receipts.length
                    + " tokens" : null;
            done.tryComplete(new Sample(kind, id, sent, receipts, System.nanoTime(), error));
        });
    }

    @Override
    public void close() {
        vertx.close().await();
    }
}
