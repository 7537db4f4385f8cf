package dev.localbridge.diagnose;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localbridge.backend.BackendInfo;
import dev.localbridge.backend.BackendProbe;
import dev.localbridge.backend.UpstreamClient;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * What answers at the backend's address. An OpenAI-compatible server answers {@code GET /v1/models} with a
 * {@code data} (or Ollama's {@code models}) list; then the bridge's own {@link BackendProbe} says what it is.
 */
public sealed interface BackendStatus {
    /** {@code url} is the backend's root as the bridge uses it. */
    String url();

    /** {@code props} is llama-server's {@code /props} (an empty object for other backends). */
    record Serving(String url, BackendInfo info, JsonNode props) implements BackendStatus {
        public Serving {
            Objects.requireNonNull(info);
            Objects.requireNonNull(props);
        }
    }

    record Loading(String url, String answer) implements BackendStatus {
    }

    record Absent(String url, String reason) implements BackendStatus {
    }

    record Unauthorized(String url, String answer) implements BackendStatus {
    }

    /** An HTTP server that is not OpenAI-compatible. */
    record Foreign(String url, String answer) implements BackendStatus {
    }

    record NotHttp(String url, String reason) implements BackendStatus {
    }

    /** One phrase for messages. */
    default String describe() {
        return switch (this) {
            case Serving serving -> serving.info().describe();
            case Loading loading -> "still loading its model: " + loading.answer();
            case Absent absent -> "nothing answers: " + absent.reason();
            case Unauthorized denied -> "it wants an API key (--backend-api-key): " + denied.answer();
            case Foreign foreign -> "not an OpenAI-compatible server: " + foreign.answer();
            case NotHttp notHttp -> "not an HTTP server: " + notHttp.reason();
        };
    }

    static BackendStatus inspect(HttpProbe http, URI backend, String apiKey, Duration timeout) {
        Vertx vertx = Vertx.vertx();
        try (UpstreamClient upstream = new UpstreamClient(vertx, backend, apiKey, timeout)) {
            String url = upstream.baseUrl();
            return switch (http.get(URI.create(url + "/v1/models"), apiKey)) {
                case HttpProbe.Reply.Refused refused -> new Absent(url, refused.reason());
                case HttpProbe.Reply.NotHttp notHttp -> new NotHttp(url, notHttp.reason());
                case HttpProbe.Reply.Answered answered -> fromModels(http, upstream, apiKey, answered);
            };
        } finally {
            vertx.close().await();
        }
    }

    private static BackendStatus fromModels(HttpProbe http, UpstreamClient upstream, String apiKey,
                                            HttpProbe.Reply.Answered models) {
        String url = upstream.baseUrl();
        String answer = "GET /v1/models answered " + models.status()
                + (models.snippet().isEmpty() ? "" : " " + models.snippet());
        if (models.status() == 503) {
            return new Loading(url, answer);
        }
        if (models.status() == 401 || models.status() == 403) {
            return new Unauthorized(url, answer);
        }
        JsonNode list = JsonText.parse(models.body());
        if (models.status() != 200 || !(list.path("data").isArray() || list.path("models").isArray())) {
            return new Foreign(url, answer);
        }
        BackendInfo info = new BackendProbe(upstream).probe().await();
        return switch (info.kind()) {
            case LOADING -> new Loading(url, info.detail());
            case LLAMA_CPP -> new Serving(url, info, props(http, url, apiKey));
            default -> info.kind().serving() ? new Serving(url, info, JsonText.MAPPER.createObjectNode())
                    : new Absent(url, info.detail());
        };
    }

    private static JsonNode props(HttpProbe http, String url, String apiKey) {
        return http.get(URI.create(url + "/props"), apiKey) instanceof HttpProbe.Reply.Answered answered
                && answered.status() == 200 ? JsonText.parse(answered.body()) : JsonText.MAPPER.createObjectNode();
    }
}
