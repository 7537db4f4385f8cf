package dev.localbridge.anthropic;

/**
 * Token usage as Anthropic reports it: {@code inputTokens} excludes the tokens read from the prompt
 * cache, which are in {@code cacheReadInputTokens}.
 */
public record Usage(long inputTokens, long outputTokens, long cacheReadInputTokens) {
    public static final Usage ZERO = new Usage(0, 0, 0);
}
