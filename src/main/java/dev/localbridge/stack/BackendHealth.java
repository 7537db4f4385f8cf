package dev.localbridge.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Whether an OpenAI-compatible backend answers: {@code GET /health} (llama-server, vLLM), else
 * {@code GET /v1/models} (Ollama, LM Studio). llama-server answers 503 "Loading model" until the model is loaded.
 */
public final class BackendHealth {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public sealed interface State {
        /** It serves requests. */
        record Ready() implements State {
        }

        /** It is up but still loading the model; {@code message} is its own words. */
        record Loading(String message) implements State {
        }

        /** Nothing answers (connection refused, timed out). */
        record Absent(String reason) implements State {
        }

        /** Something answers, but not like a backend. */
        record Foreign(int status, String detail) implements State {
        }
    }

    public State check(URI backend) {
        String base = base(backend);
        try {
            HttpResponse<String> health = get(base + "/health");
            return switch (health.statusCode()) {
                case 200 -> new State.Ready();
                case 503 -> new State.Loading(message(health.body()));
                default -> models(base, health.statusCode());
            };
        } catch (IOException e) {
            return new State.Absent(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new State.Absent("interrupted");
        }
    }

    private State models(String base, int healthStatus) throws IOException, InterruptedException {
        HttpResponse<String> models = get(base + "/v1/models");
        if (models.statusCode() == 200) {
            return new State.Ready();
        }
        return models.statusCode() == 503 ? new State.Loading(message(models.body()))
                : new State.Foreign(healthStatus, "GET /health answered " + healthStatus + ", GET /v1/models "
                + models.statusCode());
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** llama-server's {@code {"error":{"message":"Loading model",…}}}, or the body itself. */
    static String message(String body) {
        try {
            JsonNode json = MAPPER.readTree(body);
            String message = json == null ? null : json.path("error").path("message").asText(null);
            return message != null ? message : body.strip();
        } catch (IOException e) {
            return body.strip();
        }
    }

    /** The backend's root URL without a trailing slash or {@code /v1}, as the bridge uses it. */
    static String base(URI backend) {
        String url = backend.toString();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return url.endsWith("/v1") ? url.substring(0, url.length() - 3) : url;
    }
}
