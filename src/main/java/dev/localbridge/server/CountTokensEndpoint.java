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

    void handle(HttpServerRequest request, MessagesRequest parsed, String requestId, ExchangeListener events) {
        Route route = planner.route(parsed, request.getHeader(ConversationKey.SESSION_HEADER),
                request.getHeader(RequestKinds.REQUEST_CLASS_HEADER), false);
        PoolMember member = route.candidates().getFirst();
        BackendInfo backend = member.info();
        String model = route.model() != null ? route.model()
                : bridge.config().models().resolve(parsed.model(), backend.model());
        ChatRequest chat = bridge.translator().translate(parsed, model, Math.max(1, parsed.maxTokens()));
        Future<Long> counted = backend.tokenizer()
                ? member.counter().count(ChatRequestWriter.write(chat, false))
                : Future.succeededFuture(-1L);
        counted.onComplete(result -> {
            if (result.failed()) {
                Failures.answer(request.response(), requestId, result.cause(), events);
                return;
            }
            boolean exact = result.result() >= 0;
            long tokens = exact ? result.result() : estimate(ChatRequestWriter.write(chat, false));
            request.response().putHeader(COUNT_HEADER, exact ? "exact" : "estimate");
            Responses.json(request.response(), 200, AnthropicJson.tokenCount(tokens), requestId);
            events.ended(new ExchangeListener.Outcome.Served());
        });
    }

    /** Without the backend's tokenizer: about 3.5 bytes of translated request per token, rounded up. */
    static long estimate(byte[] chatBody) {
        return (long) Math.ceil(chatBody.length / 3.5);
    }
}
