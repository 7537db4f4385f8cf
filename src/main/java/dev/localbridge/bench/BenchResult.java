package dev.localbridge.bench;

import java.util.ArrayList;
import java.util.List;

/** Everything one benchmark measured, with the settings it ran under. */
public record BenchResult(BenchSettings settings, List<PromptOutcome> prompts) {
    public BenchResult {
        prompts = List.copyOf(prompts);
    }

    public List<String> bottleneck() {
        return Bottleneck.explain(prompts);
    }

    public boolean complete() {
        return prompts.stream().allMatch(p -> p instanceof PromptOutcome.Measured);
    }

    /** Why the numbers are what they are: how the prompt cache was kept out of them, where they come from. */
    public List<String> notes() {
        List<String> notes = new ArrayList<>(List.of(
                "Each request starts its prompt with a fresh nonce, so no run reuses another's prompt cache:"
                        + " prefill figures are for the whole prompt.",
                "In real use Claude Code's prompt prefix stays the same from turn to turn and the bridge keeps"
                        + " llama-server's prompt cache on, so later turns skip most of the prefill"
                        + " (cache_read_input_tokens).",
                "Prefill and generation speeds are llama-server's own timings (prompt_n / prompt_ms,"
                        + " predicted_n / predicted_ms); first-token times and streamed tokens/s are measured by"
                        + " this client."));
        if (settings.bridgeInProcess()) {
            notes.add("The bridge ran inside this benchmark's JVM, sharing its CPU with the client; for the"
                    + " closest figures start it on its own (localbridge serve) and run the bench again.");
        }
        return List.copyOf(notes);
    }
}
