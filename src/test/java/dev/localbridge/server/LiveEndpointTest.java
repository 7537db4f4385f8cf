package dev.localbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localbridge.testing.BridgeClient;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.FakeLlamaControl;
import dev.localbridge.testing.Json;
import dev.localbridge.testing.Script;
import dev.localbridge.testing.ScriptedBackend;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/live} and {@code /api/live/stream} as {@code localbridge top} and the dashboard read them: every field
 * of the contract, a request in flight with its phase, the same auth as the API; and the dashboard's files.
 */
class LiveEndpointTest {
    static final String KEY = "sk-live-test";
    static ScriptedBackend backend;
    static BridgeServer bridge;
    static BridgeServer locked;
    static BridgeClient client;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        backend = new ScriptedBackend().routes(new FakeLlamaControl(8192));
        bridge = Bridges.start(backend.url());
        locked = Bridges.start(backend.url(), b -> b.apiKeys(List.of(KEY)));
        client = new BridgeClient(Bridges.url(bridge));
    }

    @AfterAll
    static void stop() {
        bridge.close();
        locked.close();
        backend.close();
    }

    static String request(boolean stream) {
        return "{\"model\":\"claude-opus-local\",\"max_tokens\":100,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
    }

    @Test
    void the_snapshot_has_every_field_of_the_contract_and_shows_a_request_in_flight_then_ended() throws Exception {
        backend.enqueue(Script.named("slow").role().content("one").content("two").waitForever().build());
        try (BridgeClient.Stream stream = client.stream(request(true))) {
            stream.until(e -> e.name().equals("content_block_delta"));
            JsonNode live = client.get("/api/live").json();

            assertThat(names(live)).containsAll(Set.of("time", "bridge", "totals", "rates", "ttftMs", "cacheHitRate",
                    "active", "recent", "backends"));
            assertThat(names(live.path("bridge"))).containsAll(Set.of("version", "uptimeMs", "outputCeiling"));
            assertThat(live.path("bridge").path("outputCeiling").asInt()).isEqualTo(16384);
            assertThat(names(live.path("totals"))).containsAll(Set.of("requests", "errors", "hangups", "inputTokens",
                    "outputTokens", "cacheReadTokens"));
            assertThat(names(live.path("rates"))).containsAll(Set.of("outputTokensPerSecond", "requestsPerMinute"));
            assertThat(live.path("rates").path("outputTokensPerSecondHistory")).hasSize(60);
            assertThat(names(live.path("ttftMs"))).containsAll(Set.of("p50", "p90"));
            JsonNode active = live.path("active").get(0);
            assertThat(names(active)).containsAll(Set.of("id", "model", "requestedModel", "phase", "promptTokens",
                    "nCtx", "outputTokens", "tokensPerSecond", "ageMs", "stream"));
            assertThat(active.path("phase").asText()).isEqualTo("generating");
            assertThat(active.path("model").asText()).isEqualTo("fake-model");
            assertThat(active.path("requestedModel").asText()).isEqualTo("claude-opus-local");
            assertThat(active.path("nCtx").asInt()).isEqualTo(8192);
            assertThat(active.path("promptTokens").asLong()).isPositive();
            assertThat(active.path("stream").asBoolean()).isTrue();
            JsonNode backendNode = live.path("backends").get(0);
            assertThat(names(backendNode)).containsAll(Set.of("url", "kind", "model", "nCtx", "slots", "state", "healthy"));
            assertThat(backendNode.path("kind").asText()).isEqualTo("llama-server");
            assertThat(backendNode.path("state").asText()).isEqualTo("ready");
            assertThat(backendNode.path("healthy").asBoolean()).isTrue();
        }
        assertThat(backend.awaitHangup(5, TimeUnit.SECONDS)).isEqualTo("slow");

        backend.enqueue(Script.text("done", " here"));
        client.post("/v1/messages", request(false));
        JsonNode live = client.get("/api/live").json();
        JsonNode last = live.path("recent").get(0);
        assertThat(names(last)).containsAll(Set.of("id", "model", "requestedModel", "outcome", "stopReason",
                "errorType", "message", "promptTokens", "nCtx", "cachedTokens", "outputTokens", "ttftMs",
                "tokensPerSecond", "durationMs", "endedAt"));
        assertThat(last.path("outcome").asText()).isEqualTo("completed");
        assertThat(last.path("stopReason").asText()).isEqualTo("end_turn");
        assertThat(last.path("errorType").isNull()).isTrue();
        assertThat(live.path("recent").get(1).path("outcome").asText()).isEqualTo("hung_up");
        assertThat(live.path("totals").path("hangups").asLong()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void the_stream_sends_a_snapshot_at_once_and_then_every_second() throws Exception {
        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(Bridges.url(bridge) + "/api/live/stream")).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            long first = snapshotTime(reader);
            long second = snapshotTime(reader);
            assertThat(second).isGreaterThan(first);
        }
    }

    static long snapshotTime(BufferedReader reader) throws Exception {
        assertThat(reader.readLine()).isEqualTo("event: snapshot");
        String data = reader.readLine();
        assertThat(data).startsWith("data: {");
        assertThat(reader.readLine()).isEmpty();
        return Json.parse(data.substring(6)).path("time").asLong();
    }

    @Test
    void with_api_keys_the_live_data_needs_a_key_and_the_page_itself_holds_none() throws Exception {
        String url = Bridges.url(locked);
        assertThat(get(url + "/api/live", null, null).statusCode()).isEqualTo(401);
        assertThat(get(url + "/api/live/stream", null, null).statusCode()).isEqualTo(401);
        assertThat(get(url + "/api/live", "x-api-key", "wrong").statusCode()).isEqualTo(401);
        assertThat(get(url + "/api/live", "x-api-key", KEY).statusCode()).isEqualTo(200);
        assertThat(get(url + "/api/live", "authorization", "Bearer " + KEY).statusCode()).isEqualTo(200);

        HttpResponse<String> page = get(url + "/dashboard", null, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type").orElseThrow()).startsWith("text/html");
        assertThat(page.headers().firstValue("content-security-policy").orElseThrow()).contains("default-src 'none'");
        assertThat(page.body()).contains("/dashboard/dashboard.js").doesNotContain("fake-model");
        assertThat(get(url + "/", null, null).body()).isEqualTo(page.body());
        assertThat(get(url + "/dashboard/dashboard.js", null, null).headers().firstValue("content-type").orElseThrow())
                .startsWith("text/javascript");
        assertThat(get(url + "/dashboard/dashboard.css", null, null).statusCode()).isEqualTo(200);
    }

    static HttpResponse<String> get(String url, String header, String value) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (header != null) {
            request.header(header, value);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Set<String> names(JsonNode node) {
        java.util.Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
