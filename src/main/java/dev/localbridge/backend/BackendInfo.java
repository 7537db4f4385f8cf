package dev.localbridge.backend;

import java.util.Objects;

/**
 * What a probe found out about the backend. {@code nCtx} is the context one request can use (llama-server:
 * per slot), 0 when unknown; {@code ctxSource} says where the number came from, so it is never assumed
 * silently. {@code model} may be null.
 */
public record BackendInfo(
        Kind kind,
        String model,
        int nCtx,
        int slots,
        String ctxSource,
        boolean tokenizer,
        Capabilities capabilities,
        String detail) {

    static final String UNKNOWN_CONTEXT = "unknown: the backend does not say; set --ctx";

    public enum Kind {
        LLAMA_CPP("llama.cpp"), OLLAMA("Ollama"), VLLM("vLLM"), OPENAI_COMPATIBLE("OpenAI-compatible"),
        LOADING("loading"), UNREACHABLE("unreachable"), UNKNOWN("probing");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public boolean serving() {
            return this == LLAMA_CPP || this == OLLAMA || this == VLLM || this == OPENAI_COMPATIBLE;
        }

        /**
         * Whether the backend says a prompt's exact size in its first chunk when asked ({@code return_progress},
         * see {@link LlamaFields}): the bridge then asks, and waits for that chunk rather than count.
         */
        public boolean reportsPromptSize() {
            return this == LLAMA_CPP;
        }
    }

    /** What the chat template and model support, where the backend tells (null = unknown). */
    public record Capabilities(Boolean tools, Boolean parallelToolCalls, Boolean reasoning, Boolean vision,
                               String chatTemplate) {
        public static final Capabilities UNKNOWN = new Capabilities(null, null, null, null, null);
    }

    public BackendInfo {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(ctxSource);
        Objects.requireNonNull(capabilities);
        Objects.requireNonNull(detail);
    }

    public static BackendInfo notProbed() {
        return new BackendInfo(Kind.UNKNOWN, null, 0, 0, "not probed yet", false, Capabilities.UNKNOWN,
                "the first probe has not answered yet");
    }

    public static BackendInfo down(Kind kind, String detail) {
        return new BackendInfo(kind, null, 0, 0, "backend " + kind.label(), false, Capabilities.UNKNOWN, detail);
    }

    /** Something OpenAI-compatible that does not say what it runs or how much context it has. */
    public static BackendInfo unknownContext(String detail) {
        return new BackendInfo(Kind.OPENAI_COMPATIBLE, null, 0, 1, UNKNOWN_CONTEXT, false, Capabilities.UNKNOWN,
                detail);
    }

    /** The same backend with the context size set by configuration. */
    public BackendInfo withConfiguredContext(int configured) {
        return new BackendInfo(kind, model, configured, slots, "configured (--ctx " + configured + ")", tokenizer,
                capabilities, detail);
    }

    /** One line for logs and {@code doctor}. */
    public String describe() {
        if (!kind.serving()) {
            return kind.label() + (detail.isEmpty() ? "" : ": " + detail);
        }
        return kind.label() + ", model " + (model == null ? "?" : model) + ", "
                + (nCtx > 0 ? "n_ctx " + nCtx + (slots > 1 ? " per slot (" + slots + " slots)" : "") : "n_ctx unknown")
                + " [" + ctxSource + "]" + (tokenizer ? ", exact token counts" : ", estimated token counts");
    }
}
