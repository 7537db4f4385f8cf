package dev.localbridge.cli;

import dev.localbridge.backend.BackendInfo;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.logging.Level;

/**
 * The one line {@code up} and {@code serve} print at start: the window one request may use, the output budget, and
 * whether that works for Claude Code, whose first request alone is ~13k tokens (system prompt and tools). A window
 * that cannot hold it gets a loud warning with what to do. From what the bridge's probe reports ({@link BackendInfo}).
 */
record StartupFacts(Level level, String line) {
    /** Claude Code's first request: system prompt, tools and the first message, in tokens (measured: ~13k). */
    static final int CLAUDE_CODE_FIRST_REQUEST = 13_000;
    /** Below this the window fills after a few turns and Claude Code compacts all the time. */
    static final int COMFORTABLE = 24_576;
    static final int RECOMMENDED = 32_768;

    /**
     * @param startedWithCtx the per-slot context we asked llama-server for, when {@code up} started it
     * @param configured whether the window is the user's {@code --ctx} rather than the backend's own
     */
    static StartupFacts of(BackendInfo info, int outputCeiling, int minOutputTokens, OptionalInt startedWithCtx,
                           boolean configured) {
        if (!info.kind().serving()) {
            return new StartupFacts(Level.WARNING, "Window: not known yet, the backend is " + info.describe()
                    + "; the bridge answers 'overloaded' until it serves, then reads its context.");
        }
        int window = info.nCtx();
        if (window <= 0) {
            return new StartupFacts(Level.WARNING, "Window: unknown (" + info.ctxSource() + "), so the bridge cannot"
                    + " keep prompts and answers inside it; answers up to " + outputCeiling + " tokens. Pass --ctx N,"
                    + " N being the context your server gives one request.");
        }
        int left = window - CLAUDE_CODE_FIRST_REQUEST;
        String size = "Window: " + window + " tokens per request (" + source(info, startedWithCtx) + ")";
        if (left < minOutputTokens) {
            return new StartupFacts(Level.WARNING, "!! " + size + " is too small for Claude Code: its first request"
                    + " alone is ~13k tokens, so every request will be answered 'prompt is too long'. "
                    + fix(info, startedWithCtx, configured));
        }
        String budget = left < outputCeiling ? "answers up to ~" + thousands(left) + " tokens on Claude Code's first"
                + " request, less as the conversation grows (ceiling " + outputCeiling + ")"
                : "answers up to " + outputCeiling + " tokens";
        if (window < COMFORTABLE) {
            return new StartupFacts(Level.WARNING, size + ", " + budget + ": tight for Claude Code, whose first request"
                    + " is ~13k tokens, so it compacts after a few turns. " + fix(info, startedWithCtx, configured));
        }
        return new StartupFacts(Level.INFO, size + ", " + budget + ": fits Claude Code (~13k-token first request,"
                + " ~" + thousands(left) + " left for the conversation).");
    }

    private static String source(BackendInfo info, OptionalInt startedWithCtx) {
        String slots = info.slots() > 1 ? ", " + info.slots() + " slots" : "";
        if (startedWithCtx.isPresent() && info.nCtx() < startedWithCtx.getAsInt()) {
            return info.ctxSource() + slots + "; llama-server capped --ctx " + startedWithCtx.getAsInt()
                    + " at the model's training context";
        }
        return info.ctxSource() + slots;
    }

    private static String fix(BackendInfo info, OptionalInt startedWithCtx, boolean configured) {
        if (startedWithCtx.isPresent()) {
            if (info.nCtx() < startedWithCtx.getAsInt()) {
                return "Use a model trained for " + RECOMMENDED + "+ tokens of context (`localbridge up` without"
                        + " --model chooses one).";
            }
            return "Start with --ctx " + RECOMMENDED + (info.slots() > 1 ? " (each of the " + info.slots()
                    + " --parallel slots gets it)" : "") + ".";
        }
        if (configured) {
            return "Give the backend more context and raise --ctx to match (" + RECOMMENDED + ").";
        }
        return switch (info.kind()) {
            case LLAMA_CPP -> info.slots() > 1
                    ? "Start llama-server with -np 1, or -c " + (long) RECOMMENDED * info.slots() + "."
                    : "Start llama-server with -c " + RECOMMENDED + " (a model trained for that much).";
            case OLLAMA -> "Load the model with more context: OLLAMA_CONTEXT_LENGTH=" + RECOMMENDED + " ollama serve.";
            case VLLM -> "Start vLLM with --max-model-len " + RECOMMENDED + ".";
            case OPENAI_COMPATIBLE, LOADING, UNREACHABLE, UNKNOWN -> "Give the server " + RECOMMENDED
                    + " tokens of context per request.";
        };
    }

    /** 19232 → "19k". */
    private static String thousands(int tokens) {
        return String.format(Locale.ROOT, "%dk", Math.round(tokens / 1000.0));
    }
}
