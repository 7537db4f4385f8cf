package dev.localbridge.observability;

import dev.localbridge.anthropic.StopReason;
import dev.localbridge.error.ErrorType;
import java.util.List;
import java.util.Objects;

/**
 * What is observed of one inbound request, in order: {@code started}, then for a messages request
 * {@code planned}, {@code upstreamAnswered}, {@code firstToken} and {@code usage} as they happen, and always exactly
 * one {@code ended}. Metrics, the request log and the dashboard hang off this, not off scattered calls. Called on
 * the request's event loop: implementations must be quick and must not block.
 */
public interface ExchangeListener {

    /** Creates the listener of one request. */
    interface Factory {
        ExchangeListener create(String requestId, String route);
    }

    /** A messages request was read: what the client asked for. */
    default void started(boolean stream, String requestedModel) {
    }

    /**
     * The bridge decided what to send: the backend model, the prompt's size ({@code promptTokens} is -1 when it
     * could not be counted before sending; {@code exact} is false for an upper bound), the output budget and the
     * backend's context per request (0 when unknown).
     */
    default void planned(String model, long promptTokens, boolean exact, int maxTokens, int nCtx) {
    }

    /** The backend accepted the request and its answer begins. */
    default void upstreamAnswered() {
    }

    /** The first token of the answer arrived from the backend. */
    default void firstToken() {
    }

    /**
     * A chunk carrying a token (text, reasoning or a tool-call fragment) arrived from the backend, the first one
     * included (after {@link #firstToken}). Called per token: implementations take a {@code nanoTime} at most and
     * allocate nothing.
     */
    default void token() {
    }

    /** A tool call the model wrote as text (or with broken arguments) was recovered into a real tool call. */
    default void toolCallRecovered() {
    }

    /** The bridge stopped a generation that was repeating itself in a loop. */
    default void loopStopped() {
    }

    /** The bridge cancelled its upstream request (hang-up, stop sequence, a failure on the bridge's side). */
    default void upstreamCancelled() {
    }

    /** Reasoning deltas dropped because the request did not enable thinking. */
    default void droppedReasoning(long deltas) {
    }

    /** The usage the client received. */
    default void usage(long inputTokens, long outputTokens, long cacheReadTokens) {
    }

    /** The request's one end. */
    void ended(Outcome outcome);

    /** How a request ended: the closed set. */
    sealed interface Outcome {
        /** A messages answer, complete. */
        record Completed(StopReason stopReason) implements Outcome {
            public Completed {
                Objects.requireNonNull(stopReason);
            }
        }

        /** Any other route answered successfully. */
        record Served() implements Outcome {
        }

        /** An error was answered (as HTTP, or as an {@code error} event after the stream began). */
        record Failed(ErrorType type, String message) implements Outcome {
            public Failed {
                Objects.requireNonNull(type);
                Objects.requireNonNull(message);
            }
        }

        /** The client hung up first: normal, counted, never a failure. */
        record HungUp() implements Outcome {
        }
    }

    /** Several factories as one: each request gets one listener of each. */
    static Factory all(List<Factory> factories) {
        List<Factory> copy = List.copyOf(factories);
        if (copy.size() == 1) {
            return copy.getFirst();
        }
        return (requestId, route) -> {
            List<ExchangeListener> listeners = copy.stream().map(f -> f.create(requestId, route)).toList();
            return new Fanout(listeners);
        };
    }

    /** Calls each listener in turn. */
    record Fanout(List<ExchangeListener> listeners) implements ExchangeListener {
        public Fanout {
            listeners = List.copyOf(listeners);
        }

        @Override
        public void started(boolean stream, String requestedModel) {
            listeners.forEach(l -> l.started(stream, requestedModel));
        }

        @Override
        public void planned(String model, long promptTokens, boolean exact, int maxTokens, int nCtx) {
            listeners.forEach(l -> l.planned(model, promptTokens, exact, maxTokens, nCtx));
        }

        @Override
        public void upstreamAnswered() {
            listeners.forEach(ExchangeListener::upstreamAnswered);
        }

        @Override
        public void firstToken() {
            listeners.forEach(ExchangeListener::firstToken);
        }

        @Override
        public void token() {
            for (int i = 0; i < listeners.size(); i++) {
                listeners.get(i).token();
            }
        }

        @Override
        public void toolCallRecovered() {
            listeners.forEach(ExchangeListener::toolCallRecovered);
        }

        @Override
        public void loopStopped() {
            listeners.forEach(ExchangeListener::loopStopped);
        }

        @Override
        public void upstreamCancelled() {
            listeners.forEach(ExchangeListener::upstreamCancelled);
        }

        @Override
        public void droppedReasoning(long deltas) {
            listeners.forEach(l -> l.droppedReasoning(deltas));
        }

        @Override
        public void usage(long inputTokens, long outputTokens, long cacheReadTokens) {
            listeners.forEach(l -> l.usage(inputTokens, outputTokens, cacheReadTokens));
        }

        @Override
        public void ended(Outcome outcome) {
            listeners.forEach(l -> l.ended(outcome));
        }
    }
}
