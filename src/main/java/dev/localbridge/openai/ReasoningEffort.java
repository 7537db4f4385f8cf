package dev.localbridge.openai;

import java.util.Locale;

/** OpenAI's {@code reasoning_effort}: the levels OpenAI-compatible servers understand. */
public enum ReasoningEffort {
    LOW, MEDIUM, HIGH;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
