package dev.localbridge.backend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localbridge.anthropic.AnthropicJson;
import dev.localbridge.budget.Tokenizer;
import dev.localbridge.error.ApiException;
import dev.localbridge.translate.UpstreamErrors;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;

/** llama-server's {@code /apply-template} and {@code /tokenize}. */
public final class LlamaCppTokenizer implements Tokenizer {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final UpstreamClient upstream;

    public LlamaCppTokenizer(UpstreamClient upstream) {
        this.upstream = upstream;
    }

    @Override
    public Future<String> render(byte[] chatBody) {
        return upstream.call(HttpMethod.POST, "/apply-template", chatBody, TIMEOUT).map(response -> {
            JsonNode prompt = answer(response, "/apply-template").path("prompt");
            if (!prompt.isTextual()) {
                throw ApiException.apiError("the backend's /apply-template answer has no \"prompt\"", null);
            }
            return prompt.textValue();
        });
    }

    @Override
    public Future<Integer> count(String text, boolean addSpecial) {
        byte[] body = AnthropicJson.toBytes(json -> {
            json.writeStartObject();
            json.writeStringField("content", text);
            json.writeBooleanField("add_special", addSpecial);
            json.writeBooleanField("parse_special", true);
            json.writeEndObject();
        });
        return upstream.call(HttpMethod.POST, "/tokenize", body, TIMEOUT).map(response -> {
            JsonNode tokens = answer(response, "/tokenize").path("tokens");
            if (!tokens.isArray()) {
                throw ApiException.apiError("the backend's /tokenize answer has no \"tokens\"", null);
            }
            return tokens.size();
        });
    }

    private static JsonNode answer(UpstreamClient.Response response, String path) {
        if (!response.ok()) {
            throw UpstreamErrors.fromHttp(response.status(), response.body());
        }
        return LenientJson.parse(response.body());
    }
}
