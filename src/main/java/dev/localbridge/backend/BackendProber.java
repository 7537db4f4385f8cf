package dev.localbridge.backend;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The one reading of what a backend is and how much context a request may use, shared by the bridge's
 * {@link BackendMonitor} (which runs it off the event loop) and every command ({@code up}, {@code claude},
 * {@code env}, {@code doctor}, {@code bench}). Blocking; one prober per backend URL.
 *
 * <p>In order: llama-server by {@code /props} (per-slot {@code n_ctx}, slots, chat-template caps, vision; 503 while
 * it loads), a 503 from {@code /health}, Ollama by {@code /api/version} and {@code /api/ps}, vLLM by
 * {@code max_model_len} in {@code /v1/models}, any other server by its {@code /v1/models} list or a {@code /health}
 * that answers 200.
 */
public final class BackendProber {
    private final Duration timeout;
    private final String url;
    private final String apiKey;

    public BackendProber(URI backend, String apiKey, Duration timeout) {
        this.timeout = timeout;
        this.url = root(backend);
        this.apiKey = apiKey;
    }

    /** The backend's root URL without a trailing slash or {@code /v1}, as the bridge uses it. */
    public String url() {
        return url;
    }

    /** A backend URL as the bridge uses it: without a trailing slash or {@code /v1}. */
    public static String root(URI backend) {
        return UpstreamClient.normalise(backend);
    }

    /**
     * Probes now. Its connections are closed when it returns: an idle keep-alive connection would hold one of
     * llama-server's few HTTP threads between probes.
     */
    public BackendStatus probe() {
        try (HttpProbe http = HttpProbe.forBase(url, timeout)) {
            return probe(http);
        }
    }

    private BackendStatus probe(HttpProbe http) {
        return switch (get(http, "/props")) {
            case HttpProbe.Reply.Refused refused -> new BackendStatus.Absent(url, refused.reason());
            case HttpProbe.Reply.NotHttp notHttp -> new BackendStatus.NotHttp(url, notHttp.reason());
            case HttpProbe.Reply.Answered props when props.status() == 200 && isObject(props) -> {
                JsonNode json = LenientJson.parse(props.body());
                yield new BackendStatus.Serving(url, llamaCpp(json), json);
            }
            case HttpProbe.Reply.Answered props when props.status() == 503 ->
                    new BackendStatus.Loading(url, message(props.body()));
            case HttpProbe.Reply.Answered props -> notLlamaCpp(http);
        };
    }

    private BackendStatus notLlamaCpp(HttpProbe http) {
        HttpProbe.Reply health = get(http, "/health");
        if (health instanceof HttpProbe.Reply.Answered answered && answered.status() == 503) {
            return new BackendStatus.Loading(url, message(answered.body()));
        }
        boolean healthy = health instanceof HttpProbe.Reply.Answered answered && answered.status() == 200;
        return ollama(http).orElseGet(() -> openAiModels(http, healthy));
    }

    private Optional<BackendStatus> ollama(HttpProbe http) {
        if (!(get(http, "/api/version") instanceof HttpProbe.Reply.Answered version) || version.status() / 100 != 2) {
            return Optional.empty();
        }
        String label = "Ollama " + LenientJson.parse(version.body()).path("version").asText("?");
        JsonNode running = json(get(http, "/api/ps")).path("models");
        if (running.isArray() && !running.isEmpty()) {
            JsonNode first = running.get(0);
            int ctx = first.path("context_length").asInt(0);
            return Optional.of(serving(new BackendInfo(BackendInfo.Kind.OLLAMA, first.path("name").asText(null), ctx, 1,
                    ctx > 0 ? "Ollama /api/ps context_length" : "unknown: Ollama did not say", false,
                    BackendInfo.Capabilities.UNKNOWN, label)));
        }
        String model = json(get(http, "/api/tags")).path("models").path(0).path("name").asText(null);
        return Optional.of(serving(new BackendInfo(BackendInfo.Kind.OLLAMA, model, 0, 1,
                "unknown: no model loaded in Ollama yet; set --ctx to its num_ctx", false,
                BackendInfo.Capabilities.UNKNOWN, label)));
    }

