package dev.localbridge.bench;

/**
 * One request sent through the bridge ({@code /v1/messages}, streamed), as Claude Code sends it.
 *
 * @param ttftMs from sending the request to the first {@code content_block_delta} (the bridge sends
 *     {@code message_start} at once, before the backend has read the prompt, so that does not count)
 * @param streamMs from the first delta to the last
 */
public record BridgeSample(double ttftMs, double totalMs, double streamMs, long inputTokens, long cacheReadTokens,
                           long outputTokens) {

    /** The prompt's size as the bridge reports it: uncached input plus cache reads. */
    public long promptTokens() {
        return inputTokens + cacheReadTokens;
    }

    public double clientTokensPerSecond() {
        return Rates.perSecond(outputTokens - 1, streamMs);
    }
}
