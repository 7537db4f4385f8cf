package dev.localbridge.routing;

/**
 * What a messages request is for: a conversation's main turn, or one of Claude Code's side requests (the session
 * title, a compaction summary, the quota probe, anything else it calls auxiliary). Side requests may go to a small
 * fast model; the quota probe needs none.
 */
public enum RequestKind {
    MAIN, TITLE, COMPACTION, QUOTA_PROBE, AUXILIARY;

    /** A request the user does not wait on as a turn of the conversation. */
    public boolean side() {
        return this != MAIN;
    }

    /** Whether the bridge answers it itself, without a backend. */
    public boolean answeredByBridge() {
        return this == QUOTA_PROBE;
    }
}
