package dev.localbridge.server;

import dev.localbridge.backend.BackendInfo;
import dev.localbridge.observability.BackendView;

/** A backend as the observers show it, from what its monitor last found (observability knows no backend types). */
final class BackendViews {
    private BackendViews() {
    }

    /** What the monitor of the backend at {@code url} last found. */
    static BackendView of(String url, BackendInfo info) {
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
