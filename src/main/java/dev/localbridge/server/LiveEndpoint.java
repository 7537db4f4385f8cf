package dev.localbridge.server;

import dev.localbridge.config.Version;
import dev.localbridge.observability.ExchangeListener;
import dev.localbridge.observability.LiveView;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /api/live}: one snapshot of the {@link LiveView} as JSON; {@code GET /api/live/stream}: the same as
 * server-sent events, one {@code snapshot} event at once and then every second. One timer serves every open stream
 * and runs only while one is open; each snapshot is built once for all of them.
 */
final class LiveEndpoint {
    private static final long PERIOD_MS = 1000;
    private static final Buffer PREFIX = Buffer.buffer("event: snapshot\ndata: ".getBytes(StandardCharsets.UTF_8));
    private static final Buffer SUFFIX = Buffer.buffer("\n\n".getBytes(StandardCharsets.UTF_8));
    private static final ExchangeListener.Outcome SERVED = new ExchangeListener.Outcome.Served();

    private final Bridge bridge;
    private final LiveView live;
    private final Set<HttpServerResponse> subscribers = ConcurrentHashMap.newKeySet();
    private long timer = -1;

    LiveEndpoint(Bridge bridge, LiveView live) {
        this.bridge = bridge;
        this.live = live;
    }

    private byte[] snapshot() {
        return live.snapshot(Version.current(), bridge.config().outputCeiling());
    }

    void once(HttpServerRequest request, String requestId, ExchangeListener events) {
        request.response().putHeader("cache-control", "no-store");
        Responses.json(request.response(), 200, snapshot(), requestId);
        events.ended(SERVED);
    }

    void stream(HttpServerRequest request, String requestId, ExchangeListener events) {
        HttpServerResponse response = request.response();
        response.setStatusCode(200)
                .putHeader("content-type", "text/event-stream; charset=utf-8")
                .putHeader("cache-control", "no-store")
                .putHeader("x-accel-buffering", "no")
                .putHeader("request-id", requestId)
                .setChunked(true);
        response.closeHandler(v -> {
            unsubscribe(response);
            events.ended(SERVED);
        });
        send(response, Buffer.buffer(snapshot()));
        subscribe(response);
    }

    private synchronized void subscribe(HttpServerResponse response) {
        subscribers.add(response);
        if (timer == -1) {
            timer = bridge.vertx().setPeriodic(PERIOD_MS, t -> tick());
        }
    }

    private synchronized void unsubscribe(HttpServerResponse response) {
        subscribers.remove(response);
        if (subscribers.isEmpty() && timer != -1) {
            bridge.vertx().cancelTimer(timer);
            timer = -1;
        }
    }

    private void tick() {
        if (subscribers.isEmpty()) {
            return;
        }
        Buffer data = Buffer.buffer(snapshot());
        for (HttpServerResponse response : subscribers) {
            send(response, data);
        }
    }

    /** A subscriber that does not keep up skips snapshots rather than buffering them. */
    private static void send(HttpServerResponse response, Buffer data) {
        if (response.closed() || response.ended() || response.writeQueueFull()) {
            return;
        }
        response.write(PREFIX.copy().appendBuffer(data).appendBuffer(SUFFIX));
    }
}
