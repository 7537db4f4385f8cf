package dev.localbridge.server;

import dev.localbridge.anthropic.MessagesRequest;
import dev.localbridge.anthropic.RequestReader;
import dev.localbridge.error.ApiException;
import dev.localbridge.error.ErrorType;
import dev.localbridge.translate.Ids;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Dispatches inbound requests. Every failure becomes an Anthropic-shaped error; none escapes to the server. */
final class Routes implements Handler<HttpServerRequest> {
    private static final Logger LOG = Logger.getLogger(Routes.class.getName());

    private final Bridge bridge;
    private final Auth auth;
    private final ModelsEndpoint models;
    private final CountTokensEndpoint countTokens;
    private final Planner planner;

    Routes(Bridge bridge) {
        this.bridge = bridge;
        this.auth = new Auth(bridge.config().apiKeys());
        this.models = new ModelsEndpoint(bridge);
        this.planner = new Planner(bridge);
        this.countTokens = new CountTokensEndpoint(bridge, planner);
    }

    @Override
    public void handle(HttpServerRequest request) {
        String requestId = "req_" + Ids.messageId().substring(4);
        try {
            route(request, requestId);
        } catch (RuntimeException e) {
            answerFailure(request, requestId, e);
        }
    }

    /** Bad input is an Anthropic error; anything else is logged once and answered as api_error. */
    private void answerFailure(HttpServerRequest request, String requestId, RuntimeException failure) {
        ApiException error;
        if (failure instanceof ApiException api) {
            error = api;
        } else {
            LOG.log(Level.SEVERE, "unexpected failure handling " + request.method() + " " + request.path(), failure);
            error = ApiException.apiError("internal error: " + failure, failure);
        }
        bridge.metrics().error(error.type());
        Responses.error(request.response(), error, requestId);
    }

    private void route(HttpServerRequest request, String requestId) {
        String path = request.path();
        HttpMethod method = request.method();
        switch (path) {
            case "/health", "/v1/health" -> expect(method, HttpMethod.GET, path,
                    () -> Responses.json(request.response(), 200, models.health(), requestId));
            case "/api/hello" -> Responses.json(request.response(), 200, "{}".getBytes(StandardCharsets.UTF_8),
                    requestId);
            case "/metrics" -> expect(method, HttpMethod.GET, path, () -> request.response()
                    .putHeader("content-type", "text/plain; version=0.0.4")
                    .end(bridge.metrics().prometheus()));
            case "/v1/models" -> expect(method, HttpMethod.GET, path, () -> {
                auth.check(request);
                Responses.json(request.response(), 200, models.list(), requestId);
            });
            case "/v1/messages" -> expect(method, HttpMethod.POST, path, () -> {
                auth.check(request);
                readBody(request, requestId, body -> messages(request, body, requestId));
            });
            case "/v1/messages/count_tokens" -> expect(method, HttpMethod.POST, path, () -> {
                auth.check(request);
                readBody(request, requestId, body -> countTokens.handle(request, body, requestId));
            });
            default -> throw ApiException.of(ErrorType.NOT_FOUND, "no route for " + method + " " + path);
        }
    }

    private static void expect(HttpMethod actual, HttpMethod expected, String path, Runnable action) {
        boolean headForGet = expected == HttpMethod.GET && actual == HttpMethod.HEAD;
        if (actual != expected && !headForGet) {
            throw ApiException.of(ErrorType.NOT_FOUND, "no route for " + actual + " " + path + " (use " + expected + ")");
        }
        action.run();
    }

    private void messages(HttpServerRequest request, byte[] body, String requestId) {
        MessagesRequest parsed = RequestReader.read(body, true);
        planner.plan(parsed).onComplete(planned -> {
            if (planned.succeeded()) {
                new Exchange(bridge, request.response(), requestId, planned.result()).start();
                return;
            }
            ApiException error = Planner.asApiException(planned.cause());
            bridge.metrics().error(error.type());
            Responses.error(request.response(), error, requestId);
        });
    }

    /** Reads the body up to the configured limit; larger bodies get 413 and the connection is closed. */
    private void readBody(HttpServerRequest request, String requestId, Consumer<byte[]> then) {
        long limit = bridge.config().maxBodyBytes();
        String declared = request.getHeader("content-length");
        if (declared != null && parseLong(declared) > limit) {
            tooLarge(request, requestId, limit);
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
                tooLarge(request, requestId, limit);
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
                answerFailure(request, requestId, e);
            }
        });
    }

    private void tooLarge(HttpServerRequest request, String requestId, long limit) {
        bridge.metrics().error(ErrorType.REQUEST_TOO_LARGE);
        boolean http1 = request.version() != io.vertx.core.http.HttpVersion.HTTP_2;
        if (http1) {
            request.response().putHeader("connection", "close");
        }
        Responses.error(request.response(), ApiException.of(ErrorType.REQUEST_TOO_LARGE,
                "request body exceeds the configured limit of " + limit + " bytes"), requestId);
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
