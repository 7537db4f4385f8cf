package dev.localbridge.diagnose;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localbridge.backend.BackendInfo;
import dev.localbridge.backend.BackendStatus;
import java.net.URI;
import java.util.function.Function;

/** How much context one request may use on the backend, or why that is not known. */
public sealed interface ContextWindow {
    record Known(int tokens, String source) implements ContextWindow {
    }

    record Unknown(String reason) implements ContextWindow {
    }

    /** The tokens per request; 0 when unknown. */
    default int tokensOrZero() {
        return switch (this) {
            case Known known -> known.tokens();
            case Unknown unknown -> 0;
        };
    }

    /**
     * The one rule {@code env}, {@code claude} and {@code doctor} share: what a running bridge reports in its
     * {@code /health} (it enforces that number, its own {@code --ctx} included), else {@code --ctx}, else what
     * probing the backend finds.
     *
     * @param configuredBackend {@code --backend}, probed when no bridge names its own
     * @param configuredCtx {@code --ctx}; 0 for none
     * @param probe probes the backend at a URL; called only when needed
     */
    static ContextWindow of(BridgeStatus bridge, URI configuredBackend, int configuredCtx,
                            Function<URI, BackendStatus> probe) {
        if (bridge instanceof BridgeStatus.Running running && running.backend().isObject()) {
            return fromHealth(running.backend());
        }
        if (configuredCtx > 0) {
            return new Known(configuredCtx, "configured (--ctx " + configuredCtx + ")");
        }
        return of(probe.apply(bridge.backendOr(configuredBackend)).info());
    }

    /** The bridge's {@code backend} object in {@code /health}: what its own probe found. */
    private static ContextWindow fromHealth(JsonNode backend) {
        int nCtx = backend.path("n_ctx").asInt(0);
        String source = backend.path("n_ctx_source").asText("the bridge's /health");
        if (nCtx > 0 && backend.path("serving").asBoolean(true)) {
            return new Known(nCtx, source + ", via the bridge's /health");
        }
        String kind = backend.path("kind").asText("unknown");
        String detail = backend.path("detail").asText("");
        return new Unknown("the bridge reports its backend as " + kind + (detail.isEmpty() ? "" : " (" + detail + ")")
                + "; n_ctx: " + source);
    }

    static ContextWindow of(BackendInfo info) {
        if (info.kind().serving() && info.nCtx() > 0) {
            return new Known(info.nCtx(), info.ctxSource());
        }
        return new Unknown(info.kind().serving() ? info.ctxSource() : "the backend is " + info.describe());
    }
}
