package dev.localbridge.observability;

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
}
