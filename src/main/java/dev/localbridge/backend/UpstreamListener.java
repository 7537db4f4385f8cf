package dev.localbridge.backend;

import dev.localbridge.openai.ChatChunk;
import dev.localbridge.openai.UpstreamFailure;

/** What the owner of the attempt hears, in this order: answered, chunks, then complete or failure. */
public interface UpstreamListener {
    /** The backend accepted the request (HTTP 200): its answer begins. */
    void onAnswered();

    /** Before the chunks of one network read (often several): writes may be gathered until {@link #readEnded}. */
    default void readStarted() {
    }

    default void readEnded() {
    }

    /** Returns true when the answer is complete on the bridge's side: the attempt then cancels the backend. */
    boolean onChunk(ChatChunk chunk);

    /** The backend's answer ended properly. */
    void onComplete();

    /** The one final failure; {@code answerBegun} is false while nothing of the answer has arrived. */
    void onFailure(UpstreamFailure failure, boolean answerBegun);
}
