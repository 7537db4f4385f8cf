package dev.localbridge.stack;

import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.Optional;

/**
 * How a crashed llama-server is restarted: at most {@code maxRestarts} within {@code window}, each after a
 * backoff that doubles with every recent restart, from {@code initialBackoff} up to {@code maxBackoff}.
 */
public record RestartPolicy(int maxRestarts, Duration window, Duration initialBackoff, Duration maxBackoff) {
    public static final int DEFAULT_MAX_RESTARTS = 5;

    public RestartPolicy {
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("maxRestarts must be >= 0, got " + maxRestarts);
        }
    }

    /** {@code maxRestarts} per minute, backing off from 0.5 s to 8 s. */
    public static RestartPolicy perMinute(int maxRestarts) {
        return new RestartPolicy(maxRestarts, Duration.ofMinutes(1), Duration.ofMillis(500), Duration.ofSeconds(8));
    }

    /**
     * The wait before the next restart, or empty when the budget is spent. {@code recent} holds the times of
     * earlier restarts; entries older than the window are dropped from it.
     */
    public Optional<Duration> nextBackoff(Deque<Instant> recent, Instant now) {
        while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(window))) {
            recent.removeFirst();
        }
        if (recent.size() >= maxRestarts) {
            return Optional.empty();
        }
        long factor = 1L << Math.min(recent.size(), 20);
        Duration backoff = initialBackoff.multipliedBy(factor);
        return Optional.of(backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff);
    }
}
