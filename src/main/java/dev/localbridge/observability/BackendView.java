package dev.localbridge.observability;

import dev.localbridge.backend.BackendInfo;
import java.util.Objects;

/**
 * One backend as the live view and the metrics show it. {@code state} is {@code ready}, {@code loading},
 * {@code down} or {@code not probed}; {@code model} may be null; {@code nCtx} and {@code slots} are 0 when unknown.
 */
public record BackendView(String url, String kind, String model, int nCtx, int slots, String state, boolean healthy) {
    public BackendView {
        Objects.requireNonNull(url);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(state);
    }

    /** What the monitor of the backend at {@code url} last found. */
    public static BackendView of(String url, BackendInfo info) {
        String state = switch (info.kind()) {
            case LLAMA_CPP, OLLAMA, VLLM, OPENAI_COMPATIBLE -> "ready";
            case LOADING -> "loading";
            case UNREACHABLE -> "down";
            case UNKNOWN -> "not probed";
        };
        String kind = switch (info.kind()) {
            case LLAMA_CPP -> "llama-server";
            case OLLAMA -> "ollama";
            case VLLM -> "vllm";
            case OPENAI_COMPATIBLE -> "openai-compatible";
            case LOADING, UNREACHABLE, UNKNOWN -> "unknown";
        };
        return new BackendView(url, kind, info.model(), info.nCtx(), info.slots(), state, info.kind().serving());
    }
}
