package dev.localbridge.bench;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A prompt's figures: the median over its runs. Prefill and generation speeds are llama-server's own
 * ({@code timings}) when it sends them ({@code serverTimings}), else estimated from the client side. Streamed
 * tokens/s and the bridge's per-token cost come from the same medians of milliseconds per token, so they agree.
 *
 * @param ttftSpreadPercent how much the direct time to first token varied between runs: (max − min) / median
 */
public record Figures(
        long promptTokens,
        long cachedTokens,
        double prefillMs,
        double prefillTokensPerSecond,
        long generatedTokens,
        double generationTokensPerSecond,
        double ttftDirectMs,
        double ttftBridgeMs,
        double bridgeAddedMs,
        double clientTokensPerSecondDirect,
        double clientTokensPerSecondBridge,
        double streamOverheadMsPerToken,
        double ttftSpreadPercent,
        boolean serverTimings) {

    public static Figures of(List<RunPair> runs) {
        boolean timings = runs.stream().allMatch(r -> r.direct().timings() != null);
        long prompt = Math.round(median(runs, r -> r.direct().promptTokens()));
        double ttftDirect = median(runs, r -> r.direct().ttftMs());
        double directMsPerToken = median(runs, r -> RunPair.msPerToken(r.direct().streamMs(),
                r.direct().completionTokens()));
        double bridgeMsPerToken = median(runs, r -> RunPair.msPerToken(r.bridge().streamMs(),
                r.bridge().outputTokens()));
        double clientDirect = 1000 / directMsPerToken;
        return new Figures(prompt,
                Math.round(median(runs, r -> r.direct().cachedTokens())),
                timings ? median(runs, r -> r.direct().timings().promptMs()) : ttftDirect,
                timings ? median(runs, r -> r.direct().promptTokensPerSecond()) : Rates.perSecond(prompt, ttftDirect),
                Math.round(median(runs, r -> r.direct().completionTokens())),
                timings ? median(runs, r -> r.direct().predictedTokensPerSecond()) : clientDirect,
                ttftDirect,
                median(runs, r -> r.bridge().ttftMs()),
                median(runs, RunPair::bridgeAddedMs),
                clientDirect,
                1000 / bridgeMsPerToken,
                bridgeMsPerToken - directMsPerToken,
                spread(runs, ttftDirect),
                timings);
    }

    /** How much lower the streamed tokens/s is through the bridge than direct, in percent (negative: higher). */
    public double tokensPerSecondLossPercent() {
        return (clientTokensPerSecondDirect - clientTokensPerSecondBridge) / clientTokensPerSecondDirect * 100;
    }

    private static double spread(List<RunPair> runs, double median) {
        double min = runs.stream().mapToDouble(r -> r.direct().ttftMs()).min().orElse(Double.NaN);
        double max = runs.stream().mapToDouble(r -> r.direct().ttftMs()).max().orElse(Double.NaN);
        return (max - min) / median * 100;
    }

    private static double median(List<RunPair> runs, ToDoubleFunction<RunPair> value) {
        return Rates.median(runs.stream().map(r -> value.applyAsDouble(r)).toList());
    }
}
