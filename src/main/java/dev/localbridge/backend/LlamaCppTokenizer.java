package dev.localbridge.backend;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localbridge.budget.Tokenizer;
import dev.localbridge.error.ApiException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * llama-server's {@code /apply-template} and {@code /tokenize}. A failed answer becomes the {@link ApiException}
 * that {@code upstreamErrors} makes of it (the translation core's rules, given by the caller).
 */
public final class LlamaCppTokenizer implements Tokenizer {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final JsonFactory JSON = new JsonFactory();
    private static final int OFF_LOOP_BYTES = 256 * 1024;
    /** A rendered prompt is as long as the request it renders: no string cap beyond the body limit. */
    private static final ObjectMapper RENDERED = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build());
    private final UpstreamClient upstream;
    private final ErrorTranslation upstreamErrors;

    /** What an upstream error answer means to the client: its HTTP status and body in, the error out. */
    @FunctionalInterface
    public interface ErrorTranslation {
        ApiException fromHttp(int status, byte[] body);
    }

    public LlamaCppTokenizer(UpstreamClient upstream, ErrorTranslation upstreamErrors) {
        this.upstream = upstream;
        this.upstreamErrors = upstreamErrors;
    }

    /** The rendered prompt; a large answer is parsed on a worker thread, never on an event loop. */
    @Override
    public Future<String> render(byte[] chatBody) {
        return upstream.call(HttpMethod.POST, "/apply-template", chatBody, TIMEOUT).compose(response -> {
            if (!response.ok()) {
                throw upstreamErrors.fromHttp(response.status(), response.body());
            }
            Context context = Vertx.currentContext();
            if (response.body().length < OFF_LOOP_BYTES || context == null) {
                return Future.succeededFuture(prompt(response.body()));
            }
            return context.executeBlocking(() -> prompt(response.body()), false);
        });
    }

    private static String prompt(byte[] body) {
        JsonNode prompt;
        try {
            prompt = RENDERED.readTree(body).path("prompt");
        } catch (IOException e) {
            throw ApiException.apiError("the backend's /apply-template answer is not JSON: " + e.getMessage(), e);
        }
        if (!prompt.isTextual()) {
            throw ApiException.apiError("the backend's /apply-template answer has no \"prompt\"", null);
        }
        return prompt.textValue();
    }

    @Override
    public Future<Integer> count(String text, boolean addSpecial) {
        return upstream.call(HttpMethod.POST, "/tokenize", tokenizeBody(text, addSpecial), TIMEOUT).map(response -> {
            JsonNode tokens = answer(response, "/tokenize").path("tokens");
            if (!tokens.isArray()) {
                throw ApiException.apiError("the backend's /tokenize answer has no \"tokens\"", null);
            }
            return tokens.size();
        });
    }

    static byte[] tokenizeBody(String text, boolean addSpecial) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length() + 64);
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeStringField("content", text);
            json.writeBooleanField("add_special", addSpecial);
            json.writeBooleanField("parse_special", true);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private JsonNode answer(UpstreamClient.Response response, String path) {
        if (!response.ok()) {
            throw upstreamErrors.fromHttp(response.status(), response.body());
        }
        return LenientJson.parse(response.body());
    }
}
