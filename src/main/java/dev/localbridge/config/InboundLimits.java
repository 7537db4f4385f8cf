package dev.localbridge.config;

import java.time.Duration;
import java.util.Objects;

/**
 * What one client, or all of them together, may hold of the bridge. Every limit answers with an Anthropic error
 * or closes only the offending connection; clients within the limits keep being served.
 *
 * @param headerTimeout time from a connection's opening (or the end of its previous response) to the end of the
 *     next request's headers; also how long an idle keep-alive connection stays open
 * @param bodyTimeout time from the end of a request's headers to the end of its body (408 beyond)
 * @param maxConnections open connections in all; more are closed on accept
 * @param maxConnectionsPerClient open connections from one client address
 * @param maxConcurrentRequests API requests ({@code /v1/messages}, {@code count_tokens}) being served at once;
 *     more get 529 {@code overloaded_error}
 * @param maxInflightBytes request body bytes held by all requests being served; more get 529
 */
public record InboundLimits(
        Duration headerTimeout,
        Duration bodyTimeout,
        int maxConnections,
        int maxConnectionsPerClient,
        int maxConcurrentRequests,
        long maxInflightBytes) {

    public static final InboundLimits DEFAULTS = new InboundLimits(Duration.ofSeconds(10), Duration.ofSeconds(60),
            2048, 1024, 1024, 128L * 1024 * 1024);

    public InboundLimits {
        Objects.requireNonNull(headerTimeout);
        Objects.requireNonNull(bodyTimeout);
        if (headerTimeout.toMillis() < 1 || bodyTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("header and body timeouts must be at least 1 ms");
        }
        if (maxConnections < 1 || maxConnectionsPerClient < 1 || maxConcurrentRequests < 1 || maxInflightBytes < 1) {
            throw new IllegalArgumentException("connection, request and byte limits must be positive");
        }
    }

    public InboundLimits withHeaderTimeout(Duration value) {
        return new InboundLimits(value, bodyTimeout, maxConnections, maxConnectionsPerClient, maxConcurrentRequests,
                maxInflightBytes);
    }

    public InboundLimits withBodyTimeout(Duration value) {
        return new InboundLimits(headerTimeout, value, maxConnections, maxConnectionsPerClient, maxConcurrentRequests,
                maxInflightBytes);
    }

    public InboundLimits withConnections(int all, int perClient) {
        return new InboundLimits(headerTimeout, bodyTimeout, all, perClient, maxConcurrentRequests, maxInflightBytes);
    }

    public InboundLimits withRequests(int concurrent, long inflightBytes) {
        return new InboundLimits(headerTimeout, bodyTimeout, maxConnections, maxConnectionsPerClient, concurrent,
                inflightBytes);
    }
}
