package dev.localbridge.server;

import dev.localbridge.anthropic.MessagesRequest;
import dev.localbridge.anthropic.RequestReader;
import dev.localbridge.error.ApiException;
import dev.localbridge.error.ErrorType;
import dev.localbridge.observability.ExchangeListener;
import dev.localbridge.translate.Ids;
import dev.localbridge.translate.SideRequests;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Dispatches inbound requests. Every failure becomes an Anthropic-shaped error; none escapes to the server. */
final class Routes implements Handler<HttpServerRequest> {
    private static final ExchangeListener.Outcome SERVED = new ExchangeListener.Outcome.Served();

    private final Bridge bridge;
    private final Auth auth;
    private final ModelsEndpoint models;
    private final CountTokensEndpoint countTokens;
    private final Planner planner;
    private final LiveEndpoint live;
    private final Dashboard dashboard = new Dashboard();

    Routes(Bridge bridge) {
        this.bridge = bridge;
        this.auth = new Auth(bridge.config().apiKeys());
        this.models = new ModelsEndpoint(bridge);
        this.planner = new Planner(bridge);
        this.countTokens = new CountTokensEndpoint(bridge, planner);
        this.live = new LiveEndpoint(bridge, bridge.live());
    }

    @Override
    public void handle(HttpServerRequest request) {
        String requestId = "req_" + Ids.messageId().substring(4);
        ExchangeListener events = bridge.listeners().create(requestId, routeName(request.path()));
        try {
            route(request, requestId, events);
        } catch (RuntimeException e) {
            Failures.answer(request.response(), requestId, e, events);
        }
    }

    /** The route's name for observers: a known path, or {@code other} (paths are the client's to choose). */
    private static String routeName(String path) {
        return switch (path) {
            case "/health", "/v1/health", "/api/hello", "/metrics", "/v1/models", "/v1/messages",
                 "/v1/messages/count_tokens", "/api/live", "/api/live/stream", "/", "/dashboard",
                 "/dashboard/dashboard.css", "/dashboard/dashboard.js" -> path;
            default -> "other";
        };
    }

    private void route(HttpServerRequest request, String requestId, ExchangeListener events) {
        String path = request.path();
        HttpMethod method = request.method();
        switch (path) {
            case "/health", "/v1/health" -> expect(method, HttpMethod.GET, path, () -> {
                Responses.json(request.response(), 200, models.health(), requestId);
                events.ended(SERVED);
            });
            case "/api/hello" -> {
                Responses.json(request.response(), 200, "{}".getBytes(StandardCharsets.UTF_8), requestId);
                events.ended(SERVED);
            }
            case "/metrics" -> expect(method, HttpMethod.GET, path, () -> {
                request.response().putHeader("content-type", dev.localbridge.observability.Metrics.contentType())
                        .end(bridge.metrics().prometheus());
                events.ended(SERVED);
            });
            case "/v1/models" -> expect(method, HttpMethod.GET, path, () -> {
                auth.check(request);
                Responses.json(request.response(), 200, models.list(), requestId);
                events.ended(SERVED);
            });
            case "/v1/messages" -> expect(method, HttpMethod.POST, path, () -> {
                auth.check(request);
                readBody(request, requestId, events, body -> messages(request, body, requestId, events));
            });
            case "/v1/messages/count_tokens" -> expect(method, HttpMethod.POST, path, () -> {
                auth.check(request);
                readBody(request, requestId, events, body -> countTokens.handle(request, body, requestId, events));
            });
            case "/api/live" -> expect(method, HttpMethod.GET, path, () -> {
                auth.check(request);
                live.once(request, requestId, events);
            });
            case "/api/live/stream" -> expect(method, HttpMethod.GET, path, () -> {
                auth.check(request);
                live.stream(request, requestId, events);
            });
            case "/", "/dashboard", "/dashboard/dashboard.css", "/dashboard/dashboard.js" ->
                    expect(method, HttpMethod.GET, path, () -> {
                        dashboard.serve(path, request.response());
                        events.ended(SERVED);
                    });
            default -> {
                if (!path.startsWith(MODEL_PREFIX) || path.length() == MODEL_PREFIX.length()) {
                    throw ApiException.of(ErrorType.NOT_FOUND, "no route for " + method + " " + path);
                }
                expect(method, HttpMethod.GET, path, () -> {
                    auth.check(request);
                    String id = java.net.URLDecoder.decode(path.substring(MODEL_PREFIX.length()), StandardCharsets.UTF_8);
                    Responses.json(request.response(), 200, models.one(id), requestId);
                    events.ended(SERVED);
                });
            }
        }
    }

    private static final String MODEL_PREFIX = "/v1/models/";

    private static void expect(HttpMethod actual, HttpMethod expected, String path, Runnable action) {
        boolean headForGet = expected == HttpMethod.GET && actual == HttpMethod.HEAD;
        if (actual != expected && !headForGet) {
            throw ApiException.of(ErrorType.NOT_FOUND, "no route for " + actual + " " + path + " (use " + expected + ")");
        }
        action.run();
    }

    private void messages(HttpServerRequest request, byte[] body, String requestId, ExchangeListener events) {
        MessagesRequest parsed = RequestReader.read(body, true);
        Exchange exchange = new Exchange(bridge, request.response(), requestId, parsed, events);
        if (SideRequests.answeredByBridge(SideRequests.classify(parsed))) {
            exchange.answerWithout();
            return;
        }
        exchange.start(planner.plan(parsed));
    }

    /** Reads the body up to the configured limit; larger bodies get 413 and the connection is closed. */
    private void readBody(HttpServerRequest request, String requestId, ExchangeListener events,
                          Consumer<byte[]> then) {
        long limit = bridge.config().maxBodyBytes();
        String declared = request.getHeader("content-length");
        if (declared != null && parseLong(declared) > limit) {
            tooLarge(request, requestId, limit, events);
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] overflow = {false};
        request.handler(chunk -> {
            if (overflow[0]) {
                return;
            }
            if (body.length() + chunk.length() > limit) {
                overflow[0] = true;
                tooLarge(request, requestId, limit, events);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(v -> {
            if (overflow[0]) {
                return;
            }
            try {
                then.accept(body.getBytes());
            } catch (RuntimeException e) {
                Failures.answer(request.response(), requestId, e, events);
            }
        });
    }

    private void tooLarge(HttpServerRequest request, String requestId, long limit, ExchangeListener events) {
        boolean http1 = request.version() != io.vertx.core.http.HttpVersion.HTTP_2;
        if (http1) {
            request.response().putHeader("connection", "close");
        }
        Failures.answer(request.response(), requestId, ApiException.of(ErrorType.REQUEST_TOO_LARGE,
                "request body exceeds the configured limit of " + limit + " bytes"), events);
        if (http1) {
            request.connection().close();
        }
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