    private BackendStatus openAiModels(HttpProbe http, boolean healthy) {
        return switch (get(http, "/v1/models")) {
            case HttpProbe.Reply.Refused refused -> new BackendStatus.Absent(url, refused.reason());
            case HttpProbe.Reply.NotHttp notHttp -> new BackendStatus.NotHttp(url, notHttp.reason());
            case HttpProbe.Reply.Answered models -> fromModels(models, healthy);
        };
    }

    private BackendStatus fromModels(HttpProbe.Reply.Answered models, boolean healthy) {
        String answer = "GET /v1/models answered " + models.status()
                + (models.snippet().isEmpty() ? "" : " " + models.snippet());
        JsonNode list = LenientJson.parse(models.body());
        boolean lists = models.status() == 200 && (list.path("data").isArray() || list.path("models").isArray());
        if (models.status() == 503) {
            return new BackendStatus.Loading(url, message(models.body()));
        }
        if (models.status() == 401 || models.status() == 403) {
            return new BackendStatus.Unauthorized(url, answer);
        }
        if (!lists) {
            return healthy ? serving(BackendInfo.unknownContext(answer)) : new BackendStatus.Foreign(url, answer);
        }
        JsonNode first = list.path("data").path(0);
        int maxModelLen = first.path("max_model_len").asInt(0);
        if (maxModelLen > 0) {
            return serving(new BackendInfo(BackendInfo.Kind.VLLM, first.path("id").asText(null), maxModelLen, 1,
                    "vLLM /v1/models max_model_len", false, BackendInfo.Capabilities.UNKNOWN, ""));
        }
        return serving(new BackendInfo(BackendInfo.Kind.OPENAI_COMPATIBLE, first.path("id").asText(null), 0, 1,
                BackendInfo.UNKNOWN_CONTEXT, false, BackendInfo.Capabilities.UNKNOWN, ""));
    }

    static BackendInfo llamaCpp(JsonNode props) {
        JsonNode caps = props.path("chat_template_caps");
        BackendInfo.Capabilities capabilities = new BackendInfo.Capabilities(
                bool(caps, "supports_tools"), bool(caps, "supports_parallel_tool_calls"),
                caps.has("supports_reasoning_effort") || caps.has("supports_preserve_reasoning")
                        ? bool(caps, "supports_preserve_reasoning") : null,
                props.path("modalities").has("vision") ? props.path("modalities").path("vision").asBoolean() : null,
                props.path("chat_template").asText(null));
        String model = props.path("model_alias").asText(props.path("model_path").asText(null));
        int nCtx = props.path("default_generation_settings").path("n_ctx").asInt(0);
        return new BackendInfo(BackendInfo.Kind.LLAMA_CPP, model, nCtx, props.path("total_slots").asInt(1),
                "llama-server /props", true, capabilities, props.path("build_info").asText(""));
    }

    /** llama-server's {@code {"error":{"message":"Loading model",…}}}, or the body itself. */
    static String message(String body) {
        String message = LenientJson.parse(body).path("error").path("message").asText(null);
        return message != null ? message : body.strip();
    }

    private BackendStatus serving(BackendInfo info) {
        return new BackendStatus.Serving(url, info, LenientJson.empty());
    }

    private HttpProbe.Reply get(HttpProbe http, String path) {
        return http.get(URI.create(url + path), apiKey);
    }

    private static boolean isObject(HttpProbe.Reply.Answered answered) {
        return LenientJson.parse(answered.body()).isObject() && !answered.body().isBlank();
    }

    private static JsonNode json(HttpProbe.Reply reply) {
        return reply instanceof HttpProbe.Reply.Answered answered ? LenientJson.parse(answered.body())
                : LenientJson.empty();
    }

    private static Boolean bool(JsonNode node, String field) {
        return node.has(field) ? node.path(field).asBoolean() : null;
    }
}
