package dev.localbridge.observability;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.localbridge.observability.ExchangeListener.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The live state of the bridge for the dashboard and {@code localbridge top}: the messages requests in flight with
 * their phase, the last 50 that ended, rates over the last minute, and the backends. {@link #snapshot} writes the
 * JSON of {@code GET /api/live}; it is built only when someone asks.
 */
public final class LiveView {
    static final int RECENT = 50;
    private static final JsonFactory JSON = new JsonFactory();

    private final Supplier<List<BackendView>> backends;
    private final long startedNanos = System.nanoTime();
    private final ConcurrentHashMap<String, ExchangeRecord> active = new ConcurrentHashMap<>();
    private final ArrayDeque<ExchangeRecord> recent = new ArrayDeque<>(RECENT);
    private final SlidingCounter outputTokens = new SlidingCounter();
    private final SlidingCounter requests = new SlidingCounter();
    private Metrics metrics;

    LiveView(Supplier<List<BackendView>> backends) {
        this.backends = backends;
    }

    void totalsFrom(Metrics source) {
        this.metrics = source;
    }

    void started(ExchangeRecord record) {
        active.put(record.id, record);
    }

    void token(long nowNanos) {
        outputTokens.add(nowNanos, 1);
    }

    void ended(ExchangeRecord record) {
        active.remove(record.id);
        requests.add(record.endedNanos, 1);
        synchronized (recent) {
            if (recent.size() == RECENT) {
                recent.removeLast();
            }
            recent.addFirst(record);
        }
    }

    /** Requests sent to the backend that wait for a slot: those beyond the slots the others hold. */
    long queueDepth() {
        List<BackendView> all = backends.get();
        int slots = all.isEmpty() ? 0 : all.getFirst().slots();
        return Phases.of(List.copyOf(active.values()), slots).queued();
    }

    /** The snapshot of {@code GET /api/live}, as JSON. */
    public byte[] snapshot(String version, int outputCeiling) {
        long now = System.nanoTime();
        List<ExchangeRecord> inFlight = new ArrayList<>(active.values());
        inFlight.sort(Comparator.comparingLong(r -> r.startedNanos));
        List<ExchangeRecord> ended;
        synchronized (recent) {
            ended = List.copyOf(recent);
        }
        List<BackendView> backendList = backends.get();
        int slots = backendList.isEmpty() ? 0 : backendList.getFirst().slots();
        Phases phases = Phases.of(inFlight, slots);
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("time", System.currentTimeMillis());
            json.writeObjectFieldStart("bridge");
            json.writeStringField("version", version);
            json.writeNumberField("uptimeMs", (now - startedNanos) / 1_000_000);
            json.writeNumberField("outputCeiling", outputCeiling);
            json.writeEndObject();
            writeTotals(json);
            writeRates(json, now, inFlight);
            writeActive(json, inFlight, phases, now);
            writeRecent(json, ended);
            writeBackends(json, backendList);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void writeTotals(JsonGenerator json) throws IOException {
        Metrics.Totals totals = metrics.totals();
        json.writeObjectFieldStart("totals");
        json.writeNumberField("requests", totals.requests());
        json.writeNumberField("errors", totals.errors());
        json.writeNumberField("hangups", totals.hangups());
        json.writeNumberField("inputTokens", totals.inputTokens());
        json.writeNumberField("outputTokens", totals.outputTokens());
        json.writeNumberField("cacheReadTokens", totals.cacheReadTokens());
        json.writeEndObject();
        long prompt = totals.inputTokens() + totals.cacheReadTokens();
        json.writeNumberField("cacheHitRate", prompt == 0 ? 0 : (double) totals.cacheReadTokens() / prompt);
    }

    private void writeRates(JsonGenerator json, long now, List<ExchangeRecord> inFlight) throws IOException {
        double live = 0;
        for (ExchangeRecord record : inFlight) {
            live += record.tokensPerSecond(now);
        }
        json.writeObjectFieldStart("rates");
        json.writeNumberField("outputTokensPerSecond", round(outputTokens.sum(now) / (double) SlidingCounter.SECONDS));
        json.writeNumberField("requestsPerMinute", (double) requests.sum(now));
        json.writeNumberField("liveOutputTokensPerSecond", round(live));
        json.writeArrayFieldStart("outputTokensPerSecondHistory");
        for (long count : outputTokens.perSecond(now)) {
            json.writeNumber(count);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeActive(JsonGenerator json, List<ExchangeRecord> inFlight, Phases phases, long now)
            throws IOException {
        json.writeArrayFieldStart("active");
        for (ExchangeRecord record : inFlight) {
            json.writeStartObject();
            json.writeStringField("id", record.id);
            json.writeStringField("model", record.model);
            json.writeStringField("requestedModel", record.requestedModel);
            json.writeStringField("phase", phases.of(record));
            json.writeNumberField("promptTokens", Math.max(0, record.promptTokens));
            json.writeNumberField("nCtx", record.nCtx);
            json.writeNumberField("outputTokens", record.outputSoFar());
            json.writeNumberField("maxTokens", record.maxTokens);
            json.writeNumberField("tokensPerSecond", round(record.tokensPerSecond(now)));
            json.writeNumberField("ttftMs", round(Math.max(0, record.ttftMs())));
            json.writeNumberField("ageMs", (now - record.startedNanos) / 1_000_000);
            json.writeBooleanField("stream", record.stream);
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeRecent(JsonGenerator json, List<ExchangeRecord> ended) throws IOException {
        List<Double> ttfts = new ArrayList<>();
        json.writeArrayFieldStart("recent");
        for (ExchangeRecord record : ended) {
            Outcome outcome = record.outcome;
            json.writeStartObject();
            json.writeStringField("id", record.id);
            json.writeStringField("model", record.model);
            json.writeStringField("requestedModel", record.requestedModel);
            json.writeStringField("outcome", outcomeName(outcome));
            json.writeStringField("stopReason",
                    outcome instanceof Outcome.Completed c ? c.stopReason().wireName() : null);
            json.writeStringField("errorType", outcome instanceof Outcome.Failed f ? f.type().wireName() : null);
            json.writeStringField("message", outcome instanceof Outcome.Failed f ? f.message() : null);
            json.writeNumberField("promptTokens", Math.max(0, record.promptSeen()));
            json.writeNumberField("nCtx", record.nCtx);
            json.writeNumberField("cachedTokens", record.cacheReadTokens);
            json.writeNumberField("outputTokens", record.outputSoFar());
            double ttft = record.ttftMs();
            json.writeNumberField("ttftMs", round(Math.max(0, ttft)));
            json.writeNumberField("tokensPerSecond", round(record.tokensPerSecond(record.endedNanos)));
            json.writeNumberField("durationMs", record.durationMs());
            json.writeNumberField("endedAt", record.endedAtMillis);
            json.writeEndObject();
            if (ttft >= 0) {
                ttfts.add(ttft);
            }
        }
        json.writeEndArray();
        ttfts.sort(null);
        json.writeObjectFieldStart("ttftMs");
        json.writeNumberField("p50", round(percentile(ttfts, 50)));
        json.writeNumberField("p90", round(percentile(ttfts, 90)));
        json.writeEndObject();
    }

    private static void writeBackends(JsonGenerator json, List<BackendView> backendList) throws IOException {
        json.writeArrayFieldStart("backends");
        for (BackendView backend : backendList) {
            json.writeStartObject();
            json.writeStringField("url", backend.url());
            json.writeStringField("kind", backend.kind());
            json.writeStringField("model", backend.model());
            json.writeNumberField("nCtx", backend.nCtx());
            json.writeNumberField("slots", backend.slots());
            json.writeStringField("state", backend.state());
            json.writeBooleanField("healthy", backend.healthy());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    static String outcomeName(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Completed completed -> "completed";
            case Outcome.Served served -> "completed";
            case Outcome.Failed failed -> "failed";
            case Outcome.HungUp hungUp -> "hung_up";
        };
    }

    /** Nearest-rank percentile of sorted values; 0 when there are none. */
    static double percentile(List<Double> sorted, int percent) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
