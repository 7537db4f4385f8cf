package dev.localbridge.anthropic;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code output_config}: an effort level ({@code low|medium|high|max}) and a JSON schema for
 * structured output. Either may be null (absent).
 */
public record OutputConfig(String effort, JsonNode jsonSchema) {
    public static final OutputConfig NONE = new OutputConfig(null, null);
}
