package dev.localbridge.anthropic;

import dev.localbridge.json.JsonValue;

/**
 * {@code output_config}: an effort level and a JSON schema for
 * structured output. Either may be null (absent).
 */
public record OutputConfig(Effort effort, JsonValue jsonSchema) {
    public static final OutputConfig NONE = new OutputConfig(null, null);
}
