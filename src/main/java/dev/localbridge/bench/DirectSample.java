package dev.localbridge.bench;

import dev.localbridge.openai.ChatChunk;

/**
 * One request sent straight to the backend ({@code /v1/chat/completions}, streamed).
 *
 * @param ttftMs from sending the request to the first generated token (content, reasoning or tool call)
 * @param streamMs from the first generated token to the last
 * @param timings llama-server's own {@code timings} from the final chunk; null for backends that send none
 */
public record DirectSample(double ttftMs, double totalMs, double streamMs, long promptTokens, long cachedTokens,
                           long completionTokens, ChatChunk.Timings timings) {

    /** Prefill speed by llama-server's clock: {@code prompt_n / prompt_ms * 1000}; NaN without timings. */
    public double promptTokensPerSecond() {
        return timings == null || timings.promptMs() <= 0 ? Double.NaN
                : timings.promptN() / timings.promptMs() * 1000;
    }

    /** Generation speed by llama-server's clock: {@code predicted_n / predicted_ms * 1000}; NaN without timings. */
    public double predictedTokensPerSecond() {
        return timings == null || timings.predictedMs() <= 0 ? Double.NaN
                : timings.predictedN() / timings.predictedMs() * 1000;
    }

    /** Generation speed as the client sees it: tokens after the first over the time they took to arrive. */
    public double clientTokensPerSecond() {
        return Rates.perSecond(completionTokens - 1, streamMs);
    }
}
