package dev.localbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BottleneckTest {
    /** Figures with the given prefill, generation and first-token times; streaming equally fast both ways. */
    static Figures figures(long promptTokens, double prefillMs, double generationTps, double ttftDirectMs,
                           double ttftBridgeMs) {
        return new Figures(promptTokens, 0, prefillMs, promptTokens / prefillMs * 1000, 128, generationTps,
                ttftDirectMs, ttftBridgeMs, ttftBridgeMs - ttftDirectMs, generationTps, generationTps, 0, 5, true);
    }

    static PromptOutcome.Measured claudeCode(Figures figures) {
        return new PromptOutcome.Measured(BenchPrompt.claudeCode(), List.of(), figures);
    }

    @Test
    void a_long_prefill_is_named_as_the_bottleneck_with_its_arithmetic() {
        Figures slowPrefill = figures(14_000, 36_842, 45, 36_900, 36_900.3);

        assertThat(Bottleneck.explain(List.of(claudeCode(slowPrefill)))).containsExactly(
                "prefill dominates: 14,000 prompt tokens at 380 t/s = 36.8 s before the first token; use a smaller"
                        + " prompt (fewer tools) or more GPU layers",
                "the bridge adds 0.3 ms: not the bottleneck");
    }

    @Test
    void slow_generation_is_named_when_a_typical_answer_takes_longer_than_the_prefill() {
        Figures slowGeneration = figures(14_000, 1_400, 8, 1_450, 1_470);

        assertThat(Bottleneck.explain(List.of(claudeCode(slowGeneration)))).containsExactly(
                "generation dominates: at 8.0 t/s a 500-token answer takes 62.5 s (prefill: 1.4 s); use a smaller or"
                        + " more quantised model, or more GPU layers",
                "the bridge adds 20.0 ms to the first token (1.4% of it): not the bottleneck");
    }

    @Test
    void a_fast_backend_is_no_bottleneck_and_a_large_bridge_share_is_explained() {
        Figures fast = figures(4_405, 60.7, 1_002, 77.4, 105.3);

        assertThat(Bottleneck.explain(List.of(claudeCode(fast)))).containsExactly(
                "the backend is fast: 4,405 prompt tokens in 60.7 ms, then 1,002 t/s: neither prefill nor generation"
                        + " is a bottleneck",
                "the bridge adds 27.9 ms to the first token (26.5% of it): before sending, it renders and counts the"
                        + " prompt with the backend's /apply-template and /tokenize to budget the answer; a visible"
                        + " share only when the backend's own prefill is this short");
    }

    @Test
    void a_bridge_faster_than_direct_is_reported_as_noise() {
        Figures noisy = figures(14_000, 36_842, 45, 36_900, 36_899.8);

        assertThat(Bottleneck.bridge(noisy)).hasValue("the first token came 0.2 ms sooner through the bridge than"
                + " direct: run-to-run variation; the bridge adds no measurable time and is not the bottleneck");
    }

    @Test
    void runs_that_disagree_are_flagged_as_a_busy_machine() {
        Figures busy = new Figures(4_420, 15, 914, 5_019, 16, 30.1, 951, 622, -329, 28.6, 15.7, 28.9, 44.7, true);

        assertThat(Bottleneck.variation(busy)).hasValue("the runs disagreed (the direct first token varied by 44.7%"
                + " of its median): something else was using the machine; close it, or use more --runs");
        assertThat(Bottleneck.variation(figures(14_000, 36_842, 45, 36_900, 36_900.3))).isEmpty();
    }

    @Test
    void streaming_overhead_is_put_in_terms_of_the_models_speed() {
        Figures streaming = new Figures(4_405, 15, 60.7, 72_500, 16, 1_002, 77.4, 105.3, 27.9, 893, 831, 0.1, 5,
                true);

        assertThat(Bottleneck.streaming(streaming)).hasValue("streaming through the bridge costs 0.1 ms per token:"
                + " 6.9% fewer tokens/s at 893 t/s, under 1% for models slower than 100 t/s");
    }

    @Test
    void a_small_streaming_difference_gets_no_sentence() {
        Figures streaming = new Figures(4_405, 15, 60.7, 72_500, 16, 50, 77.4, 105.3, 27.9, 50, 49.9, 0.04, 5,
                true);

        assertThat(Bottleneck.streaming(streaming)).isEmpty();
    }

    @Test
    void a_prompt_too_long_for_the_context_says_how_much_context_to_give() {
        PromptOutcome.Failed tooLong = new PromptOutcome.Failed(BenchPrompt.claudeCode(),
                "the bridge answered 400: prompt is too long: 4420 tokens > 2048 maximum", List.of());

        assertThat(Bottleneck.explain(List.of(tooLong))).containsExactly("Claude Code's first request (12 tools)"
                + " does not fit the backend's context (the bridge answered 400: prompt is too long: 4420 tokens > 2048"
                + " maximum); give each slot at least 32768 tokens (llama-server -c 32768 -np 1)");
    }

    @Test
    void claude_codes_prompt_speaks_for_the_stack_even_when_listed_second() {
        Figures small = figures(80, 1.3, 1_300, 7.2, 15.4);
        Figures large = figures(14_000, 36_842, 45, 36_900, 36_900.3);
        List<PromptOutcome> outcomes = List.of(new PromptOutcome.Measured(BenchPrompt.small(), List.of(), small),
                claudeCode(large));

        assertThat(Bottleneck.explain(outcomes).getFirst()).startsWith("prefill dominates: 14,000 prompt tokens");
    }
}
