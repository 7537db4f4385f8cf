package dev.localbridge.server;

import dev.localbridge.anthropic.AnthropicJson;
import dev.localbridge.anthropic.EventSink;
import dev.localbridge.anthropic.MessageAggregator;
import dev.localbridge.anthropic.MessagesRequest;
import dev.localbridge.anthropic.StopReason;
import dev.localbridge.anthropic.StreamEvent;
import dev.localbridge.anthropic.Usage;
import dev.localbridge.error.ApiException;
import dev.localbridge.observability.ExchangeListener;
import dev.localbridge.observability.ExchangeListener.Outcome;
import dev.localbridge.openai.ChatChunk;
import dev.localbridge.translate.Ids;
import dev.localbridge.translate.QuotaProbe;
import dev.localbridge.translate.StreamTranslator;
import io.vertx.core.AsyncResult;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;

/**
 * The inbound side of one messages request, from the moment it is accepted to its one end. Every callback runs on
 * the inbound connection's event loop, so the state needs no locking.
 *
 * <p>Streaming: the response commits to HTTP 200 and {@code message_start} as soon as the backend answers or the
 * commit grace ends, whichever is first; failures before that are real HTTP errors, later ones an {@code error}
 * event. The grace runs from the moment the plan is ready; a plan that waits for an exact count gets at most the
 * count grace (from acceptance) before the stream commits anyway. So a stream is never silent for long, pings keep
 * it alive while the prompt is counted and prefilled, and an oversized prompt is still, in all but the slowest
 * cases, an HTTP 400 that makes Claude Code compact. A client hang-up, at any moment, cancels the upstream request
 * at once.
 */
final class Exchange implements UpstreamCall.Owner {
    /** Where the exchange is: waiting (not committed), streaming (committed to 200), or done. */
    private enum Phase { WAITING, STREAMING, DONE }

    private final Bridge bridge;
    private final HttpServerResponse response;
    private final String requestId;
    private final boolean stream;
    private final String requestedModel;
    /** Dropped once the translator has what it needs: a long stream holds no copy of its prompt. */
    private MessagesRequest request;
    private final ExchangeListener events;
    private final SseWriter sse;
    private final MessageAggregator aggregator;
    private final String messageId = Ids.messageId();

    private Phase phase = Phase.WAITING;
    private long promptTokens = -1;
    private boolean hasPlan;
    private StreamTranslator translator;
    private UpstreamCall upstream;
    private boolean sawToken;
    private long commitTimer = -1;
    private long pingTimer = -1;
    /** Sent before its exact size was known (else null), and whether that size is known now. */
    private Sizing sizing;
    private boolean sized;
    /** A prompt that may not fit: nothing of the answer reaches the client before its size is known. */
    private boolean gated;
    private final HeldAnswer held = new HeldAnswer();
    /** The backend answered; the response commits with its first chunk, which says the prompt's size. */
    private boolean awaitingFirstChunk;
    private String plannedModel;
    private int nCtx;

    Exchange(Bridge bridge, HttpServerResponse response, String requestId, MessagesRequest request,
             ExchangeListener events) {
        this.bridge = bridge;
        this.response = response;
        this.requestId = requestId;
        this.request = request;
        this.stream = request.stream();
        this.requestedModel = request.model();
        this.events = events;
        this.sse = stream ? new SseWriter(response, this::pauseUpstream) : null;
        this.aggregator = stream ? null : new MessageAggregator();
    }

    /** Starts with the plan being made: the commit grace and the hang-up watch begin now, not when it is ready. */
    void start(io.vertx.core.Future<Plan> planning) {
        events.started(stream, requestedModel);
        response.closeHandler(v -> onClientGone());
        if (response.closed()) {
            onClientGone();
            return;
        }
        planning.onComplete(this::onPlanned);
        if (stream && !hasPlan && phase == Phase.WAITING) {
            // The prompt is being counted: a count that finds it too long must still be a real HTTP 400, so the
            // stream waits for it, but never silently for longer than the count grace.
            commitTimer = bridge.vertx().setTimer(bridge.config().countGrace().toMillis(), t -> commit());
        }
    }

