package dev.localbridge.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localbridge.anthropic.AnthropicJson;
import dev.localbridge.anthropic.MessagesRequest;
import dev.localbridge.anthropic.RequestReader;
import dev.localbridge.backend.UpstreamClient;
import dev.localbridge.error.ApiException;
import dev.localbridge.openai.ChatRequest;
import dev.localbridge.openai.ChatRequestWriter;
import dev.localbridge.translate.UpstreamErrors;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.time.Duration;

/**
 * {@code POST /v1/messages/count_tokens}: the tokens the backend will really see — the translated request
 * rendered by the backend's own chat template ({@code /apply-template}) and tokenized by its own tokenizer
 * ({@code /tokenize}). Backends without those endpoints get a documented estimate, flagged in the
 * {@code x-localbridge-token-count} header.
 */
final class CountTokensEndpoint {
    static final String COUNT_HEADER = "x-localbridge-token-count";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final Bridge bridge;

    CountTokensEndpoint(Bridge bridge) {
        this.bridge = bridge;
    }

    void handle(HttpServerRequest request, byte[] body, String requestId) {
        MessagesRequest parsed = RequestReader.read(body, false);
        String backendModel = bridge.config().models().resolve(parsed.model(), null);
        ChatRequest chat = bridge.translator().translate(parsed, backendModel, Math.max(1, parsed.maxTokens()));
        byte[] templateBody = ChatRequestWriter.write(chat, false);
        count(templateBody).onComplete(result -> {
            if (result.failed()) {
                ApiException error = result.cause() instanceof ApiException api ? api
                        : UpstreamErrors.unreachable(bridge.upstream().baseUrl(), String.valueOf(result.cause()));
                bridge.metrics().error(error.type());
                Responses.error(request.response(), error, requestId);
                return;
            }
            request.response().putHeader(COUNT_HEADER, result.result().exact() ? "exact" : "estimate");
            Responses.json(request.response(), 200, AnthropicJson.tokenCount(result.result().tokens()), requestId);
        });
    }

    record Count(long tokens, boolean exact) {
    }

    Future<Count> count(byte[] templateBody) {
        UpstreamClient upstream = bridge.upstream();
        return upstream.call(HttpMethod.POST, "/apply-template", templateBody, TIMEOUT).compose(rendered -> {
            if (rendered.status() == 404) {
                return Future.succeededFuture(estimate(templateBody));
            }
            if (!rendered.ok()) {
                return Future.failedFuture(UpstreamErrors.fromHttp(rendered.status(), rendered.body()));
            }
            String prompt = field(rendered.body(), "prompt");
            byte[] tokenize = AnthropicJson.toBytes(json -> {
                json.writeStartObject();
                json.writeStringField("content", prompt);
                json.writeBooleanField("add_special", true);
                json.writeBooleanField("parse_special", true);
                json.writeEndObject();
            });
            return upstream.call(HttpMethod.POST, "/tokenize", tokenize, TIMEOUT).compose(tokens -> tokens.ok()
                    ? Future.succeededFuture(new Count(tokenCount(tokens.body()), true))
                    : Future.failedFuture(UpstreamErrors.fromHttp(tokens.status(), tokens.body())));
        });
    }

    /** Without the backend's tokenizer: about 3.5 bytes of rendered JSON per token, rounded up. */
    static Count estimate(byte[] templateBody) {
        return new Count((long) Math.ceil(templateBody.length / 3.5), false);
    }

    private static String field(byte[] json, String name) {
        try {
            JsonNode node = MAPPER.readTree(json).path(name);
            if (!node.isTextual()) {
                throw ApiException.apiError("the backend's /apply-template answer has no \"" + name + "\"", null);
            }
            return node.textValue();
        } catch (IOException e) {
            throw ApiException.apiError("the backend's /apply-template answer is not JSON", e);
        }
    }

    private static long tokenCount(byte[] json) {
        try {
            JsonNode tokens = MAPPER.readTree(json).path("tokens");
            if (!tokens.isArray()) {
                throw ApiException.apiError("the backend's /tokenize answer has no \"tokens\"", null);
            }
            return tokens.size();
        } catch (IOException e) {
            throw ApiException.apiError("the backend's /tokenize answer is not JSON", e);
        }
    }
}
