package dev.localbridge.bench;

import java.util.List;

/** What benchmarking one prompt gave: figures from every run, or the reason it could not be measured. */
public sealed interface PromptOutcome {
    BenchPrompt prompt();

    List<RunPair> runs();

    record Measured(BenchPrompt prompt, List<RunPair> runs, Figures figures) implements PromptOutcome {
        public Measured {
            runs = List.copyOf(runs);
        }

        public static Measured of(BenchPrompt prompt, List<RunPair> runs) {
            return new Measured(prompt, runs, Figures.of(runs));
        }
    }

    /** {@code runs} are those that finished before the failure. */
    record Failed(BenchPrompt prompt, String reason, List<RunPair> runs) implements PromptOutcome {
        public Failed {
            runs = List.copyOf(runs);
        }
    }
}
