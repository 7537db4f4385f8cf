package dev.localbridge.bench;

import dev.localbridge.backend.UpstreamClient;
import dev.localbridge.openai.ChatChunk;
import dev.localbridge.openai.ChunkParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Sends one translated request straight to the backend and measures it, keeping llama-server's own timings. */
final class DirectRunner {
    private final HttpClient http;
    private final String backendUrl;
    private final String apiKey;
    private final Duration timeout;

    /** @param apiKey the backend's key, or null */
    DirectRunner(HttpClient http, String backendUrl, String apiKey, Duration timeout) {
        this.http = http;
        this.backendUrl = backendUrl;
        this.apiKey = apiKey;
        this.timeout = timeout;
    }

    DirectSample run(byte[] chatRequest) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(backendUrl + UpstreamClient.CHAT_PATH))
                .timeout(timeout).header("content-type", "application/json").header("accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(chatRequest));
        if (apiKey != null && !apiKey.isBlank()) {
            request.header("authorization", "Bearer " + apiKey);
        }
        Clock clock = new Clock();
        try {
            HttpResponse<InputStream> response = Requests.send(http, request.build());
            if (response.statusCode() != 200) {
                throw new BenchException("the backend answered " + response.statusCode() + ": "
                        + Text.snippet(new String(response.body().readAllBytes(), StandardCharsets.UTF_8)));
            }
            Stream stream = new Stream(clock);
            SseLines.read(response.body(), stream::onData);
            return stream.sample(clock);
        } catch (IOException e) {
            throw new BenchException("the backend at " + backendUrl + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted", e);
        }
    }

    /** What one stream carried: tokens as they came, then usage and timings on the last chunks. */
    private static final class Stream {
        private final Clock clock;
        private ChatChunk.UpstreamUsage usage;
        private ChatChunk.Timings timings;

        Stream(Clock clock) {
            this.clock = clock;
        }

        void onData(String event, String data, long nanos) throws IOException {
            if (data.equals("[DONE]")) {
                return;
            }
            byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
            ChatChunk chunk = ChunkParser.parse(bytes, 0, bytes.length);
            if (chunk.error() != null) {
                throw new BenchException("the backend failed mid-answer: " + chunk.error().message());
            }
            if (isToken(chunk)) {
                clock.token(nanos);
            }
            usage = chunk.usage() != null ? chunk.usage() : usage;
            timings = chunk.timings() != null ? chunk.timings() : timings;
        }

        private static boolean isToken(ChatChunk chunk) {
            return chunk.content() != null && !chunk.content().isEmpty()
                    || chunk.reasoning() != null && !chunk.reasoning().isEmpty() || !chunk.toolCalls().isEmpty();
        }

        DirectSample sample(Clock clock) {
            if (!clock.sawToken()) {
                throw new BenchException("the backend answered without generating a token");
            }
            if (usage == null) {
                throw new BenchException("the backend sent no usage (stream_options.include_usage)");
            }
            return new DirectSample(clock.ttftMs(), clock.elapsedMs(), clock.streamMs(), usage.promptTokens(),
                    usage.cachedTokens(), usage.completionTokens(), timings);
        }
    }
}
