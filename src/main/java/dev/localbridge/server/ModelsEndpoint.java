package dev.localbridge.server;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.localbridge.anthropic.AnthropicJson;
import dev.localbridge.backend.BackendInfo;
import dev.localbridge.config.Version;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /v1/models} and {@code GET /v1/models/{id}} in Anthropic's shape, and {@code GET /health}. */
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

    /**
     * {@code GET /v1/models/{id}} (the SDKs' {@code models.retrieve()}): every id is accepted by the bridge, so
     * every id is answered, named after the backend model it routes to.
     */
    byte[] one(String id) {
        String backendModel = bridge.config().models().resolve(id, bridge.monitor().current().model());
        return AnthropicJson.toBytes(json -> {
            json.writeStartObject();
            json.writeStringField("type", "model");
            json.writeStringField("id", id);
            json.writeStringField("display_name", (backendModel == null ? "the backend's model" : backendModel)
                    + " (local)");
            json.writeStringField("created_at", CREATED_AT);
            json.writeEndObject();
        });
    }

    /** The bridge is up; {@code backend} says what the latest probe found, so nothing is assumed silently. */
    /** {@code /health} for a caller without the key: alive, and nothing about the backend. */
    byte[] liveness() {
        return AnthropicJson.toBytes(json -> {
            json.writeStartObject();
            json.writeStringField("status", "ok");
            json.writeStringField("service", "localbridge");
            json.writeStringField("version", Version.current());
            json.writeEndObject();
        });
    }

    byte[] health() {
        BackendInfo backend = bridge.monitor().current();
        return AnthropicJson.toBytes(json -> {
            json.writeStartObject();
            json.writeStringField("status", "ok");
            json.writeStringField("service", "localbridge");
            json.writeStringField("version", Version.current());
            json.writeNumberField("output_ceiling", bridge.config().outputCeiling());
            json.writeNumberField("min_output_tokens", bridge.config().minOutputTokens());
            json.writeObjectFieldStart("backend");
            json.writeStringField("url", bridge.upstream().baseUrl());
            json.writeStringField("kind", backend.kind().label());
            json.writeBooleanField("serving", backend.kind().serving());
            json.writeStringField("model", backend.model());
            json.writeNumberField("n_ctx", backend.nCtx());
            json.writeNumberField("slots", backend.slots());
            json.writeStringField("n_ctx_source", backend.ctxSource());
            json.writeStringField("token_counts", backend.tokenizer() ? "exact" : "estimate");
            writeCapabilities(json, backend.capabilities());
            json.writeStringField("detail", backend.detail());
            json.writeEndObject();
            PoolHealth.write(json, bridge.pool(), bridge.config().pool());
            json.writeEndObject();
        });
    }

    private static void writeCapabilities(JsonGenerator json, BackendInfo.Capabilities caps) throws IOException {
        json.writeObjectFieldStart("capabilities");
        writeOptional(json, "tools", caps.tools());
        writeOptional(json, "parallel_tool_calls", caps.parallelToolCalls());
        writeOptional(json, "reasoning", caps.reasoning());
        writeOptional(json, "vision", caps.vision());
        json.writeEndObject();
    }

    private static void writeOptional(JsonGenerator json, String field, Boolean value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else {
            json.writeBooleanField(field, value);
        }
    }
}
