package dev.localbridge.server;

import dev.localbridge.anthropic.MessagesRequest;
import dev.localbridge.anthropic.RequestReader;
import dev.localbridge.error.ApiException;
import dev.localbridge.error.ErrorType;
import dev.localbridge.observability.ExchangeListener;
import dev.localbridge.routing.ConversationKey;
import dev.localbridge.routing.RequestKind;
import dev.localbridge.routing.RequestKinds;
import dev.localbridge.translate.Ids;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/** Dispatches inbound requests. Every failure becomes an Anthropic-shaped error; none escapes to the server. */
final class Routes implements Handler<HttpServerRequest> {
    private static final ExchangeListener.Outcome SERVED = new ExchangeListener.Outcome.Served();
    /** Bodies this large are parsed on a worker thread; smaller ones (nearly all) stay on the fast path. */
    static final int OFF_LOOP_BYTES = 256 * 1024;

    private final Bridge bridge;
    private final Auth auth;
    private final ModelsEndpoint models;
    private final CountTokensEndpoint countTokens;
    private final Planner planner;
    private final LiveEndpoint live;
    private final Dashboard dashboard;
    private final ConnectionGuard guard;
    private final Admission admission;

    Routes(Bridge bridge, ConnectionGuard guard) {
        this.bridge = bridge;
        this.guard = guard;
        this.dashboard = new Dashboard(bridge.vertx());
        this.admission = new Admission(bridge.config().inboundLimits());
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
        Lifecycle life = Lifecycle.begin(request, requestId, guard, bridge.vertx(),
                bridge.config().inboundLimits().bodyTimeout());
        try {
            route(request, requestId, events, life);
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

    private void route(HttpServerRequest request, String requestId, ExchangeListener events, Lifecycle life) {
        String path = request.path();
        HttpMethod method = request.method();
        switch (path) {
            case "/health", "/v1/health" -> expect(method, HttpMethod.GET, path, () -> {
                Responses.json(request.response(), 200,
                        auth.passes(request) ? models.health() : models.liveness(), requestId);
                events.ended(SERVED);
            });
            case "/api/hello" -> {
                Responses.json(request.response(), 200, "{}".getBytes(StandardCharsets.UTF_8), requestId);
                events.ended(SERVED);
            }
            case "/metrics" -> expect(method, HttpMethod.GET, path, () -> {
                auth.check(request);
                request.response().putHeader("content-type", dev.localbridge.observability.Metrics.contentType())
                        .end(bridge.metrics().prometheus() + bridge.pool().prometheus());
                events.ended(SERVED);
            });
            case "/v1/models" -> expect(method, HttpMethod.GET, path, () -> {
                auth.check(request);
                Responses.json(request.response(), 200, models.list(), requestId);
                events.ended(SERVED);
            });
            case "/v1/messages" -> expect(method, HttpMethod.POST, path, () -> {
                auth.check(request);
                life.admit(admission);
                readBody(request, requestId, events, life, true,
                        (parsed, large) -> messages(request, parsed, large, requestId, events));
            });
            case "/v1/messages/count_tokens" -> expect(method, HttpMethod.POST, path, () -> {
                auth.check(request);
                life.admit(admission);
                readBody(request, requestId, events, life, false,
                        (parsed, large) -> countTokens.handle(request, parsed, large, requestId, events));
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

    private void messages(HttpServerRequest request, MessagesRequest parsed, boolean large, String requestId,
                          ExchangeListener events) {
        Exchange exchange = new Exchange(bridge, request.response(), requestId, parsed, events);
        RequestKind kind = RequestKinds.classify(parsed, request.getHeader(RequestKinds.REQUEST_CLASS_HEADER));
        if (kind.answeredByBridge()) {
            exchange.answerWithout();
            return;
        }
        exchange.start(planner.plan(parsed, kind, request.getHeader(ConversationKey.SESSION_HEADER), large));
    }

    /**
     * Reads the body up to the configured limit (413 beyond) while the in-flight byte budget allows (529 beyond),
     * then parses it: on the event loop when small, on a worker when large, so that a large body never holds
     * up the other connections of its event loop.
     */
    private void readBody(HttpServerRequest request, String requestId, ExchangeListener events, Lifecycle life,
                          boolean maxTokensRequired, BiConsumer<MessagesRequest, Boolean> then) {
        long limit = bridge.config().maxBodyBytes();
        long declared = parseLong(request.getHeader("content-length"));
        if (declared > limit) {
            refuseBody(request, requestId, events, tooLarge(limit));
            return;
        }
        if (declared > 0 && !life.hold(declared)) {
            refuseBody(request, requestId, events, life.overBytes());
            return;
        }
        Buffer body = Buffer.buffer((int) Math.max(0, declared));
        boolean[] refused = {false};
        long[] held = {Math.max(0, declared)};
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            long grown = body.length() + chunk.length();
            boolean fits = grown <= limit;
            if (!fits || (grown > held[0] && !life.hold(grown - held[0]))) {
                refused[0] = true;
                refuseBody(request, requestId, events, fits ? life.overBytes() : tooLarge(limit));
                return;
            }
            held[0] = Math.max(held[0], grown);
            body.appendBuffer(chunk);
        });
        request.endHandler(v -> {
            if (!refused[0]) {
                parse(request, requestId, events, body.getBytes(), maxTokensRequired, then);
            }
        });
    }

    private void parse(HttpServerRequest request, String requestId, ExchangeListener events, byte[] body,
                       boolean maxTokensRequired, BiConsumer<MessagesRequest, Boolean> then) {
        if (body.length < OFF_LOOP_BYTES) {
            try {
                then.accept(RequestReader.read(body, maxTokensRequired), false);
            } catch (RuntimeException e) {
                Failures.answer(request.response(), requestId, e, events);
            }
            return;
        }
        bridge.vertx().executeBlocking(() -> RequestReader.read(body, maxTokensRequired), false)
                .onComplete(read -> {
                    try {
                        if (read.failed()) {
                            Failures.answer(request.response(), requestId, read.cause(), events);
                            return;
                        }
                        then.accept(read.result(), true);
                    } catch (RuntimeException e) {
                        Failures.answer(request.response(), requestId, e, events);
                    }
                });
    }

    private static ApiException tooLarge(long limit) {
        return ApiException.of(ErrorType.REQUEST_TOO_LARGE,
                "request body exceeds the configured limit of " + limit + " bytes");
    }

    /** Answers before the body is read, then closes the connection: the rest of the body is never read. */
    /**
     * Answers a refused body and closes the connection once the client has sent it (its remainder is discarded, at
     * most for a second): closing while the client still writes makes its kernel reset the connection, and the
     * client loses the answer it was about to read.
     */
    private void refuseBody(HttpServerRequest request, String requestId, ExchangeListener events,
                            ApiException error) {
        boolean http1 = request.version() != io.vertx.core.http.HttpVersion.HTTP_2;
        if (http1) {
            request.response().putHeader("connection", "close");
        }
        request.handler(ignored -> {
        });
        Failures.answer(request.response(), requestId, error, events);
        if (http1) {
            long linger = bridge.vertx().setTimer(1000, t -> request.connection().close());
            request.endHandler(v -> {
                bridge.vertx().cancelTimer(linger);
                request.connection().close();
            });
        }
    }

    private static long parseLong(String value) {
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
