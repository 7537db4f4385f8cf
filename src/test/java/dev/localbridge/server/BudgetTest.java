package dev.localbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localbridge.testing.BridgeClient;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.FakeLlamaControl;
import dev.localbridge.testing.Json;
import dev.localbridge.testing.Script;
import dev.localbridge.testing.ScriptedBackend;
import dev.localbridge.testing.SseEvent;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The context budget, decided before anything is generated, against a backend that reports n_ctx 8192. */
class BudgetTest {
    static final int N_CTX = 8192;
    static ScriptedBackend backend;
    static FakeLlamaControl control;
    static BridgeServer bridge;
    static BridgeClient client;

    @BeforeAll
    static void start() {
        control = new FakeLlamaControl(N_CTX);
        backend = new ScriptedBackend().routes(control).fallback(body -> Script.text("ok"));
        bridge = Bridges.start(backend.url(), b -> b.outputCeiling(4096).minOutputTokens(1024));
        client = new BridgeClient(Bridges.url(bridge));
    }

    @BeforeEach
    void forgetEarlierRequests() {
        backend.clearRequests();
        control.renderDelay(0);
        backend.fallback(body -> Script.text("ok"));
    }

    @AfterAll
    static void stop() {
        bridge.close();
        backend.close();
    }

    static String request(String userText, int maxTokens, String extra) {
        return "{\"model\":\"claude-opus-5-5\",\"max_tokens\":" + maxTokens + extra
                + ",\"messages\":[{\"role\":\"user\",\"content\":" + Json.quote(userText) + "}]}";
    }

    /** The prompt's exact size as the fake backend renders and tokenizes the bridge's upstream request. */
    static long promptTokensOf(JsonNode upstream) {
        return FakeLlamaControl.tokens(FakeLlamaControl.render(upstream));
    }

    @Test
    void the_backend_context_is_probed_and_reported_in_health() {
        JsonNode health = client.get("/health").json().path("backend");
        assertThat(health.path("kind").asText()).isEqualTo("llama.cpp");
        assertThat(health.path("n_ctx").asInt()).isEqualTo(N_CTX);
        assertThat(health.path("n_ctx_source").asText()).isEqualTo("llama-server /props");
        assertThat(health.path("token_counts").asText()).isEqualTo("exact");
        assertThat(health.path("model").asText()).isEqualTo("fake-model");
    }

    @Test
    void max_tokens_128000_on_a_small_prompt_is_sent_within_the_ceiling() {
        BridgeClient.Response response = client.post("/v1/messages", request("hi", 128000, ""));

        assertThat(response.status()).isEqualTo(200);
        JsonNode upstream = backend.takeRequest();
        assertThat(upstream.path("max_tokens").asInt()).isEqualTo(4096);
    }

    @Test
    void max_tokens_shrinks_to_the_room_the_prompt_leaves() {
        String text = "word ".repeat(5000);
        BridgeClient.Response response = client.post("/v1/messages", request(text, 128000, ""));

        assertThat(response.status()).isEqualTo(200);
        JsonNode upstream = backend.takeRequest();
        long prompt = promptTokensOf(upstream);
        assertThat(upstream.path("max_tokens").asLong()).isEqualTo(N_CTX - prompt).isLessThan(4096);
        assertThat(response.json().path("model").asText()).isEqualTo("claude-opus-5-5");
    }

    @Test
    void an_oversized_prompt_is_prompt_is_too_long_before_the_backend_generates_anything() {
        String text = "word ".repeat(9000);
        try (BridgeClient.Stream stream = client.stream(request(text, 128000, ",\"stream\":true"))) {
            assertThat(stream.status()).isEqualTo(400);
            JsonNode error = Json.parse(stream.rawBody());
            String message = error.path("error").path("message").asText();
            assertThat(message).matches("prompt is too long: \\d+ tokens > 7168 maximum");
            long counted = Long.parseLong(message.replaceAll("prompt is too long: (\\d+) tokens.*", "$1"));
            assertThat(counted).isBetween(9000L, 9100L);
        }
        assertThat(backend.receivedSoFar()).isEmpty();
    }