    /** A request the bridge answers itself, without a backend (Claude Code's quota probe). */
    void answerWithout() {
        events.started(stream, requestedModel);
        List<StreamEvent> answer = QuotaProbe.answer(request, messageId);
        if (stream) {
            sse.begin(requestId);
            answer.forEach(sse::accept);
            sse.end();
        } else {
            answer.forEach(aggregator::accept);
            Responses.json(response, 200, AnthropicJson.message(aggregator.build()), requestId);
        }
        phase = Phase.DONE;
        events.ended(new Outcome.Completed(StopReason.MAX_TOKENS));
    }

    private void onPlanned(AsyncResult<Plan> planned) {
        if (phase == Phase.DONE) {
            return;
        }
        if (planned.failed()) {
            onFailure(Failures.asApiException(requestId, planned.cause()));
            return;
        }
        Plan plan = planned.result();
        hasPlan = true;
        promptTokens = plan.promptTokens();
        sizing = plan.sizing();
        gated = sizing != null && sizing.mayOverflow();
        if (stream) {
            // A gated answer commits when its size allows it, or after the count grace; even then its content
            // waits for the size (pings keep the stream alive), so an overflow is never preceded by content.
            bridge.vertx().cancelTimer(commitTimer);
            commitTimer = bridge.vertx().setTimer((gated ? bridge.config().countGrace()
                    : bridge.config().commitGrace()).toMillis(), t -> commit());
        }
        if (gated) {
            // Planned once the size has decided the budget; the dashboard shows it counting meanwhile.
            plannedModel = plan.model();
            nCtx = plan.nCtx();
        } else {
            events.planned(plan.model(), plan.promptTokens(), plan.exact(), plan.maxTokens(), plan.nCtx());
        }
        EventSink sink = stream ? sse : aggregator;
        translator = Translators.create(bridge, plan, request, sink);
        // A backend that ignores max_tokens is held to it all the same.
        translator.limitOutput(plan.maxTokens());
        request = null;
        if (!stream) {
            aggregator.accept(messageStart());
        }
        upstream = UpstreamCall.start(bridge, plan, this);
        if (sizing != null && sizing.count() != null) {
            sizing.count().onComplete(counted -> onSize(counted.succeeded() ? counted.result() : -1));
        }
    }

    /**
     * The prompt's exact size, from the backend's first chunk or the bridge's count, whichever came first: too long
     * fails the exchange (cancelling the backend's request; an HTTP 400 unless the count grace ran out first);
     * otherwise the size is reported and the output held to exactly the room the prompt leaves. Uncounted (-1), a
     * gated answer goes ahead as if it fits.
     */
    private void onSize(long tokens) {
        if (sized || sizing == null || phase == Phase.DONE) {
            return;
        }
        if (tokens < 0) {
            openGate();
            return;
        }
        sized = true;
        Sizing.Verdict verdict;
        try {
            verdict = sizing.judge().judge(tokens);
        } catch (ApiException overflow) {
            gated = false;
            onFailure(overflow);
            return;
        }
        promptTokens = tokens;
        translator.countedInput(tokens);
        translator.limitOutput(verdict.maxTokens()); // never more than was sent: the room can only lower it
        if (gated) {
            events.planned(plannedModel, tokens, true, verdict.maxTokens(), nCtx);
        }
        openGate();
    }

    /** The answer may go to the client: what the backend sent meanwhile follows, and reading resumes. */
    private void openGate() {
        if (!gated) {
            return;
        }
        gated = false;
        if (held.answered()) {
            commit();
        }
        held.replay(this);
    }

    @Override
    public String requestId() {
        return requestId;
    }

    @Override
    public void queued() {
        // A 529 after the queue's wait must be a real HTTP error: the response does not commit while waiting.
        bridge.vertx().cancelTimer(commitTimer);
    }

    @Override
    public void dequeued() {
        if (stream && phase == Phase.WAITING) {
            commitTimer = bridge.vertx().setTimer(bridge.config().commitGrace().toMillis(), t -> commit());
        }
    }

