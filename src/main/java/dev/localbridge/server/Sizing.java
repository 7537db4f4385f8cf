package dev.localbridge.server;

import io.vertx.core.Future;

/**
 * How a request that went to the backend before its exact size was known learns it: from llama-server itself
 * ({@code progress}: its first chunk, as a slot starts on the request, says the prompt's size), or from the
 * bridge's own count ({@code count}, only for a prompt that may not fit: it does not wait for a free slot), whichever
 * comes first. The {@code judge} says what the size means: an overflow ({@code prompt is too long}) or the output the
 * prompt leaves room for; it also remembers the size for the conversation's next turn. With {@code mayOverflow},
 * the answer waits for the size before any of it reaches the client.
 *
 * @param count the bridge's count in flight (-1 when the backend could not count), or null
 */
record Sizing(Future<Long> count, boolean progress, boolean mayOverflow, Judge judge) {

    /** What an exact size means for the request; throws {@code ApiException} for an overflow. */
    interface Judge {
        Verdict judge(long promptTokens);
    }

    record Verdict(long promptTokens, int maxTokens) {
    }
}
