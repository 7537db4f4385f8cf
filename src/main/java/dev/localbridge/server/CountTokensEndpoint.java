package dev.localbridge.server;

import dev.localbridge.anthropic.AnthropicJson;
import dev.localbridge.anthropic.MessagesRequest;
import dev.localbridge.backend.BackendInfo;
import dev.localbridge.backend.PoolMember;
import dev.localbridge.observability.ExchangeListener;
import dev.localbridge.openai.ChatRequest;
import dev.localbridge.openai.ChatRequestWriter;
import dev.localbridge.routing.ConversationKey;
import dev.localbridge.routing.RequestKinds;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code POST /v1/messages/count_tokens}: the tokens the backend will really see — the translated request
 * rendered by the backend's own chat template and tokenized by its own tokenizer (cached per chunk).
 * Backends without those endpoints get an estimate of one token per 3.5 bytes of the translated request;
 * the {@code x-localbridge-token-count} header says which ({@code exact} or {@code estimate}).
 */
final class CountTokensEndpoint {
    static final String COUNT_HEADER = "x-localbridge-token-count";
    private final Bridge bridge;
    private final Planner planner;

    CountTokensEndpoint(Bridge bridge, Planner planner) {
        this.bridge = bridge;
        this.planner = planner;
    }

    /** @param large the body was too big to parse on the event loop: translating it is not done there either */
    void handle(HttpServerRequest request, MessagesRequest parsed, boolean large, String requestId,
                ExchangeListener events) {
        if (!bridge.pool().probed()) { // the bridge is starting: count with what the first probe finds
            bridge.pool().firstProbes().onComplete(probed -> {
                try {
                    handle(request, parsed, large, requestId, events);
                } catch (RuntimeException e) {
                    Failures.answer(request.response(), requestId, e, events);
                }
            });
            return;
        }
        Route route = planner.route(parsed,
                RequestKinds.classify(parsed, request.getHeader(RequestKinds.REQUEST_CLASS_HEADER)),
                request.getHeader(ConversationKey.SESSION_HEADER), large);
        PoolMember member = route.candidates().getFirst();
        BackendInfo backend = member.info();
        String model = planner.backendModel(route, backend);
        java.util.concurrent.Callable<byte[]> write = () -> ChatRequestWriter.write(
                bridge.translator().translate(parsed, model, Math.max(1, parsed.maxTokens())), false);
        Future<byte[]> written;
        try {
            written = large ? bridge.vertx().executeBlocking(write, false) : Future.succeededFuture(write.call());
        } catch (Exception e) {
            written = Future.failedFuture(e);
        }
        written.compose(body -> (backend.tokenizer() ? member.counter().count(body) : Future.succeededFuture(-1L))
                .map(tokens -> tokens >= 0 ? new Count(tokens, true) : new Count(estimate(body), false)))
                .onComplete(result -> {
                    if (result.failed()) {
                        Failures.answer(request.response(), requestId, result.cause(), events);
                        return;
                    }
                    request.response().putHeader(COUNT_HEADER, result.result().exact() ? "exact" : "estimate");
                    Responses.json(request.response(), 200, AnthropicJson.tokenCount(result.result().tokens()),
                            requestId);
                    events.ended(new ExchangeListener.Outcome.Served());
                });
    }

    private record Count(long tokens, boolean exact) {
    }

    /** Without the backend's tokenizer: about 3.5 bytes of translated request per token, rounded up. */
    static long estimate(byte[] chatBody) {
        return (long) Math.ceil(chatBody.length / 3.5);
    }
}
