package dev.localbridge.budget;

import dev.localbridge.error.ApiException;

/**
 * The budget rules, decided before anything is generated (pure: no I/O).
 *
 * <ul>
 *   <li>max_tokens = min(requested, ceiling, n_ctx − prompt tokens);</li>
 *   <li>a prompt that leaves less than the minimum room for output (or than was asked for, if less) is an
 *       overflow: Anthropic's {@code prompt is too long: N tokens > M maximum}, M being what fits;</li>
 *   <li>a thinking budget stays inside the output budget, leaving room for the answer.</li>
 * </ul>
 */
public final class OutputBudget {
    private OutputBudget() {
    }

    /** @param thinkingBudget 0 when the backend will not reason or was given no budget */
    public record Decision(int maxTokens, int thinkingBudget) {
    }

    /**
     * @param promptTokens the counted prompt, or -1 when it could not be counted
     * @param nCtx the context per request, or 0 when unknown
     * @param reasoning whether the backend will reason; {@code requestedThinking} its budget (0 = adaptive)
     */
    public static Decision decide(long promptTokens, int requested, int ceiling, int nCtx, int minOutput,
                                  boolean reasoning, int requestedThinking) {
        int maxTokens = Math.min(requested, ceiling);
        if (nCtx > 0 && promptTokens >= 0) {
            long room = nCtx - promptTokens;
            int needed = Math.min(minOutput, maxTokens);
            if (room < needed) {
                throw ApiException.promptTooLong(promptTokens, Math.max(0, nCtx - needed));
            }
            maxTokens = (int) Math.min(maxTokens, room);
        }
        return new Decision(maxTokens, reasoning ? thinkingBudget(maxTokens, requestedThinking) : 0);
    }

    /** Keeps a quarter of the output (at most 1024 tokens) for the answer after the thinking. */
    static int thinkingBudget(int maxTokens, int requested) {
        int reserve = Math.min(1024, maxTokens / 4);
        int ceiling = Math.max(1, maxTokens - reserve);
        return requested > 0 ? Math.min(requested, ceiling) : ceiling;
    }
}
