package dev.localbridge.routing;

/**
 * What a messages request is for, as far as routing cares: a conversation's main turn, or one of Claude Code's
 * side requests (session title, compaction, a one-token probe, anything else it calls auxiliary), which may go to a small fast model.
 */
public enum RequestKind {
    MAIN, TITLE, COMPACTION, PROBE, AUXILIARY;

    /** A request the user does not wait on as a turn of the conversation. */
    public boolean side() {
        return this != MAIN;
    }
}
