package dev.localbridge.top;

import java.util.List;
import java.util.Objects;

/**
 * One snapshot of the bridge's live view, as {@code GET /api/live} and {@code /api/live/stream} serve it: rates and
 * totals, the requests in flight with their phase and context use, the recent ones with their outcome, and the
 * backends. Times are in milliseconds. Read by {@link SnapshotReader}, drawn by {@link TopScreen}.
 */
public record LiveSnapshot(long time, Bridge bridge, Totals totals, Rates rates, Ttft ttftMs, double cacheHitRate,
                           List<Active> active, List<Recent> recent, List<Backend> backends) {

    public LiveSnapshot {
        Objects.requireNonNull(bridge);
        Objects.requireNonNull(totals);
        Objects.requireNonNull(rates);
        Objects.requireNonNull(ttftMs);
        active = List.copyOf(active);
        recent = List.copyOf(recent);
        backends = List.copyOf(backends);
    }

    public record Bridge(String version, long uptimeMs, int outputCeiling) {
    }

    public record Totals(long requests, long errors, long hangups, long inputTokens, long outputTokens,
                         long cacheReadTokens) {
    }

    /** Over the last 60 s. */
    public record Rates(double outputTokensPerSecond, double requestsPerMinute) {
    }

    /** Time to first token over recent requests; 0 when there were none. */
    public record Ttft(double p50, double p90) {
    }

    /** Where a request in flight is. */
    public enum Phase {
        QUEUED("queued"), COUNTING("counting"), PREFILL("prefill"), GENERATING("generating");

        private final String wire;

        Phase(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** How a finished request ended. */
    public enum Outcome {
        COMPLETED("completed"), FAILED("failed"), HUNG_UP("hung_up");

        private final String wire;

        Outcome(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** What the bridge's probe says of a backend. */
    public enum BackendState {
        READY("ready"), LOADING("loading"), DOWN("down"), NOT_PROBED("not probed");

        private final String wire;

        BackendState(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** A request in flight; {@code nCtx} 0 when unknown. */
    public record Active(String id, String model, String requestedModel, Phase phase, long promptTokens, long nCtx,
                         long outputTokens, double tokensPerSecond, long ageMs, boolean stream) {
    }

    /** A finished request; {@code stopReason}, {@code errorType} and {@code message} may be null. */
    public record Recent(String id, String model, String requestedModel, Outcome outcome, String stopReason,
                         String errorType, String message, long promptTokens, long nCtx, long cachedTokens,
                         long outputTokens, double ttftMs, double tokensPerSecond, long durationMs, long endedAt) {
    }

    /** A backend; {@code model} may be null, {@code nCtx} 0 when unknown. */
    public record Backend(String url, String kind, String model, long nCtx, int slots, BackendState state,
                          boolean healthy) {
    }
}
