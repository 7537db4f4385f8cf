package dev.localbridge.observability;

import dev.localbridge.observability.ExchangeListener.Outcome;

/**
 * What is known of one request so far: written by its listener on the request's event loop, read by the live view
 * from other threads (a snapshot may be a moment behind, never torn in a way that matters: every field is a single
 * word). Times are {@code System.nanoTime()}; 0 means "not yet".
 */
final class ExchangeRecord {
    final String id;
    final String route;
    final long startedAtMillis;
    final long startedNanos;
    volatile boolean messages;
    volatile boolean stream;
    volatile String requestedModel;
    volatile String model;
    volatile long promptTokens = -1;
    volatile boolean exact;
    volatile int maxTokens;
    volatile int nCtx;
    volatile long plannedNanos;
    volatile long answeredNanos;
    volatile long firstTokenNanos;
    /** Per token: plain fields, written by one thread; readers tolerate a stale value. */
    long lastTokenNanos;
    long tokens;
    volatile boolean usageKnown;
    volatile long inputTokens;
    volatile long outputTokens;
    volatile long cacheReadTokens;
    volatile long endedNanos;
    volatile long endedAtMillis;
    volatile Outcome outcome;

    ExchangeRecord(String id, String route, long startedAtMillis, long startedNanos) {
        this.id = id;
        this.route = route;
        this.startedAtMillis = startedAtMillis;
        this.startedNanos = startedNanos;
    }

    /** Time to first token in ms, from acceptance; -1 when no token came. */
    double ttftMs() {
        long first = firstTokenNanos;
        return first == 0 ? -1 : (first - startedNanos) / 1e6;
    }

    /** Output tokens: the usage once known, else the tokens seen so far. */
    long outputSoFar() {
        return usageKnown ? outputTokens : tokens;
    }

    /** Generation speed after the first token, in tokens/s, up to {@code now} (or the end); 0 when unknown. */
    double tokensPerSecond(long nowNanos) {
        long first = firstTokenNanos;
        long end = endedNanos != 0 ? endedNanos : nowNanos;
        long generated = outputSoFar() - 1;
        if (first == 0 || generated <= 0 || end <= first) {
            return 0;
        }
        return generated / ((end - first) / 1e9);
    }

    /**
     * Prefill speed: prompt tokens the backend had to process (not read from its cache) over the time from sending
     * to the first token, in tokens/s; 0 when unknown.
     */
    double prefillTokensPerSecond() {
        long first = firstTokenNanos;
        long sent = plannedNanos;
        if (first == 0 || sent == 0 || first <= sent || !usageKnown || inputTokens <= 0) {
            return 0;
        }
        return inputTokens / ((first - sent) / 1e9);
    }

    /** Prompt tokens as the backend saw them: the usage (fresh + cached) when known, else the plan's count. */
    long promptSeen() {
        return usageKnown ? inputTokens + cacheReadTokens : promptTokens;
    }

    /** The share of the context the prompt fills; -1 when either is unknown. */
    double contextUse() {
        long prompt = promptSeen();
        int ctx = nCtx;
        return prompt < 0 || ctx <= 0 ? -1 : (double) prompt / ctx;
    }

    long durationMs() {
        long end = endedNanos;
        return ((end == 0 ? System.nanoTime() : end) - startedNanos) / 1_000_000;
    }
}
