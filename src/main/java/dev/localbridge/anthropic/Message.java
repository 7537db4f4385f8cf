package dev.localbridge.anthropic;

import java.util.List;
import java.util.Objects;

/** One entry of {@code messages}; a string content is read as one text block. */
public record Message(Role role, List<ContentBlock> content) {
    public Message {
        Objects.requireNonNull(role);
        content = List.copyOf(content);
    }
}
