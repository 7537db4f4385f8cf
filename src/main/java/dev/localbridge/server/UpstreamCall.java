package dev.localbridge.server;

import dev.localbridge.backend.UpstreamAttempt;
import dev.localbridge.backend.UpstreamListener;
import dev.localbridge.error.ApiException;
import dev.localbridge.openai.ChatChunk;
import dev.localbridge.openai.ChatRequest;
import dev.localbridge.openai.ChatRequestWriter;
import dev.localbridge.openai.UpstreamFailure;
import dev.localbridge.translate.StructuredOutput;
import dev.localbridge.translate.UpstreamErrors;

/**
 * The upstream side of one exchange: it starts attempts and decides what to do when one fails before its answer
 * began. Today that is one rule: a backend that cannot hold its output to a JSON schema gets the request once more
 * with the schema in the prompt. This is where choosing a backend and failing over to the next one belong.
 * Failures reach the owner as the one Anthropic error each deserves.
 */
final class UpstreamCall implements UpstreamListener {

    /** The inbound side, as the call reports to it. */
    interface Owner {
        void onAnswered();

        void readStarted();

        void readEnded();

        /** Returns true when the answer is complete on the bridge's side. */
        boolean onChunk(ChatChunk chunk);

        void onComplete();

        void onFailure(ApiException error);
    }

    private final Bridge bridge;
    private final long promptTokens;
    /** Kept only until the answer begins: a long stream holds no copy of its request. */
    private ChatRequest fallback;
    private final Owner owner;
    private UpstreamAttempt attempt;

    private UpstreamCall(Bridge bridge, Plan plan, Owner owner) {
        this.bridge = bridge;
        this.promptTokens = plan.promptTokens();
        this.fallback = plan.fallback();
        this.owner = owner;
    }

    static UpstreamCall start(Bridge bridge, Plan plan, Owner owner) {
        UpstreamCall call = new UpstreamCall(bridge, plan, owner);
        call.attempt(plan.upstreamBody());
        return call;
    }

    private void attempt(byte[] body) {
        attempt = UpstreamAttempt.start(bridge.upstream(), bridge.monitor(), body, promptTokens,
                bridge.config().upstreamLimits(), this);
    }

    /** Whether a request is under way at the backend (cancelling it would stop the backend's work). */
    boolean live() {
        return attempt.live();
    }

    /** Stops the backend's work at once; nothing more is reported. */
    void cancel() {
        attempt.cancel();
    }

    void pause() {
        attempt.pause();
    }

    void resume() {
        attempt.resume();
    }

    @Override
    public void onAnswered() {
        fallback = null;
        owner.onAnswered();
    }

    @Override
    public void readStarted() {
        owner.readStarted();
    }

    @Override
    public void readEnded() {
        owner.readEnded();
    }

    @Override
    public boolean onChunk(ChatChunk chunk) {
        return owner.onChunk(chunk);
    }

    @Override
    public void onComplete() {
        owner.onComplete();
    }

    @Override
    public void onFailure(UpstreamFailure failure, boolean answerBegun) {
        ApiException error = UpstreamErrors.from(failure);
        if (!answerBegun && fallback != null && StructuredOutput.grammarFailed(error)) {
            ChatRequest once = fallback;
            fallback = null;
            attempt(ChatRequestWriter.write(once));
            return;
        }
        owner.onFailure(error);
    }
}
