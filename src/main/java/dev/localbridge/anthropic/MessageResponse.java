package dev.localbridge.anthropic;

import java.util.List;
import java.util.Objects;

/** A complete (non-streaming) {@code message}. {@code stopSequence} is null unless a stop sequence matched. */
public record MessageResponse(
        String id, String model, List<ContentBlock> content, StopReason stopReason, String stopSequence, Usage usage) {
    public MessageResponse {
        Objects.requireNonNull(id);
        Objects.requireNonNull(model);
        content = List.copyOf(content);
        Objects.requireNonNull(stopReason);
        Objects.requireNonNull(usage);
    }
}
