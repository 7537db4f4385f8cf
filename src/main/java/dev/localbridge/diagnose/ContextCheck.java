package dev.localbridge.diagnose;

import dev.localbridge.backend.BackendInfo;

/**
 * Is the context one request may use big enough for Claude Code? Its first request alone is ~15k tokens
 * (system prompt and tools); below ~16k nothing fits, below ~24k little is left for the conversation.
 */
final class ContextCheck {
    static final String NAME = "context";
    static final int CLAUDE_CODE_PROMPT = 15_000;
    static final int FAIL_BELOW = 16_384;
    static final int WARN_BELOW = 24_576;
    static final int RECOMMENDED = 32_768;

    private ContextCheck() {
    }

    static Check check(Facts facts) {
        BackendInfo info = facts.serving();
        if (info == null) {
            return new Check(NAME, new Outcome.Skip("not checked: no backend"));
        }
        int override = facts.settings().ctxOverride();
        if (override > 0 && info.nCtx() > 0 && override > info.nCtx()) {
            return new Check(NAME, new Outcome.Fail("--ctx " + override + " but the backend gives a request only "
                    + info.nCtx() + " tokens: prompts in between would be refused by the backend",
                    "use --ctx " + info.nCtx() + " or less, or give the backend more context"));
        }
        int ctx = facts.contextPerRequest();
        if (ctx <= 0) {
            return new Check(NAME, new Outcome.Warn("the backend does not say how much context a request may use ("
                    + info.ctxSource() + "), so the bridge cannot keep prompts and answers inside it",
                    "start the bridge with --ctx N, N being the context your server gives one request"));
        }
        return new Check(NAME, judge(info, ctx, override > 0, facts.outputCeiling()));
    }

    static Outcome judge(BackendInfo info, int ctx, boolean configured, int ceiling) {
        String size = describe(info, ctx, configured);
        if (ctx < FAIL_BELOW) {
            return new Outcome.Fail(size + ": too small for Claude Code's ~15k-token system prompt",
                    fix(info, configured));
        }
        int room = ctx - CLAUDE_CODE_PROMPT;
        if (ctx < WARN_BELOW) {
            return new Outcome.Warn(size + ": only ~" + room + " tokens left after Claude Code's ~15k-token first"
                    + " request, so it will compact after a few turns", fix(info, configured));
        }
        String capped = room < ceiling ? "; early answers are capped at what fits (below the " + ceiling
                + "-token output ceiling)" : "";
        return new Outcome.Pass(size + ": ~" + room + " tokens left after Claude Code's ~15k-token first request"
                + capped);
    }

    private static String describe(BackendInfo info, int ctx, boolean configured) {
        if (configured) {
            return ctx + " tokens per request (--ctx)";
        }
        if (info.slots() > 1) {
            return (long) ctx * info.slots() + " split over " + info.slots() + " slots = " + ctx + " per slot";
        }
        return ctx + " tokens of context";
    }

    private static String fix(BackendInfo info, boolean configured) {
        if (configured) {
            return "give the backend more context and raise --ctx to match (" + RECOMMENDED + " or more)";
        }
        return switch (info.kind()) {
            case LLAMA_CPP -> llamaFix(info);
            case OLLAMA -> "load the model with more context: OLLAMA_CONTEXT_LENGTH=" + RECOMMENDED
                    + " ollama serve (or PARAMETER num_ctx " + RECOMMENDED + " in a Modelfile)";
            case VLLM -> "start vLLM with --max-model-len " + RECOMMENDED;
            case OPENAI_COMPATIBLE, LOADING, UNREACHABLE, UNKNOWN ->
                    "give the server more context (" + RECOMMENDED + " tokens or more per request)";
        };
    }

    private static String llamaFix(BackendInfo info) {
        int slots = Math.max(1, info.slots());
        long total = (long) info.nCtx() * slots;
        if (slots == 1) {
            return "start llama-server with -c " + RECOMMENDED + " (or more, if the model allows)";
        }
        if (total >= WARN_BELOW) {
            return "start llama-server with -np 1 or -c " + (long) RECOMMENDED * slots;
        }
        return "start llama-server with -c " + (long) RECOMMENDED * slots + " (or -np 1 -c " + RECOMMENDED + ")";
    }
}
