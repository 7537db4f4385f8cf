package dev.localbridge.observability;

import dev.localbridge.observability.ExchangeListener.Outcome;
import java.util.List;
import java.util.function.Supplier;

/**
 * The one place requests are observed: each request gets one listener that keeps its {@link ExchangeRecord} and
 * feeds the {@link Metrics}, the {@link LiveView} and the {@link RequestLog} from it.
 */
public final class Observatory implements ExchangeListener.Factory {
    private final Metrics metrics;
    private final LiveView live;
    private final RequestLog log;

    public Observatory(Supplier<List<BackendView>> backends, RequestLog log) {
        this.live = new LiveView(backends);
        this.metrics = new Metrics(backends, live::queueDepth);
        this.live.totalsFrom(metrics);
        this.log = log;
    }

    public Metrics metrics() {
        return metrics;
    }

    public LiveView live() {
        return live;
    }

    public RequestLog log() {
        return log;
    }

    @Override
    public ExchangeListener create(String requestId, String route) {
        return new Tracker(new ExchangeRecord(requestId, route, System.currentTimeMillis(), System.nanoTime()));
    }

    /** One request's listener. */
    private final class Tracker implements ExchangeListener {
        private final ExchangeRecord record;
        private boolean active;
        private boolean ended;

        Tracker(ExchangeRecord record) {
            this.record = record;
        }

        @Override
        public void started(boolean stream, String requestedModel) {
            record.messages = true;
            record.stream = stream;
            record.requestedModel = requestedModel;
            metrics.started(stream);
            metrics.active(1);
            active = true;
            live.started(record);
        }

        @Override
        public void planned(String model, long promptTokens, boolean exact, int maxTokens, int nCtx) {
            record.model = model;
            record.promptTokens = promptTokens;
            record.exact = exact;
            record.maxTokens = maxTokens;
            record.nCtx = nCtx;
            record.plannedNanos = System.nanoTime();
        }

        @Override
        public void upstreamAnswered() {
            record.answeredNanos = System.nanoTime();
        }

        @Override
        public void firstToken() {
            record.firstTokenNanos = System.nanoTime();
        }

        @Override
        public void token() {
            long now = System.nanoTime();
            long last = record.lastTokenNanos;
            if (last != 0) {
                metrics.tokenGap(now - last);
            }
            record.lastTokenNanos = now;
            record.tokens++;
            live.token(now);
        }

        @Override
        public void toolCallRecovered() {
            metrics.toolCallRecovered();
        }

        @Override
        public void loopStopped() {
            metrics.loopStopped();
        }

        @Override
        public void upstreamCancelled() {
            metrics.upstreamCancelled();
        }

        @Override
        public void droppedReasoning(long deltas) {
            if (deltas > 0) {
                metrics.droppedReasoning(deltas);
            }
        }

        @Override
        public void usage(long inputTokens, long outputTokens, long cacheReadTokens) {
            record.inputTokens = inputTokens;
            record.outputTokens = outputTokens;
            record.cacheReadTokens = cacheReadTokens;
            record.usageKnown = true;
            metrics.usage(inputTokens, outputTokens, cacheReadTokens);
        }

        @Override
        public void ended(Outcome outcome) {
            if (ended) {
                return;
            }
            ended = true;
            record.endedNanos = System.nanoTime();
            record.endedAtMillis = System.currentTimeMillis();
            record.outcome = outcome;
            if (active) {
                active = false;
                metrics.active(-1);
            }
            metrics.ended(record, outcome);
            if (record.messages) {
                live.ended(record);
            }
            log.ended(record, outcome);
        }
    }
}
