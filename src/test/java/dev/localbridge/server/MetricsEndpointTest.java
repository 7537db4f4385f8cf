package dev.localbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localbridge.testing.BridgeClient;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.FakeLlamaControl;
import dev.localbridge.testing.Json;
import dev.localbridge.testing.PrometheusText;
import dev.localbridge.testing.PrometheusText.Family;
import dev.localbridge.testing.PrometheusText.Sample;
import dev.localbridge.testing.Script;
import dev.localbridge.testing.ScriptedBackend;
import dev.localbridge.testing.SseEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} scraped after real traffic and read by the Prometheus project's own text-format parser: every
 * metric is there with its type, histograms have sane buckets, and the token counters equal the usage the clients
 * received, summed.
 */
class MetricsEndpointTest {
    static final int N_CTX = 8192;
    static ScriptedBackend backend;
    static BridgeServer bridge;
    static BridgeClient client;

    @BeforeAll
    static void start() {
        backend = new ScriptedBackend().routes(new FakeLlamaControl(N_CTX));
        bridge = Bridges.start(backend.url());
        client = new BridgeClient(Bridges.url(bridge));
    }

    @AfterAll
    static void stop() {
        bridge.close();
        backend.close();
    }

    static String request(String text, boolean stream) {
        return "{\"model\":\"claude-opus-local\",\"max_tokens\":1024,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":" + Json.quote(text) + "}]}";
    }

    static Script answer(int tokens, long prompt, long cached) {
        Script.Builder script = Script.named("answer").role();
        for (int i = 0; i < tokens; i++) {
            script.content(" t" + i).delay(2);
        }
        return script.finish("stop").usage(prompt, tokens, cached).done().build();
    }

    /** Input, output and cache-read tokens, summed over what the clients received. */
    long[] usage = new long[3];

    void add(JsonNode usageNode) {
        usage[0] += usageNode.path("input_tokens").asLong();
        usage[1] += usageNode.path("output_tokens").asLong();
        usage[2] += usageNode.path("cache_read_input_tokens").asLong();
    }

    void traffic() throws InterruptedException {
        backend.enqueue(answer(5, 120, 0));
        add(client.post("/v1/messages", request("hello there", false)).json().path("usage"));
        backend.enqueue(answer(12, 900, 800));
        try (BridgeClient.Stream stream = client.stream(request("word ".repeat(800), true))) {
            List<SseEvent> events = stream.all();
            SseEvent delta = events.stream().filter(e -> e.name().equals("message_delta")).reduce((a, b) -> b)
                    .orElseThrow();
            add(delta.data().path("usage"));
        }
        backend.enqueue(Script.error(500, "{\"error\":{\"code\":500,\"message\":\"boom\",\"type\":\"server_error\"}}"));
        assertThat(client.post("/v1/messages", request("fails", false)).status()).isGreaterThanOrEqualTo(400);
        assertThat(client.post("/v1/messages", request("word ".repeat(7600), false)).status()).isEqualTo(400);
        backend.enqueue(Script.named("endless").role().content("x").content("y").waitForever().build());
        try (BridgeClient.Stream stream = client.stream(request("hang up on me", true))) {
            stream.until(e -> e.name().equals("content_block_delta"));
        }
        // the listener hears the end before the backend sees the cancellation
        assertThat(backend.awaitHangup(5, TimeUnit.SECONDS)).isEqualTo("endless");
    }

    @Test
    void every_metric_is_exposed_parsable_with_sane_histograms_and_token_counters_equal_to_the_clients_usage()
            throws InterruptedException {
        traffic();

        BridgeClient.Response scrape = client.get("/metrics");
        assertThat(scrape.headers().firstValue("content-type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        Map<String, Family> metrics = PrometheusText.parse(scrape.body());

        Map<String, String> types = Map.ofEntries(
                Map.entry("localbridge_requests", "counter"), Map.entry("localbridge_streams", "counter"),
                Map.entry("localbridge_active_exchanges", "gauge"), Map.entry("localbridge_client_hangups", "counter"),
                Map.entry("localbridge_upstream_cancels", "counter"), Map.entry("localbridge_input_tokens", "counter"),
                Map.entry("localbridge_cache_read_tokens", "counter"), Map.entry("localbridge_output_tokens", "counter"),
                Map.entry("localbridge_dropped_reasoning_deltas", "counter"), Map.entry("localbridge_errors", "counter"),
                Map.entry("localbridge_http_requests", "counter"),
                Map.entry("localbridge_recovered_tool_calls", "counter"),
                Map.entry("localbridge_stopped_loops", "counter"),
                Map.entry("localbridge_time_to_first_token_seconds", "histogram"),
                Map.entry("localbridge_token_gap_seconds", "histogram"),
                Map.entry("localbridge_prefill_tokens_per_second", "histogram"),
                Map.entry("localbridge_generation_tokens_per_second", "histogram"),
                Map.entry("localbridge_prompt_tokens", "histogram"),
                Map.entry("localbridge_context_use_ratio", "histogram"),
                Map.entry("localbridge_queue_depth", "gauge"), Map.entry("localbridge_backend_up", "gauge"),
                Map.entry("localbridge_backend_slots", "gauge"), Map.entry("localbridge_backend_context_tokens", "gauge"));
        types.forEach((name, type) -> {
            assertThat(metrics).as(name).containsKey(name);
            assertThat(metrics.get(name).type()).as(name).isEqualTo(type);
            assertThat(metrics.get(name).help()).as(name).isNotBlank();
        });

        assertThat(count(metrics, "localbridge_input_tokens")).isEqualTo(usage[0]);
        assertThat(count(metrics, "localbridge_output_tokens")).isEqualTo(usage[1]);
        assertThat(count(metrics, "localbridge_cache_read_tokens")).isEqualTo(usage[2]);
        assertThat(usage[1]).isEqualTo(5 + 12);
        assertThat(usage[2]).isEqualTo(800);

        assertThat(count(metrics, "localbridge_requests")).isEqualTo(5);
        assertThat(count(metrics, "localbridge_streams")).isEqualTo(2);
        assertThat(count(metrics, "localbridge_client_hangups")).isEqualTo(1);
        assertThat(metrics.get("localbridge_errors").value("localbridge_errors_total",
                Map.of("type", "invalid_request_error"))).isEqualTo(1);
        Family byRoute = metrics.get("localbridge_http_requests");
        assertThat(byRoute.value("localbridge_http_requests_total",
                Map.of("route", "/v1/messages", "model", "fake-model", "status", "200", "error_type", "")))
                .isEqualTo(2);
        assertThat(byRoute.value("localbridge_http_requests_total",
                Map.of("route", "/v1/messages", "model", "fake-model", "status", "499", "error_type", "")))
                .isEqualTo(1);
        assertThat(byRoute.value("localbridge_http_requests_total",
                Map.of("route", "/v1/messages", "model", "", "status", "400", "error_type", "invalid_request_error")))
                .isEqualTo(1);

        String backendUrl = backend.url();
        assertThat(metrics.get("localbridge_backend_up").value("localbridge_backend_up",
                Map.of("backend", backendUrl, "state", "ready"))).isEqualTo(1);
        assertThat(metrics.get("localbridge_backend_context_tokens").value("localbridge_backend_context_tokens",
                Map.of("backend", backendUrl))).isEqualTo(N_CTX);
        assertThat(metrics.get("localbridge_queue_depth").value("localbridge_queue_depth",
                Map.of("backend", backendUrl))).isZero();

        assertSaneHistogram(metrics.get("localbridge_time_to_first_token_seconds"), 3);
        assertSaneHistogram(metrics.get("localbridge_token_gap_seconds"), (5 - 1) + (12 - 1) + (2 - 1));
        // the two answers, and the hung-up stream, which had two tokens
        assertSaneHistogram(metrics.get("localbridge_generation_tokens_per_second"), 3);
        assertSaneHistogram(metrics.get("localbridge_prefill_tokens_per_second"), 2);
        assertSaneHistogram(metrics.get("localbridge_prompt_tokens"), 4);
        assertSaneHistogram(metrics.get("localbridge_context_use_ratio"), 4);
        Family context = metrics.get("localbridge_context_use_ratio");
        assertThat(context.value("localbridge_context_use_ratio_bucket", Map.of("le", "0.1"))).isEqualTo(3);
    }

    static long count(Map<String, Family> metrics, String family) {
        return (long) metrics.get(family).sum(family + "_total");
    }

    /** Ascending bounds ending in +Inf, cumulative counts, +Inf equal to the count, a non-negative sum. */
    static void assertSaneHistogram(Family histogram, long expectedCount) {
        String name = histogram.name();
        List<Sample> buckets = histogram.samples().stream().filter(s -> s.name().equals(name + "_bucket")).toList();
        assertThat(buckets).as(name).hasSizeGreaterThanOrEqualTo(8);
        double previousBound = Double.NEGATIVE_INFINITY;
        double previousCount = 0;
        for (Sample bucket : buckets) {
            double bound = Double.parseDouble(bucket.labels().get("le").replace("+Inf", "Infinity"));
            assertThat(bound).as(name + " bounds ascend").isGreaterThan(previousBound);
            assertThat(bucket.value()).as(name + " counts are cumulative").isGreaterThanOrEqualTo(previousCount);
            previousBound = bound;
            previousCount = bucket.value();
        }
        assertThat(previousBound).as(name).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(histogram.value(name + "_count", Map.of())).as(name + " count").isEqualTo(expectedCount);
        assertThat(previousCount).as(name + " +Inf bucket").isEqualTo(expectedCount);
        assertThat(histogram.value(name + "_sum", Map.of())).as(name + " sum").isGreaterThan(0);
    }
}
