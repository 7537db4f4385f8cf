package dev.localbridge.config;

import java.util.Locale;

/**
 * What a pool member is said to be in its configuration. The bridge probes every backend as it always has;
 * the configured kind only decides what the probe cannot: whether conversations are pinned to llama-server slots
 * ({@code id_slot}). Only {@link #LLAMA_SERVER} pins, and only when the probe finds llama-server: pinning is right
 * for a llama-server started with an explicit {@code -np N} (one KV cache per slot, what {@code localbridge up}
 * starts) and ruinous with a unified KV cache (llama-server's default without {@code -np}, or {@code -kvu}), where
 * llama-server clears idle slots and restores them only for requests it places itself: measured, every prompt
 * token processed again. The API does not tell the two apart, so {@link #AUTO} leaves the slot to llama-server.
 */
public enum BackendKind {
    AUTO("auto"), LLAMA_SERVER("llama-server"), LLAMA_ROUTER("llama-router"), VLLM("vllm"), SGLANG("sglang"),
    OLLAMA("ollama"), LM_STUDIO("lm-studio"), OPENAI("openai");

    private final String label;

    BackendKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static BackendKind parse(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (BackendKind kind : values()) {
            if (kind.label.equals(wanted)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown backend kind \"" + text + "\"; one of auto, llama-server,"
                + " llama-router, vllm, sglang, ollama, lm-studio, openai");
    }

    /** Whether {@code id_slot} may pin conversations to slots on this backend, given what the probe found. */
    public boolean slotAffinity(boolean probedLlamaCpp) {
        return switch (this) {
            case LLAMA_SERVER -> probedLlamaCpp;
            case AUTO, LLAMA_ROUTER, VLLM, SGLANG, OLLAMA, LM_STUDIO, OPENAI -> false;
        };
    }
}
