package dev.localbridge.server;

import io.vertx.core.Future;

/**
 * The exact count of a request that went to the backend before it was known. Its verdict fails with
 * {@code prompt is too long} when the prompt leaves too little room for output; otherwise it gives the exact size
 * and the output the prompt leaves room for. With {@code mayOverflow}, the answer waits for the verdict before it
 * commits (the backend meanwhile prefills); without, the verdict can only refine the usage and the output limit.
 */
record PendingCount(Future<Verdict> verdict, boolean mayOverflow) {

    /** @param promptTokens the exact size, or -1 when the backend could not count it */
    record Verdict(long promptTokens, int maxTokens) {
    }
}
