package dev.localbridge.anthropic;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code output_config}: an effort level and a JSON schema for
 * structured output. Either may be null (absent).
 */
public record OutputConfig(Effort effort, JsonNode jsonSchema) {
    public static final OutputConfig NONE = new OutputConfig(null, null);
}
