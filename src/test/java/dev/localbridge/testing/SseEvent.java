package dev.localbridge.testing;

import com.fasterxml.jackson.databind.JsonNode;

/** One server-sent event as a client received it, with its arrival time. */
public record SseEvent(String name, JsonNode data, long arrivedNanos) {
}
