package dev.localbridge.server;

import dev.localbridge.anthropic.AnthropicJson;
import dev.localbridge.cli.Version;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /v1/models} in Anthropic's shape, and {@code GET /health}. */
final class ModelsEndpoint {
    private static final String CREATED_AT = "2026-01-01T00:00:00Z";
    private final Bridge bridge;

    ModelsEndpoint(Bridge bridge) {
        this.bridge = bridge;
    }

    /**
     * One entry per mapped family, with an id Claude Code's gateway discovery keeps (it must contain
     * "claude") and that routes back to the same family: {@code claude-opus-local}, …, {@code claude-local}.
     */
    byte[] list() {
        Map<String, String> entries = new LinkedHashMap<>(bridge.config().models().entries());
        if (entries.isEmpty()) {
            entries.put("default", "the backend's model");
        }
        return AnthropicJson.toBytes(json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("data");
            String first = null;
            String last = null;
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                String id = entry.getKey().equals("default") ? "claude-local" : "claude-" + entry.getKey() + "-local";
                first = first == null ? id : first;
                last = id;
                json.writeStartObject();
                json.writeStringField("type", "model");
                json.writeStringField("id", id);
                json.writeStringField("display_name", entry.getValue() + " (local)");
                json.writeStringField("created_at", CREATED_AT);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeBooleanField("has_more", false);
            json.writeStringField("first_id", first);
            json.writeStringField("last_id", last);
            json.writeEndObject();
        });
    }

    byte[] health() {
        return AnthropicJson.toBytes(json -> {
            json.writeStartObject();
            json.writeStringField("status", "ok");
            json.writeStringField("version", Version.current());
            json.writeStringField("backend", bridge.upstream().baseUrl());
            json.writeNumberField("output_ceiling", bridge.config().outputCeiling());
            json.writeEndObject();
        });
    }
}