    @Test
    void message_start_reports_the_counted_prompt_size() {
        try (BridgeClient.Stream stream = client.stream(request("count me", 100, ",\"stream\":true"))) {
            List<SseEvent> events = stream.all();
            long reported = events.getFirst().data().path("message").path("usage").path("input_tokens").asLong();
            assertThat(reported).isEqualTo(promptTokensOf(backend.takeRequest()));
        }
    }

    @Test
    void the_thinking_budget_is_kept_inside_the_output_budget() {
        client.post("/v1/messages", request("think", 128000, ",\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":100000}"));

        JsonNode upstream = backend.takeRequest();
        assertThat(upstream.path("max_tokens").asInt()).isEqualTo(4096);
        assertThat(upstream.path("thinking_budget_tokens").asInt()).isEqualTo(4096 - 1024);
    }

    @Test
    void count_tokens_is_the_backends_exact_count_of_the_translated_request() {
        BridgeClient.Response counted = client.post("/v1/messages/count_tokens", request("how many tokens?", 1, ""));
        client.post("/v1/messages", request("how many tokens?", 1, ""));

        assertThat(counted.headers().firstValue("x-localbridge-token-count")).hasValue("exact");
        assertThat(counted.json().path("input_tokens").asLong()).isEqualTo(promptTokensOf(backend.takeRequest()));
    }

    static String conversation(String system, String... turns) {
        StringBuilder messages = new StringBuilder();
        for (int i = 0; i < turns.length; i++) {
            messages.append(i == 0 ? "" : ",").append("{\"role\":\"").append(i % 2 == 0 ? "user" : "assistant")
                    .append("\",\"content\":").append(Json.quote(turns[i])).append('}');
        }
        return "{\"model\":\"claude-opus-5-5\",\"max_tokens\":128000,\"system\":" + Json.quote(system)
                + ",\"messages\":[" + messages + "]}";
    }

    @Test
    void a_later_turn_with_room_left_goes_out_without_waiting_for_the_exact_count() throws Exception {
        String system = "growing conversation " + System.nanoTime();
        client.post("/v1/messages", conversation(system, "first question"));
        backend.takeRequest();
        control.hold();
        try {
            // The backend renders nothing until released: only a bridge that does not wait can answer.
            BridgeClient.Response response = java.util.concurrent.CompletableFuture.supplyAsync(() -> client.post(
                    "/v1/messages", conversation(system, "first question", "ok", "second " + "word ".repeat(200))))
                    .get(10, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(response.status()).isEqualTo(200);
            JsonNode upstream = backend.takeRequest();
            assertThat(upstream.path("max_tokens").asLong()).isLessThanOrEqualTo(N_CTX - promptTokensOf(upstream));
        } finally {
            control.release();
        }
        awaitNoRenderInFlight();
    }

    @Test
    void a_later_turn_near_the_full_window_waits_for_the_exact_count() {
        String system = "nearly full " + System.nanoTime();
        String first = "word ".repeat(6000);
        client.post("/v1/messages", conversation(system, first));
        backend.takeRequest();

        BridgeClient.Response response = client.post("/v1/messages",
                conversation(system, first, "ok", "word ".repeat(600)));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode upstream = backend.takeRequest();
        // Only the exact count gives this; the bound alone would have left a smaller max_tokens.
        assertThat(upstream.path("max_tokens").asLong()).isEqualTo(N_CTX - promptTokensOf(upstream));
    }

    /** The background count finishes on its own (bounded wait: it is the backend's delay that holds it). */
    static void awaitNoRenderInFlight() {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
        while (control.rendersInFlight() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(control.rendersInFlight()).isZero();
    }
}
