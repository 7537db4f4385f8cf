package dev.localbridge.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** "Where is the bottleneck?" answered in plain words from the figures. Pure: no I/O. */
public final class Bottleneck {
    /** Tokens in a typical answer of one Claude Code turn (a tool call with its arguments, or a short reply). */
    static final int TYPICAL_ANSWER_TOKENS = 500;
    /** Below this, neither prefill nor a typical answer is worth speeding up. */
    static final double FAST_SECONDS = 2;
    /** Differences in time to first token below this are timer and scheduling noise. */
    static final double NOISE_MS = 1;
    /** The bridge's share of the time to first token below which it is not worth looking at. */
    static final double SMALL_SHARE_PERCENT = 10;
    /** Runs whose direct first token varies by more than this (of the median) are too noisy to trust much. */
    static final double NOISY_SPREAD_PERCENT = 25;

    private Bottleneck() {
    }

    public static List<String> explain(List<PromptOutcome> outcomes) {
        List<String> sentences = new ArrayList<>();
        for (PromptOutcome outcome : outcomes) {
            if (outcome instanceof PromptOutcome.Failed failed) {
                sentences.add(failure(failed));
            }
        }
        main(outcomes).ifPresent(measured -> {
            Figures figures = measured.figures();
            variation(figures).ifPresent(sentences::add);
            sentences.add(backend(figures));
            bridge(figures).ifPresent(sentences::add);
            streaming(figures).ifPresent(sentences::add);
        });
        return List.copyOf(sentences);
    }

    /** The prompt that speaks for Claude Code: its own request when measured, else the largest. */
    private static Optional<PromptOutcome.Measured> main(List<PromptOutcome> outcomes) {
        List<PromptOutcome.Measured> measured = outcomes.stream()
                .filter(o -> o instanceof PromptOutcome.Measured).map(o -> (PromptOutcome.Measured) o).toList();
        return measured.stream().filter(m -> m.prompt().name().equals(BenchPrompt.CLAUDE_CODE)).findFirst()
                .or(() -> measured.stream().max(Comparator.comparingLong(m -> m.figures().promptTokens())));
    }

    static String backend(Figures f) {
        double prefillSeconds = f.prefillMs() / 1000;
        double answerSeconds = TYPICAL_ANSWER_TOKENS / f.generationTokensPerSecond();
        String prompt = Numbers.count(f.promptTokens() - f.cachedTokens()) + " prompt tokens";
        if (prefillSeconds < FAST_SECONDS && answerSeconds < FAST_SECONDS) {
            return "the backend is fast: " + prompt + " in " + Numbers.duration(f.prefillMs()) + ", then "
                    + Numbers.rate(f.generationTokensPerSecond()) + ": neither prefill nor generation is a bottleneck";
        }
        if (prefillSeconds >= answerSeconds) {
            return "prefill dominates: " + prompt + " at " + Numbers.rate(f.prefillTokensPerSecond()) + " = "
                    + Numbers.duration(f.prefillMs()) + " before the first token; use a smaller prompt (fewer tools)"
                    + " or more GPU layers";
        }
        return "generation dominates: at " + Numbers.rate(f.generationTokensPerSecond()) + " a "
                + TYPICAL_ANSWER_TOKENS + "-token answer takes " + Numbers.duration(answerSeconds * 1000)
                + " (prefill: " + Numbers.duration(f.prefillMs()) + "); use a smaller or more quantised model,"
                + " or more GPU layers";
    }

    static Optional<String> bridge(Figures f) {
        double added = f.bridgeAddedMs();
        if (!Double.isFinite(added)) {
            return Optional.empty();
        }
        if (added < 0) {
            return Optional.of("the first token came " + Numbers.duration(-added) + " sooner through the bridge"
                    + " than direct: run-to-run variation; the bridge adds no measurable time and is not the"
                    + " bottleneck");
        }
        if (added < NOISE_MS) {
            return Optional.of("the bridge adds " + Numbers.duration(added) + ": not the bottleneck");
        }
        double share = added / f.ttftBridgeMs() * 100;
        if (share < SMALL_SHARE_PERCENT) {
            return Optional.of("the bridge adds " + Numbers.duration(added) + " to the first token ("
                    + Numbers.percent(share) + " of it): not the bottleneck");
        }
        return Optional.of("the bridge adds " + Numbers.duration(added) + " to the first token ("
                + Numbers.percent(share) + " of it): before sending, it renders and counts the prompt with the"
                + " backend's /apply-template and /tokenize to budget the answer; a visible share only when the"
                + " backend's own prefill is this short");
    }

    /** Only worth a sentence when streaming through the bridge visibly lowers tokens/s. */
    static Optional<String> streaming(Figures f) {
        double overhead = f.streamOverheadMsPerToken();
        double loss = f.tokensPerSecondLossPercent();
        if (!Double.isFinite(overhead) || !Double.isFinite(loss) || loss < 5 || overhead <= 0) {
            return Optional.empty();
        }
        double unnoticeableBelow = 10 / overhead;
        return Optional.of("streaming through the bridge costs " + Numbers.duration(overhead) + " per token: "
                + Numbers.percent(loss) + " fewer tokens/s at " + Numbers.rate(f.clientTokensPerSecondDirect())
                + ", under 1% for models slower than " + Numbers.rate(unnoticeableBelow));
    }

    /** Runs that disagree a lot make every figure less certain: say so first. */
    static Optional<String> variation(Figures f) {
        if (!Double.isFinite(f.ttftSpreadPercent()) || f.ttftSpreadPercent() <= NOISY_SPREAD_PERCENT) {
            return Optional.empty();
        }
        return Optional.of("the runs disagreed (the direct first token varied by " + Numbers.percent(
                f.ttftSpreadPercent()) + " of its median): something else was using the machine; close it, or"
                + " use more --runs");
    }

    static String failure(PromptOutcome.Failed failed) {
        String reason = failed.reason();
        if (reason.contains("prompt is too long") || reason.contains("exceeds the available context")) {
            return failed.prompt().description() + " does not fit the backend's context (" + reason + "); give"
                    + " each slot at least 32768 tokens (llama-server -c 32768 -np 1)";
        }
        return failed.prompt().description() + " could not be measured: " + reason;
    }
}
