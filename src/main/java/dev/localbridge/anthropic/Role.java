package dev.localbridge.anthropic;

/** Roles a message in {@code messages} can have. {@code system} is sent by Claude Code ≥ 2.1.154 mid-conversation. */
public enum Role {
    USER, ASSISTANT, SYSTEM
}
