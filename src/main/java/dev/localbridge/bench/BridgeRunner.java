package dev.localbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Sends one Messages request through the bridge, as Claude Code does, and measures it. */
final class BridgeRunner {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient http;
    private final String bridgeUrl;
    private final String apiKey;
    private final Duration timeout;

    /** @param apiKey a key the bridge accepts (any value when it was started without --api-keys) */
    BridgeRunner(HttpClient http, String bridgeUrl, String apiKey, Duration timeout) {
        this.http = http;
        this.bridgeUrl = bridgeUrl;
        this.apiKey = apiKey;
        this.timeout = timeout;
    }

    BridgeSample run(byte[] messagesRequest) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(bridgeUrl + "/v1/messages?beta=true"))
                .timeout(timeout).header("content-type", "application/json").header("anthropic-version", "2023-06-01")
                .header("x-api-key", apiKey).POST(HttpRequest.BodyPublishers.ofByteArray(messagesRequest)).build();
        Clock clock = new Clock();
        try {
            HttpResponse<InputStream> response = Requests.send(http, request);
            if (response.statusCode() != 200) {
                String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
                throw new BenchException("the bridge answered " + response.statusCode() + ": " + errorMessage(body));
            }
            Stream stream = new Stream(clock);
            SseLines.read(response.body(), stream::onData);
            return stream.sample(clock);
        } catch (IOException e) {
            throw new BenchException("the bridge at " + bridgeUrl + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted", e);
        }
    }

    private static String errorMessage(String body) {
        try {
            JsonNode message = MAPPER.readTree(body).path("error").path("message");
            return message.isTextual() ? message.asText() : Text.snippet(body);
        } catch (IOException e) {
            return Text.snippet(body);
        }
    }

    /** The events of one answer: deltas as they came, usage from message_start and message_delta. */
    private static final class Stream {
        private final Clock clock;
        private JsonNode usage = MAPPER.createObjectNode();

        Stream(Clock clock) {
            this.clock = clock;
        }

        void onData(String event, String data, long nanos) throws IOException {
            JsonNode json = MAPPER.readTree(data);
            String type = event.isEmpty() ? json.path("type").asText() : event;
            switch (type) {
                case "content_block_delta" -> clock.token(nanos);
                case "message_start" -> usage = json.path("message").path("usage");
                case "message_delta" -> usage = merge(usage, json.path("usage"));
                case "error" -> throw new BenchException("the bridge failed mid-answer: "
                        + json.path("error").path("message").asText(data));
                default -> {
                }
            }
        }

        private static JsonNode merge(JsonNode start, JsonNode delta) {
            ObjectNode merged = start.isObject() ? ((ObjectNode) start).deepCopy() : MAPPER.createObjectNode();
            delta.properties().forEach(field -> merged.set(field.getKey(), field.getValue()));
            return merged;
        }

        BridgeSample sample(Clock clock) {
            if (!clock.sawToken()) {
                throw new BenchException("the bridge answered without a single content delta");
            }
            return new BridgeSample(clock.ttftMs(), clock.elapsedMs(), clock.streamMs(),
                    usage.path("input_tokens").asLong(), usage.path("cache_read_input_tokens").asLong(),
                    usage.path("output_tokens").asLong());
        }
    }
}