    private StreamEvent.MessageStart messageStart() {
        return new StreamEvent.MessageStart(messageId, requestedModel, new Usage(Math.max(0, promptTokens), 1, 0));
    }

    @Override
    public void onAnswered() {
        events.upstreamAnswered();
        if (gated) {
            held.answered(true);
        } else if (sizing != null && sizing.progress() && !sized) {
            awaitingFirstChunk = true;
        } else {
            commit();
        }
    }

    @Override
    public void readStarted() {
        if (sse != null) {
            sse.hold();
        }
    }

    @Override
    public void readEnded() {
        if (sse != null) {
            sse.release();
        }
    }

    @Override
    public boolean onChunk(ChatChunk chunk) {
        if (phase == Phase.DONE) {
            return true;
        }
        if (chunk.progress() != null) {
            onSize(chunk.progress().total());
            if (phase == Phase.DONE) {
                return true;
            }
        }
        if (gated) {
            held.add(chunk, upstream);
            return false;
        }
        if (awaitingFirstChunk) {
            awaitingFirstChunk = false;
            commit();
        }
        if (chunk.carriesOutput()) {
            if (!sawToken) {
                sawToken = true;
                events.firstToken();
            }
            events.token();
        }
        try {
            if (translator.onChunk(chunk)) {
                complete();
                return true;
            }
            return false;
        } catch (ApiException e) {
            onFailure(e);
            return true;
        }
    }

    @Override
    public void onComplete() {
        if (phase == Phase.DONE) {
            return;
        }
        if (gated) {
            held.complete();
            return;
        }
        translator.finish();
        complete();
    }

    /** Streaming only: from here on the answer is HTTP 200 and errors travel as events. */
    private void commit() {
        if (!stream || phase != Phase.WAITING) {
            return;
        }
        phase = Phase.STREAMING;
        bridge.vertx().cancelTimer(commitTimer);
        sse.begin(requestId);
        sse.accept(messageStart());
        sse.accept(StreamEvent.PING);
        sse.startInterval();
        pingTimer = bridge.vertx().setPeriodic(bridge.config().pingInterval().toMillis(), t -> sse.tick());
    }

    /** The translator has emitted the whole message. */
    private void complete() {
        if (phase == Phase.DONE) {
            return;
        }
        phase = Phase.DONE;
        Usage usage = translator.usage();
        events.usage(usage.inputTokens(), usage.outputTokens(), usage.cacheReadInputTokens());
        if (stream) {
            sse.end();
        } else {
            Responses.json(response, 200, AnthropicJson.message(aggregator.build()), requestId);
        }
        release(new Outcome.Completed(translator.stopReason()));
    }

    @Override
    public void onFailure(ApiException error) {
        if (phase == Phase.DONE) {
            return;
        }
        if (gated) {
            held.fail(error);
            return;
        }
        boolean committed = phase == Phase.STREAMING;
        phase = Phase.DONE;
        if (committed) {
            sse.accept(new StreamEvent.Error(error));
            sse.end();
        } else {
            Responses.error(response, error, requestId);
        }
        release(new Outcome.Failed(error.type(), error.getMessage()));
    }

    private void onClientGone() {
        if (phase == Phase.DONE) {
            return;
        }
        phase = Phase.DONE;
        if (sse != null) {
            sse.abandon();
        }
        release(new Outcome.HungUp());
    }

    /**
     * Every terminal path sets the phase to DONE first: cancelling fires the upstream's handlers synchronously. The
     * listener hears the end before the backend sees the cancellation, so whoever watches the backend also finds it
     * counted.
     */
    private void release(Outcome outcome) {
        bridge.vertx().cancelTimer(commitTimer);
        bridge.vertx().cancelTimer(pingTimer);
        boolean live = upstream != null && upstream.live();
        if (live) {
            events.upstreamCancelled();
        }
        if (translator != null) {
            Translators.report(translator, events, requestId);
        }
        events.ended(outcome);
        if (upstream != null) {
            upstream.cancel();
        }
    }

    private void pauseUpstream() {
        if (upstream != null) {
            upstream.pause();
            response.drainHandler(v -> upstream.resume());
        }
    }
}
