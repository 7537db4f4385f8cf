package dev.localbridge.server;

import dev.localbridge.backend.BackendPool;
import dev.localbridge.backend.LlamaFields;
import dev.localbridge.backend.PoolMember;
import dev.localbridge.backend.UpstreamAttempt;
import dev.localbridge.backend.UpstreamListener;
import dev.localbridge.error.ApiException;
import dev.localbridge.openai.ChatChunk;
import dev.localbridge.openai.ChatRequestWriter;
import dev.localbridge.openai.UpstreamFailure;
import dev.localbridge.routing.Failover;
import dev.localbridge.translate.StructuredOutput;
import dev.localbridge.translate.UpstreamErrors;
import java.util.ArrayList;
import java.util.List;

/**
 * The upstream side of one exchange: it leases a backend from the pool (waiting in its queue when every
 * candidate is full), starts attempts there, and decides what to do when one fails before its answer began:
 * <ul>
 *   <li>a backend that cannot hold its output to a JSON schema gets the request once more with the schema in
 *       the prompt;</li>
 *   <li>a backend that let the request down ({@link Failover}) is taken out of the pool and the request goes to
 *       the next candidate, once per backend; when none is left, 529 {@code overloaded_error}.</li>
 * </ul>
 * Once an answer has begun nothing is retried. A request moved to a backend whose model or context differs is
 * planned again there, so its budget stays exact. Failures reach the owner as the one Anthropic error each
 * deserves. Every callback runs on the exchange's event loop.
 */
final class UpstreamCall implements UpstreamListener, BackendPool.Listener {

    /** The inbound side, as the call reports to it. */
    interface Owner {
        /** The request's id, for the log line of an unexpected failure. */
        String requestId();

        /** Every backend is full: the request waits in the pool's queue (do not commit the response yet). */
        default void queued() {
        }

        /** The wait is over: a backend is about to get the request. */
        default void dequeued() {
        }

        void onAnswered();

        void readStarted();

        void readEnded();

        /** Returns true when the answer is complete on the bridge's side. */
        boolean onChunk(ChatChunk chunk);

        void onComplete();

        void onFailure(ApiException error);
    }

    private final Bridge bridge;
    /** Both plans are dropped once an answer has begun: a long stream holds no copy of its request. */
    private Plan firstPlan;
    private final Owner owner;
    private final List<PoolMember> tried = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private ApiException lastError;
    private Plan plan;
    private BackendPool.Lease lease;
    private BackendPool.Waiter waiter;
    private UpstreamAttempt attempt;
    private boolean fellBack;
    private boolean waiting;
    private boolean over;

    private UpstreamCall(Bridge bridge, Plan plan, Owner owner) {
        this.bridge = bridge;
        this.firstPlan = plan;
        this.plan = plan;
        this.owner = owner;
    }

    static UpstreamCall start(Bridge bridge, Plan plan, Owner owner) {
        UpstreamCall call = new UpstreamCall(bridge, plan, owner);
        call.next();
        return call;
    }

    /** Leases the next candidate not yet tried; none left: the request fails. */
    private void next() {
        List<PoolMember> remaining = firstPlan.route().candidates().stream().filter(m -> !tried.contains(m)).toList();
        if (remaining.isEmpty()) {
            finish(failures.size() == 1 ? lastError : ApiException.overloaded("every backend failed before"
                    + " answering (" + String.join("; ", failures) + "); retry later"));
            return;
        }
        waiter = bridge.pool().acquire(remaining, firstPlan.route().key(), this);
    }

    @Override
    public void queued() {
        waiting = true;
        owner.queued();
    }

    @Override
    public void refused(ApiException error) {
        waiter = null;
        finish(error);
    }

    @Override
    public void granted(BackendPool.Lease granted) {
        waiter = null;
        if (over) {
            bridge.pool().release(granted);
            return;
        }
        lease = granted;
        if (waiting) {
            waiting = false;
            owner.dequeued();
        }
        PoolMember member = granted.member();
        if (member == plan.backend() || sameBudget(member, plan)) {
            attempt(plan.upstreamBody());
            return;
        }
        new Planner(bridge).planOn(firstPlan.route(), member, false).onComplete(planned -> {
            if (over) {
                return;
            }
            if (planned.failed()) {
                finish(Failures.asApiException(owner.requestId(), planned.cause()));
                return;
            }
            plan = planned.result();
            attempt(plan.upstreamBody());
        });
    }

    /** Whether the plan made for another backend holds on {@code member}: same model and context per request. */
    private static boolean sameBudget(PoolMember member, Plan plan) {
        return member.info().nCtx() == plan.nCtx() && plan.model().equals(member.info().model());
    }

    private void attempt(byte[] body) {
        PoolMember member = lease.member();
        boolean progress = member.info().kind().reportsPromptSize();
        attempt = UpstreamAttempt.start(member.client(), member.monitor(),
                LlamaFields.add(body, lease.slot(), progress),
                plan.promptTokens(), bridge.config().upstreamLimits(), this);
        if (plan.fallback() == null && firstPlan.route().candidates().size() == 1) {
            // Nothing can send this request again (the attempt keeps its own bytes for a resend): a thousand
            // streams waiting for their prefill hold no other copy of their requests.
            firstPlan = null;
            plan = null;
        }
    }

    /** Whether a request is under way at the backend (cancelling it would stop the backend's work). */
    boolean live() {
        return attempt != null && attempt.live();
    }

    /** Stops the backend's work at once, or leaves the queue; nothing more is reported. */
    void cancel() {
        over = true;
        if (waiter != null) {
            bridge.pool().cancel(waiter);
            waiter = null;
        }
        if (attempt != null) {
            attempt.cancel();
        }
        releaseLease();
    }

    void pause() {
        if (attempt != null) {
            attempt.pause();
        }
    }

    void resume() {
        if (attempt != null) {
            attempt.resume();
        }
    }

    @Override
    public void onAnswered() {
        firstPlan = null;
        plan = null;
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
        releaseLease();
        if (!over) {
            over = true;
            owner.onComplete();
        }
    }

    @Override
    public void onFailure(UpstreamFailure failure, boolean answerBegun) {
        ApiException error = UpstreamErrors.from(failure);
        if (answerBegun) {
            finish(error);
            return;
        }
        if (!fellBack && plan != null && plan.fallback() != null && StructuredOutput.grammarFailed(error)) {
            fellBack = true;
            attempt(ChatRequestWriter.write(plan.fallback()));
            return;
        }
        if (!over && firstPlan != null && Failover.worthAnotherBackend(failure)) {
            PoolMember member = lease.member();
            tried.add(member);
            failures.add(member.name() + ": " + error.getMessage());
            lastError = error;
            bridge.pool().failedOver(member, error.getMessage());
            releaseLease();
            attempt = null;
            next();
            return;
        }
        finish(error);
    }

    private void finish(ApiException error) {
        releaseLease();
        if (!over) {
            over = true;
            owner.onFailure(error);
        }
    }

    private void releaseLease() {
        if (lease != null) {
            BackendPool.Lease released = lease;
            lease = null;
            bridge.pool().release(released);
        }
    }
}
