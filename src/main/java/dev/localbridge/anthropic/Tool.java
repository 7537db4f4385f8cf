package dev.localbridge.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** A client tool. {@code deferLoading} tools are only placeholders for tool search and never reach the model. */
public record Tool(String name, String description, JsonNode inputSchema, boolean deferLoading) {
    public Tool {
        Objects.requireNonNull(name);
        Objects.requireNonNull(description);
        Objects.requireNonNull(inputSchema);
    }
}
