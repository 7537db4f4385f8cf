package dev.localbridge.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Live-view snapshots as the bridge serves them (the contract's JSON), built up for tests. */
public final class LiveSnapshots {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final ObjectNode root = MAPPER.createObjectNode();

    private LiveSnapshots() {
        root.put("time", 1_764_312_345_678L);
        root.putObject("bridge").put("version", "0.1.0").put("uptimeMs", 3_723_000).put("outputCeiling", 16384);
        root.putObject("totals").put("requests", 12).put("errors", 1).put("hangups", 0).put("inputTokens", 1000)
                .put("outputTokens", 500).put("cacheReadTokens", 800);
        root.putObject("rates").put("outputTokensPerSecond", 41.5).put("requestsPerMinute", 3.0);
        root.putObject("ttftMs").put("p50", 120.0).put("p90", 340.0);
        root.put("cacheHitRate", 0.44);
        root.putArray("active");
        root.putArray("recent");
        root.putArray("backends");
    }

    /** No requests, no backend. */
    public static LiveSnapshots empty() {
        return new LiveSnapshots();
    }

    /** One llama-server backend, ready, with 4 slots of 32768. */
    public static LiveSnapshots withBackend() {
        return empty().backend("http://127.0.0.1:8080", "llama-server", "gemma-4-31b", 32768, 4, "ready", true);
    }

    public LiveSnapshots backend(String url, String kind, String model, int nCtx, int slots, String state,
                                 boolean healthy) {
        ((ArrayNode) root.get("backends")).addObject().put("url", url).put("kind", kind).put("model", model)
                .put("nCtx", nCtx).put("slots", slots).put("state", state).put("healthy", healthy);
        return this;
    }

    public LiveSnapshots active(String id, String phase, int promptTokens, int nCtx, int outputTokens,
                                double tokensPerSecond, long ageMs) {
        ((ArrayNode) root.get("active")).addObject().put("id", id).put("model", "gemma-4-31b")
                .put("requestedModel", "claude-opus-local").put("phase", phase).put("promptTokens", promptTokens)
                .put("nCtx", nCtx).put("outputTokens", outputTokens).put("tokensPerSecond", tokensPerSecond)
                .put("ageMs", ageMs).put("stream", true);
        return this;
    }

    public LiveSnapshots completed(String id, String stopReason, int promptTokens, int cachedTokens, int outputTokens) {
        recent(id, "completed").put("stopReason", stopReason).put("promptTokens", promptTokens)
                .put("cachedTokens", cachedTokens).put("outputTokens", outputTokens);
        return this;
    }

    public LiveSnapshots failed(String id, String errorType, String message) {
        recent(id, "failed").put("errorType", errorType).put("message", message);
        return this;
    }

    public LiveSnapshots hungUp(String id) {
        recent(id, "hung_up");
        return this;
    }

    private ObjectNode recent(String id, String outcome) {
        return ((ArrayNode) root.get("recent")).addObject().put("id", id).put("model", "gemma-4-31b")
                .put("requestedModel", "claude-opus-local").put("outcome", outcome).putNull("stopReason")
                .putNull("errorType").putNull("message").put("promptTokens", 13000).put("nCtx", 32768)
                .put("cachedTokens", 0).put("outputTokens", 0).put("ttftMs", 450.0).put("tokensPerSecond", 24.0)
                .put("durationMs", 8000).put("endedAt", root.get("time").asLong() - 5000);
    }

    /** Any top-level field set to a raw JSON value, for malformed-input tests. */
    public LiveSnapshots set(String field, String json) {
        try {
            root.set(field, MAPPER.readTree(json));
            return this;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public LiveSnapshots remove(String field) {
        root.remove(field);
        return this;
    }

    public String json() {
        return root.toString();
    }
}
