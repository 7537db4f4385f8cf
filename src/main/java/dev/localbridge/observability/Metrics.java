package dev.localbridge.observability;

import dev.localbridge.error.ErrorType;
import dev.localbridge.observability.ExchangeListener.Outcome;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the bridge does, as Prometheus metrics (the Prometheus Java client) exposed at {@code /metrics}. Fed only by
 * the {@link Observatory}'s listener of each request: counters as things happen, histograms when a request ends
 * (the token gap per token).
 */
public final class Metrics {
    /** Latency buckets in seconds: 5 ms to 2 minutes. */
    private static final double[] SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120};
    /** Gap between tokens in seconds: 0.5 ms to 5 s. */
    private static final double[] GAPS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
    /** Speeds in tokens/s, from a slow CPU to a fast GPU's prefill. */
    private static final double[] SPEEDS = {1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000};
    /** Prompt sizes in tokens: 256 to 256k. */
    private static final double[] TOKENS = {256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536, 131072, 262144};
    /** The share of the context a prompt fills. */
    private static final double[] SHARES = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests = counter("localbridge_requests", "Messages requests received");
    private final Counter streams = counter("localbridge_streams", "Streaming messages requests received");
    private final Gauge activeExchanges = Gauge.builder().name("localbridge_active_exchanges")
            .help("Requests in flight").register(registry);
    private final Counter clientHangups = counter("localbridge_client_hangups",
            "Clients that hung up before the answer was complete");
    private final Counter upstreamCancels = counter("localbridge_upstream_cancels",
            "Upstream requests cancelled by the bridge");
    private final Counter inputTokens = counter("localbridge_input_tokens", "Prompt tokens not read from the cache");
    private final Counter cacheReadTokens = counter("localbridge_cache_read_tokens", "Prompt tokens read from the cache");
    private final Counter outputTokens = counter("localbridge_output_tokens", "Generated tokens");
    private final Counter droppedReasoning = counter("localbridge_dropped_reasoning_deltas",
            "Reasoning deltas dropped because the request did not enable thinking");
    private final Counter recoveredToolCalls = counter("localbridge_recovered_tool_calls",
            "Tool calls the model wrote as text or with broken arguments, recovered into real tool calls");
    private final Counter stoppedLoops = counter("localbridge_stopped_loops",
            "Answers stopped because the model repeated the same tool call in a loop");
    private final Map<ErrorType, CounterDataPoint> errors = new EnumMap<>(ErrorType.class);
    private final Counter responses = Counter.builder().name("localbridge_http_requests")
            .help("Requests answered, by route, backend model, HTTP status (499: the client hung up) and error type")
            .labelNames("route", "model", "status", "error_type").withoutExemplars().register(registry);
    private final Histogram ttft = histogram("localbridge_time_to_first_token_seconds",
            "Time from accepting a messages request to the first token from the backend", SECONDS);
    private final Histogram tokenGap = histogram("localbridge_token_gap_seconds",
            "Time between consecutive tokens from the backend", GAPS);
    private final Histogram prefillSpeed = histogram("localbridge_prefill_tokens_per_second",
            "Prompt tokens the backend processed (not cached) per second before the first token", SPEEDS);
    private final Histogram generationSpeed = histogram("localbridge_generation_tokens_per_second",
            "Output tokens per second after the first token", SPEEDS);
    private final Histogram promptTokens = histogram("localbridge_prompt_tokens",
            "Prompt tokens per messages request, cached ones included", TOKENS);
    private final Histogram contextUse = histogram("localbridge_context_use_ratio",
            "Prompt tokens divided by the backend's context per request (n_ctx)", SHARES);

    /**
     * @param backends the backends to report health and slots of
     * @param queueDepth requests sent to the backends and waiting for a free slot
     */
    Metrics(Supplier<List<BackendView>> backends, Supplier<Long> queueDepth) {
        Counter errorsCounter = Counter.builder().name("localbridge_errors")
                .help("Errors answered, by Anthropic error type").labelNames("type").withoutExemplars()
                .register(registry);
        for (ErrorType type : ErrorType.values()) {
            errors.put(type, errorsCounter.labelValues(type.wireName()));
        }
        GaugeWithCallback.builder().name("localbridge_backend_up")
                .help("1 when the backend is ready to serve, else 0").labelNames("backend", "state")
                .callback(cb -> backends.get().forEach(b -> cb.call(b.healthy() ? 1 : 0, b.url(), b.state())))
                .register(registry);
        GaugeWithCallback.builder().name("localbridge_backend_slots")
                .help("Parallel slots of the backend (0 when unknown)").labelNames("backend")
                .callback(cb -> backends.get().forEach(b -> cb.call(b.slots(), b.url()))).register(registry);
        GaugeWithCallback.builder().name("localbridge_backend_context_tokens")
                .help("Context tokens per request of the backend (0 when unknown)").labelNames("backend")
                .callback(cb -> backends.get().forEach(b -> cb.call(b.nCtx(), b.url()))).register(registry);
        GaugeWithCallback.builder().name("localbridge_queue_depth")
                .help("Requests sent to the backend and waiting for a free slot").labelNames("backend")
                .callback(cb -> {
                    List<BackendView> all = backends.get();
                    if (!all.isEmpty()) {
                        cb.call(queueDepth.get(), all.getFirst().url());
                    }
                }).register(registry);
    }

    private Counter counter(String name, String help) {
        return Counter.builder().name(name).help(help).withoutExemplars().register(registry);
    }

    private Histogram histogram(String name, String help, double[] buckets) {
        return Histogram.builder().name(name).help(help).classicOnly().classicUpperBounds(buckets)
                .withoutExemplars().register(registry);
    }

    void started(boolean stream) {
        requests.inc();
        if (stream) {
            streams.inc();
        }
    }

    void active(int delta) {
        activeExchanges.inc(delta);
    }

    /** Per token: one histogram observation, no allocation. */
    void tokenGap(long nanos) {
        tokenGap.observe(nanos / 1e9);
    }

    void upstreamCancelled() {
        upstreamCancels.inc();
    }

    void droppedReasoning(long deltas) {
        droppedReasoning.inc(deltas);
    }

    void usage(long input, long output, long cacheRead) {
        inputTokens.inc(input);
        outputTokens.inc(output);
        cacheReadTokens.inc(cacheRead);
    }

    void toolCallRecovered() {
        recoveredToolCalls.inc();
    }

    void loopStopped() {
        stoppedLoops.inc();
    }

    /** A request's end: its outcome, and the histograms of what it measured. */
    void ended(ExchangeRecord record, Outcome outcome) {
        String status = switch (outcome) {
            case Outcome.Failed failed -> {
                errors.get(failed.type()).inc();
                yield Integer.toString(failed.type().httpStatus());
            }
            case Outcome.HungUp hungUp -> {
                clientHangups.inc();
                yield "499";
            }
            case Outcome.Completed completed -> "200";
            case Outcome.Served served -> "200";
        };
        String errorType = outcome instanceof Outcome.Failed failed ? failed.type().wireName() : "";
        String model = record.model == null ? "" : record.model;
        responses.labelValues(record.route, model, status, errorType).inc();
        if (!record.messages) {
            return;
        }
        double ttftMs = record.ttftMs();
        if (ttftMs >= 0) {
            ttft.observe(ttftMs / 1000);
        }
        observePositive(prefillSpeed, record.prefillTokensPerSecond());
        observePositive(generationSpeed, record.tokensPerSecond(record.endedNanos));
        long prompt = record.promptSeen();
        if (prompt >= 0) {
            promptTokens.observe(prompt);
        }
        double share = record.contextUse();
        if (share >= 0) {
            contextUse.observe(share);
        }
    }

    private static void observePositive(Histogram histogram, double value) {
        if (value > 0) {
            histogram.observe(value);
        }
    }

    /** The totals the live view shows, read from the same counters {@code /metrics} exposes. */
    Totals totals() {
        long errorCount = 0;
        for (CounterDataPoint count : errors.values()) {
            errorCount += count.getLongValue();
        }
        return new Totals(requests.getLongValue(), errorCount, clientHangups.getLongValue(),
                inputTokens.getLongValue(), outputTokens.getLongValue(), cacheReadTokens.getLongValue());
    }

    record Totals(long requests, long errors, long hangups, long inputTokens, long outputTokens,
                  long cacheReadTokens) {
    }

    public long clientHangups() {
        return clientHangups.getLongValue();
    }

    public long activeExchanges() {
        return (long) activeExchanges.get();
    }

    /** The Prometheus text format (0.0.4). */
    public String prometheus() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    public static String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }
}
