package dev.localbridge.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.time.Duration;

/**
 * Finds out what the backend is and how much context a request may use: llama-server by {@code /props}
 * (per-slot {@code n_ctx}, slots, chat template caps, vision), Ollama by {@code /api/version} and
 * {@code /api/show}, vLLM by {@code max_model_len} in {@code /v1/models}, anything else by {@code /v1/models}.
 */
public final class BackendProbe {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final UpstreamClient upstream;

    public BackendProbe(UpstreamClient upstream) {
        this.upstream = upstream;
    }

    public Future<BackendInfo> probe() {
        return upstream.call(HttpMethod.GET, "/props", null, TIMEOUT)
                .compose(props -> switch (props.status()) {
                    case 200 -> Future.succeededFuture(llamaCpp(json(props.body())));
                    case 503 -> Future.succeededFuture(BackendInfo.down(BackendInfo.Kind.LOADING,
                            "the backend answers 503 (loading the model)"));
                    default -> probeOthers();
                })
                .recover(failure -> Future.succeededFuture(BackendInfo.down(BackendInfo.Kind.UNREACHABLE,
                        upstream.baseUrl() + ": " + failure.getMessage())));
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

    private Future<BackendInfo> probeOthers() {
        return upstream.call(HttpMethod.GET, "/api/version", null, TIMEOUT).compose(version -> version.ok()
                ? ollama(json(version.body()).path("version").asText("?"))
                : openAiModels());
    }

    private Future<BackendInfo> ollama(String version) {
        return upstream.call(HttpMethod.GET, "/api/ps", null, TIMEOUT).compose(ps -> {
            JsonNode running = json(ps.body()).path("models");
            if (running.isArray() && !running.isEmpty()) {
                JsonNode first = running.get(0);
                int ctx = first.path("context_length").asInt(0);
                return Future.succeededFuture(new BackendInfo(BackendInfo.Kind.OLLAMA, first.path("name").asText(null),
                        ctx, 1, ctx > 0 ? "Ollama /api/ps context_length" : "unknown: Ollama did not say", false,
                        BackendInfo.Capabilities.UNKNOWN, "Ollama " + version));
            }
            return upstream.call(HttpMethod.GET, "/api/tags", null, TIMEOUT).map(tags -> new BackendInfo(
                    BackendInfo.Kind.OLLAMA, json(tags.body()).path("models").path(0).path("name").asText(null), 0, 1,
                    "unknown: no model loaded in Ollama yet; set --ctx to its num_ctx", false,
                    BackendInfo.Capabilities.UNKNOWN, "Ollama " + version));
        });
    }

    private Future<BackendInfo> openAiModels() {
        return upstream.call(HttpMethod.GET, "/v1/models", null, TIMEOUT).map(models -> {
            if (models.status() == 503) {
                return BackendInfo.down(BackendInfo.Kind.LOADING, "GET /v1/models answered 503");
            }
            if (!models.ok()) {
                return new BackendInfo(BackendInfo.Kind.OPENAI_COMPATIBLE, null, 0, 1,
                        "unknown: the backend does not say; set --ctx", false, BackendInfo.Capabilities.UNKNOWN,
                        "GET /v1/models answered " + models.status());
            }
            JsonNode first = json(models.body()).path("data").path(0);
            int maxModelLen = first.path("max_model_len").asInt(0);
            if (maxModelLen > 0) {
                return new BackendInfo(BackendInfo.Kind.VLLM, first.path("id").asText(null), maxModelLen, 1,
                        "vLLM /v1/models max_model_len", false, BackendInfo.Capabilities.UNKNOWN, "");
            }
            return new BackendInfo(BackendInfo.Kind.OPENAI_COMPATIBLE, first.path("id").asText(null), 0, 1,
                    "unknown: the backend does not say; set --ctx", false, BackendInfo.Capabilities.UNKNOWN, "");
        });
    }

    private static Boolean bool(JsonNode node, String field) {
        return node.has(field) ? node.path(field).asBoolean() : null;
    }

    static JsonNode json(byte[] body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            return node == null ? MAPPER.createObjectNode() : node;
        } catch (IOException e) {
            return MAPPER.createObjectNode();
        }
    }
}
