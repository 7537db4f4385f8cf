package dev.localbridge.anthropic;

import dev.localbridge.json.JsonValue;
import java.util.Objects;

/** A client tool. {@code deferLoading} tools are only placeholders for tool search and never reach the model. */
public record Tool(String name, String description, JsonValue inputSchema, boolean deferLoading) {
    public Tool {
        Objects.requireNonNull(name);
        Objects.requireNonNull(description);
        Objects.requireNonNull(inputSchema);
    }
}
