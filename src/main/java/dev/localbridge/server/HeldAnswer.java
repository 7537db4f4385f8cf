package dev.localbridge.server;

import dev.localbridge.error.ApiException;
import dev.localbridge.openai.ChatChunk;
import java.util.ArrayList;
import java.util.List;

/**
 * What the backend sent for a request whose prompt may not fit, while the bridge waits for its exact size: the
 * answer's chunks, then its end (or its failure: the backend's own overflow error waits too, as the bridge's exact
 * size words it better). Bounded: past {@link #MAX_CHUNKS} the backend is paused until the answer is let through.
 */
final class HeldAnswer {
    static final int MAX_CHUNKS = 256;

    private List<ChatChunk> chunks = List.of();
    private boolean answered;
    private boolean completed;
    private ApiException failure;
    private UpstreamCall paused;

    boolean answered() {
        return answered;
    }

    void answered(boolean value) {
        answered = value;
    }

    void add(ChatChunk chunk, UpstreamCall upstream) {
        if (chunks.isEmpty()) {
            chunks = new ArrayList<>();
        }
        chunks.add(chunk);
        if (chunks.size() >= MAX_CHUNKS && paused == null && upstream != null) {
            paused = upstream;
            upstream.pause();
        }
    }

    void complete() {
        completed = true;
    }

    void fail(ApiException error) {
        failure = error;
    }

    /** Lets everything through to the exchange, in order, and the backend go on. */
    void replay(UpstreamCall.Owner exchange) {
        List<ChatChunk> all = chunks;
        chunks = List.of();
        for (ChatChunk chunk : all) {
            if (exchange.onChunk(chunk)) {
                return;
            }
        }
        if (failure != null) {
            exchange.onFailure(failure);
        } else if (completed) {
            exchange.onComplete();
        } else if (paused != null) {
            paused.resume();
            paused = null;
        }
    }
}
