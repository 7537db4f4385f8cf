package dev.localbridge.bench;

/** One run of a prompt: the same request (each with its own nonce) direct to the backend and through the bridge. */
public record RunPair(int run, DirectSample direct, BridgeSample bridge) {

    /** Time to first token through the bridge minus direct. */
    public double bridgeAddedMs() {
        return bridge.ttftMs() - direct.ttftMs();
    }

    /** How much longer each streamed token takes through the bridge than direct, in milliseconds. */
    public double streamOverheadMsPerToken() {
        return msPerToken(bridge.streamMs(), bridge.outputTokens()) - msPerToken(direct.streamMs(),
                direct.completionTokens());
    }

    /** Milliseconds between streamed tokens; NaN with fewer than two. */
    static double msPerToken(double streamMs, long tokens) {
        return tokens > 1 ? streamMs / (tokens - 1) : Double.NaN;
    }
}
