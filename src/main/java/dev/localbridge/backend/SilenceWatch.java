package dev.localbridge.backend;

import dev.localbridge.config.UpstreamLimits;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;

/**
 * Watches one upstream request for silence: before its answer begins (the wait grows with the prompt, as a long
 * prefill on slow hardware may take minutes), and between two reads once it has begun. Time the client's own
 * back-pressure holds the stream does not count. One periodic timer per request, no work per token but a timestamp.
 */
final class SilenceWatch {
    /** Told when the wait is over. */
    interface Expiry {
        void silent(boolean answerBegun, long millis);
    }

    private final Vertx vertx;
    private final long firstByteMillis;
    private final long idleMillis;
    private final long startNanos = System.nanoTime();
    private final long timer;
    private boolean begun;
    private boolean paused;
    private long lastReadNanos;

    SilenceWatch(Vertx vertx, UpstreamLimits limits, long promptTokens, Expiry expiry) {
        this.vertx = vertx;
        this.firstByteMillis = limits.firstByteMillis(promptTokens);
        this.idleMillis = limits.idle().toMillis();
        long every = Math.clamp(Math.min(firstByteMillis, idleMillis) / 4, 10, 1000);
        this.timer = vertx.setPeriodic(every, id -> check(expiry));
    }

    /** The answer has begun, or more of it arrived. */
    void read() {
        begun = true;
        lastReadNanos = System.nanoTime();
    }

    void paused(boolean value) {
        paused = value;
        lastReadNanos = System.nanoTime();
    }

    void stop() {
        vertx.cancelTimer(timer);
    }

    private void check(Expiry expiry) {
        long now = System.nanoTime();
        if (!begun && TimeUnit.NANOSECONDS.toMillis(now - startNanos) >= firstByteMillis) {
            stop();
            expiry.silent(false, firstByteMillis);
        } else if (begun && !paused && TimeUnit.NANOSECONDS.toMillis(now - lastReadNanos) >= idleMillis) {
            stop();
            expiry.silent(true, idleMillis);
        }
    }
}
