package dev.localbridge.observability;

import dev.localbridge.error.ErrorType;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of what the bridge does, exposed in Prometheus text format at {@code /metrics}. Fed only through the
 * {@link ExchangeListener} each request gets.
 */
public final class Metrics implements ExchangeListener.Factory {
    private final LongAdder requests = new LongAdder();
    private final LongAdder streams = new LongAdder();
    private final AtomicLong activeExchanges = new AtomicLong();
    private final LongAdder clientHangups = new LongAdder();
    private final LongAdder upstreamCancels = new LongAdder();
    private final LongAdder inputTokens = new LongAdder();
    private final LongAdder outputTokens = new LongAdder();
    private final LongAdder cacheReadTokens = new LongAdder();
    private final LongAdder droppedReasoning = new LongAdder();
    private final Map<ErrorType, LongAdder> errors = new EnumMap<>(ErrorType.class);

    public Metrics() {
        for (ErrorType type : ErrorType.values()) {
            errors.put(type, new LongAdder());
        }
    }

    @Override
    public ExchangeListener create(String requestId, String route) {
        return new Listener();
    }

    /** One request's contribution to the counters. */
    private final class Listener implements ExchangeListener {
        private boolean active;

        @Override
        public void started(boolean stream, String requestedModel) {
            requests.increment();
            if (stream) {
                streams.increment();
            }
            active = true;
            activeExchanges.incrementAndGet();
        }

        @Override
        public void upstreamCancelled() {
            upstreamCancels.increment();
        }

        @Override
        public void droppedReasoning(long deltas) {
            droppedReasoning.add(deltas);
        }

        @Override
        public void usage(long input, long output, long cacheRead) {
            inputTokens.add(input);
            outputTokens.add(output);
            cacheReadTokens.add(cacheRead);
        }

        @Override
        public void ended(Outcome outcome) {
            if (active) {
                active = false;
                activeExchanges.decrementAndGet();
            }
            switch (outcome) {
                case Outcome.Failed failed -> errors.get(failed.type()).increment();
                case Outcome.HungUp hungUp -> clientHangups.increment();
                case Outcome.Completed completed -> {
                }
                case Outcome.Served served -> {
                }
            }
        }
    }

    public long clientHangups() {
        return clientHangups.sum();
    }

    public long activeExchanges() {
        return activeExchanges.get();
    }

    public String prometheus() {
        StringBuilder out = new StringBuilder(1024);
        counter(out, "localbridge_requests_total", "Messages requests received", requests.sum());
        counter(out, "localbridge_streams_total", "Streaming messages requests received", streams.sum());
        gauge(out, "localbridge_active_exchanges", "Requests in flight", activeExchanges.get());
        counter(out, "localbridge_client_hangups_total", "Clients that hung up before the answer was complete",
                clientHangups.sum());
        counter(out, "localbridge_upstream_cancels_total", "Upstream requests cancelled by the bridge",
                upstreamCancels.sum());
        counter(out, "localbridge_input_tokens_total", "Prompt tokens not read from the cache", inputTokens.sum());
        counter(out, "localbridge_cache_read_tokens_total", "Prompt tokens read from the cache", cacheReadTokens.sum());
        counter(out, "localbridge_output_tokens_total", "Generated tokens", outputTokens.sum());
        counter(out, "localbridge_dropped_reasoning_deltas_total",
                "Reasoning deltas dropped because the request did not enable thinking", droppedReasoning.sum());
        out.append("# HELP localbridge_errors_total Errors answered, by Anthropic error type\n");
        out.append("# TYPE localbridge_errors_total counter\n");
        errors.forEach((type, count) -> out.append("localbridge_errors_total{type=\"").append(type.wireName())
                .append("\"} ").append(count.sum()).append('\n'));
        return out.toString();
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        metric(out, name, help, "counter", value);
    }

    private static void gauge(StringBuilder out, String name, String help, long value) {
        metric(out, name, help, "gauge", value);
    }

    private static void metric(StringBuilder out, String name, String help, String type, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        out.append(name).append(' ').append(value).append('\n');
    }
}
