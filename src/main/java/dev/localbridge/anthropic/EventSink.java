package dev.localbridge.anthropic;

/** Receives the events of one message, in order, on one thread. */
@FunctionalInterface
public interface EventSink {
    void accept(StreamEvent event);
}
