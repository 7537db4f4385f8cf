package dev.localbridge.bench;

import dev.localbridge.backend.BackendInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The benchmark's plain-text report: the figures side by side, then where the bottleneck is. */
public final class BenchReport {
    private static final int LABEL_WIDTH = 26;
    private static final int COLUMN_WIDTH = 16;

    private BenchReport() {
    }

    public static String text(BenchResult result) {
        StringBuilder out = new StringBuilder();
        header(out, result.settings());
        table(out, result.prompts());
        out.append("\nWhere is the bottleneck?\n");
        result.bottleneck().forEach(sentence -> out.append("  - ").append(sentence).append('\n'));
        out.append("\nNotes:\n");
        result.notes().forEach(note -> out.append("  - ").append(note).append('\n'));
        return out.toString();
    }

    private static void header(StringBuilder out, BenchSettings settings) {
        BackendInfo backend = settings.backend();
        out.append("Local Bridge bench\n");
        out.append("  backend  ").append(backend.kind().label())
                .append(backend.detail().isEmpty() ? "" : " " + backend.detail()).append(" at ")
                .append(settings.backendUrl()).append(", model ").append(backend.model() == null ? "?" : backend.model())
                .append(backend.nCtx() > 0 ? ", " + backend.nCtx() + " tokens of context per request" : "")
                .append('\n');
        out.append("  bridge   ").append(settings.bridgeUrl())
                .append(settings.bridgeInProcess() ? " (started in-process for this run)" : " (already running)")
                .append('\n');
        out.append("  ").append(settings.runs()).append(settings.runs() == 1 ? " run" : " runs")
                .append(" per prompt (medians below) after ").append(settings.warmUps())
                .append(settings.warmUps() == 1 ? " warm-up" : " warm-ups").append(", at most ")
                .append(settings.maxTokens()).append(" output tokens each\n\n");
    }

    private static void table(StringBuilder out, List<PromptOutcome> prompts) {
        line(out, "", prompts.stream().map(o -> o.prompt().name()).toList());
        row(out, "prompt tokens", prompts, f -> Numbers.count(f.promptTokens()));
        row(out, "  served from cache", prompts, f -> Numbers.count(f.cachedTokens()));
        row(out, "prefill", prompts, f -> Numbers.rate(f.prefillTokensPerSecond()));
        row(out, "  prefill time", prompts, f -> Numbers.duration(f.prefillMs()));
        row(out, "generation", prompts, f -> Numbers.rate(f.generationTokensPerSecond()));
        row(out, "  tokens generated", prompts, f -> Numbers.count(f.generatedTokens()));
        row(out, "first token, direct", prompts, f -> Numbers.duration(f.ttftDirectMs()));
        row(out, "first token, via bridge", prompts, f -> Numbers.duration(f.ttftBridgeMs()));
        row(out, "bridge adds", prompts, f -> Numbers.signedDuration(f.bridgeAddedMs()));
        row(out, "streamed, direct", prompts, f -> Numbers.rate(f.clientTokensPerSecondDirect()));
        row(out, "streamed, via bridge", prompts, f -> Numbers.rate(f.clientTokensPerSecondBridge()));
        row(out, "tokens/s lost via bridge", prompts, f -> Numbers.percent(f.tokensPerSecondLossPercent()));
        boolean serverTimings = prompts.stream().allMatch(p -> !(p instanceof PromptOutcome.Measured m)
                || m.figures().serverTimings());
        out.append(serverTimings ? "(prefill and generation: llama-server's own timings)\n"
                : "(prefill and generation estimated by this client: the backend sends no timings)\n");
    }

    private static void row(StringBuilder out, String label, List<PromptOutcome> prompts,
                            Function<Figures, String> cell) {
        List<String> cells = new ArrayList<>();
        for (PromptOutcome prompt : prompts) {
            cells.add(prompt instanceof PromptOutcome.Measured measured ? cell.apply(measured.figures()) : "failed");
        }
        line(out, label, cells);
    }

    private static void line(StringBuilder out, String label, List<String> cells) {
        out.append(label).append(" ".repeat(Math.max(1, LABEL_WIDTH - label.length())));
        for (String cell : cells) {
            out.append(" ".repeat(Math.max(1, COLUMN_WIDTH - cell.length()))).append(cell);
        }
        out.append('\n');
    }
}
