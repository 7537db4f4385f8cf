package dev.localbridge.loadbench;

/**
 * How the fake upstream answers every chat request: wait {@code prefillMillis}, then stream {@code tokens} text
 * tokens one every {@code intervalMillis}.
 */
record Pacing(long prefillMillis, int tokens, long intervalMillis) {
    /** The text of every token: fixed length, so a client counts tokens by characters whatever the framing. */
    static final String TOKEN = " tok";

    Pacing {
        if (prefillMillis < 0 || tokens < 1 || intervalMillis < 0) {
            throw new IllegalArgumentException("bad pacing " + prefillMillis + "/" + tokens + "/" + intervalMillis);
        }
    }
}
