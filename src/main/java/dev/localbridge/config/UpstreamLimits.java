package dev.localbridge.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the bridge waits for a backend and how much of a failed answer it reads.
 *
 * @param firstByte how long to wait for a small prompt's answer to begin (the backend queues the request until a
 *     slot is free, then prefills)
 * @param prefillPerThousandTokens added to {@code firstByte} per thousand prompt tokens: a long prompt on slow
 *     hardware may prefill for minutes, and must not be cut off
 * @param idle the longest silence allowed between two reads of a stream that has begun (not counted while the
 *     client's own back-pressure holds the stream)
 * @param errorBodyBytes how much of an error answer is read before the rest is discarded
 */
public record UpstreamLimits(Duration firstByte, Duration prefillPerThousandTokens, Duration idle, int errorBodyBytes) {
    public static final UpstreamLimits DEFAULTS =
            new UpstreamLimits(Duration.ofSeconds(120), Duration.ofSeconds(20), Duration.ofSeconds(60), 64 * 1024);

    public UpstreamLimits {
        Objects.requireNonNull(firstByte);
        Objects.requireNonNull(prefillPerThousandTokens);
        Objects.requireNonNull(idle);
        if (errorBodyBytes < 256) {
            throw new IllegalArgumentException("errorBodyBytes must be at least 256");
        }
    }

    /** The wait for the first byte of an answer to a prompt of this size (0 when unknown). */
    public long firstByteMillis(long promptTokens) {
        return firstByte.toMillis() + Math.max(0, promptTokens) * prefillPerThousandTokens.toMillis() / 1000;
    }
}
