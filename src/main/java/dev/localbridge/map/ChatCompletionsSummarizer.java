package dev.localbridge.map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Asks an OpenAI-compatible backend (llama-server, Ollama, vLLM…) for each summary: one non-streaming
 * {@code POST /v1/chat/completions} per module ({@code stream:false}, temperature 0); the answer is
 * {@linkplain ModuleSummarizer#tidy tidied} to one line.
 */
public final class ChatCompletionsSummarizer implements ModuleSummarizer, AutoCloseable {
    static final String PATH = "/v1/chat/completions";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI endpoint;
    private final String model;
    private final String apiKey;
    private final Duration timeout;

    private ChatCompletionsSummarizer(HttpClient http, URI endpoint, String model, String apiKey, Duration timeout) {
        this.http = http;
        this.endpoint = endpoint;
        this.model = model;
        this.apiKey = apiKey;
        this.timeout = timeout;
    }

    /**
     * @param backend the backend's root URL; a trailing {@code /} or {@code /v1} is fine
     * @param apiKey  sent as a bearer token; empty to send none
     * @param timeout how long one answer may take
     */
    public static ChatCompletionsSummarizer create(URI backend, String model, String apiKey, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        return new ChatCompletionsSummarizer(http, endpoint(backend), model, apiKey, timeout);
    }

    static URI endpoint(URI backend) {
        String base = backend.toString().replaceFirst("/+$", "").replaceFirst("/v1$", "");
        return URI.create(base + PATH);
    }

    @Override
    public String summarize(ModuleDigest module) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(module), StandardCharsets.UTF_8));
        if (!apiKey.isEmpty()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<String> response = send(request.build(), module);
        if (response.statusCode() != 200) {
            throw new SummaryException("the backend at " + endpoint + " answered " + response.statusCode()
                    + " for module " + module.module() + ": " + RepoFiles.shorten(response.body().strip(), 300));
        }
        return ModuleSummarizer.tidy(content(response.body(), module));
    }

    private HttpResponse<String> send(HttpRequest request, ModuleDigest module) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SummaryException("could not reach the backend at " + endpoint + " (summarising "
                    + module.module() + "): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SummaryException("interrupted while summarising " + module.module(), e);
        }
    }

    String body(ModuleDigest module) {
        List<String> prompt = module.prompt();
        ObjectNode body = JSON.createObjectNode().put("model", model).put("stream", false)
                .put("temperature", 0).put("max_tokens", 400);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", prompt.get(0));
        messages.addObject().put("role", "user").put("content", prompt.get(1));
        return body.toString();
    }

    private static String content(String body, ModuleDigest module) {
        try {
            JsonNode content = JSON.readTree(body).path("choices").path(0).path("message").path("content");
            if (!content.isTextual()) {
                throw new SummaryException("the backend's answer for " + module.module() + " has no"
                        + " choices[0].message.content: " + RepoFiles.shorten(body, 300));
            }
            return content.asText();
        } catch (IOException e) {
            throw new SummaryException("the backend's answer for " + module.module() + " is not JSON", e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
