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

/**
 * The context budget against a backend that reports n_ctx 8192. Counting never holds a request up: it goes to the
 * backend at once and the exact count, arriving while the backend prefills, decides what the client gets (an
 * overflow is still an HTTP 400 before any byte of the answer; an answer is held to exactly the room its prompt
 * leaves).
 */
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
        // A long commit grace: a stream commits when the backend answers, not because a cold JVM counts slowly.
        bridge = Bridges.start(backend.url(), b -> b.outputCeiling(4096).minOutputTokens(1024)
                .commitGrace(java.time.Duration.ofSeconds(2)));
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

    /**
     * A backend that would write far more than any room (distinct words, which no loop detector stops): only the
     * bridge's exact budget can end the answer.
     */
    static Script endless(JsonNode body) {
        Script.Builder script = Script.named("endless").role();
        for (int i = 0; i < 5000; i++) {
            script.content(word(i));
        }
        return script.finish("stop").done().build();
    }

    static String word(int i) {
        return "w" + i + " ";
    }

    @Test
    void the_answer_is_held_to_exactly_the_room_the_prompt_leaves() {
        backend.fallback(BudgetTest::endless);
        BridgeClient.Response response = client.post("/v1/messages", request("word ".repeat(5000), 128000, ""));

        assertThat(response.status()).isEqualTo(200);
        JsonNode upstream = backend.takeRequest();
        long room = N_CTX - promptTokensOf(upstream);
        assertThat(room).isLessThan(4096);
        assertThat(response.json().path("stop_reason").asText()).isEqualTo("max_tokens");
        assertThat(response.json().path("usage").path("output_tokens").asLong()).isEqualTo(room);
        assertThat(response.json().path("content").get(0).path("text").asText().strip())
                .isEqualTo(java.util.stream.IntStream.range(0, (int) room).mapToObj(BudgetTest::word)
                        .collect(java.util.stream.Collectors.joining()).strip());
        assertThat(response.json().path("usage").path("input_tokens").asLong()).isEqualTo(N_CTX - room);
        assertThat(response.json().path("model").asText()).isEqualTo("claude-opus-5-5");
    }

    @Test
    void an_oversized_prompt_is_prompt_is_too_long_before_any_byte_and_its_request_is_cancelled() throws Exception {
        backend.fallback(body -> Script.named("prefilling").waitForever().build());
        String text = "word ".repeat(9000);
        try (BridgeClient.Stream stream = client.stream(request(text, 128000, ",\"stream\":true"))) {
            assertThat(stream.status()).isEqualTo(400);
            JsonNode error = Json.parse(stream.rawBody());
            String message = error.path("error").path("message").asText();
            assertThat(message).matches("prompt is too long: \\d+ tokens > 7168 maximum");
            long counted = Long.parseLong(message.replaceAll("prompt is too long: (\\d+) tokens.*", "$1"));
            assertThat(counted).isBetween(9000L, 9100L);
        }
        // It went to the backend before it was counted, and the bridge took it back as soon as the count said so.
        assertThat(backend.receivedSoFar()).hasSize(1);
        assertThat(backend.awaitHangup(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("prefilling");
    }

    @Test
    void an_oversized_prompt_is_prompt_is_too_long_even_when_the_backend_answered_first() {
        backend.fallback(BudgetTest::endless);
        control.renderDelay(200);
        BridgeClient.Response response = client.post("/v1/messages", request("word ".repeat(9000), 128000, ""));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("error").path("message").asText())
                .matches("prompt is too long: \\d+ tokens > 7168 maximum");
    }

    /** llama-server's first chunk when asked for {@code return_progress}: the prompt's size, as a slot starts on it. */
    static String progressChunk(long total) {
        return "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null},"
                + "\"finish_reason\":null}],\"object\":\"chat.completion.chunk\",\"prompt_progress\":{\"total\":"
                + total + ",\"cache\":0,\"processed\":0,\"time_ms\":0}}\n";
    }

    @Test
    void message_start_reports_the_prompt_size_llama_server_gives_as_it_starts_on_the_request() {
        backend.fallback(body -> Script.named("progress").line(progressChunk(promptTokensOf(body))).delay(50)
                .content("ok").finish("stop").done().build());
        try (BridgeClient.Stream stream = client.stream(request("count me", 100, ",\"stream\":true"))) {
            List<SseEvent> events = stream.all();
            long reported = events.getFirst().data().path("message").path("usage").path("input_tokens").asLong();
            JsonNode upstream = backend.takeRequest();
            assertThat(upstream.path("return_progress").asBoolean()).isTrue();
            assertThat(reported).isEqualTo(promptTokensOf(upstream));
        }
    }

    @Test
    void a_new_conversation_that_fits_is_never_counted_on_the_critical_path() throws Exception {
        control.hold();
        try {
            // The backend counts nothing until released: only a bridge that does not wait can answer.
            BridgeClient.Response response = java.util.concurrent.CompletableFuture.supplyAsync(() -> client.post(
                    "/v1/messages", request("a new conversation " + System.nanoTime(), 128000, "")))
                    .get(10, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(response.status()).isEqualTo(200);
            assertThat(backend.takeRequest().path("max_tokens").asInt()).isEqualTo(4096);
        } finally {
            control.release();
        }
        awaitNoRenderInFlight();
    }

    @Test
    void a_new_conversation_on_a_counted_skeleton_is_bounded_by_that_count_and_goes_out_at_once() throws Exception {
        String system = "a long shared system prompt " + "rule ".repeat(2000) + System.nanoTime();
        int skeletons = skeletonsKnown();
        client.post("/v1/messages", conversation(system, "first session"));
        backend.takeRequest();
        awaitUntil(() -> skeletonsKnown() > skeletons);
        control.hold();
        try {
            // 2,000 system words + 800 new ones: the bytes alone (2 x 14 KB) could not prove it fits 8192 tokens.
            BridgeClient.Response response = java.util.concurrent.CompletableFuture.supplyAsync(() -> client.post(
                    "/v1/messages", conversation(system, "another session " + "word ".repeat(800))))
                    .get(10, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(backend.takeRequest().path("max_tokens").asInt()).isEqualTo(4096);
        } finally {
            control.release();
        }
        awaitNoRenderInFlight();
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

    @Test
    void count_tokens_of_a_request_too_large_for_the_event_loop_is_exact_too() {
        String large = "word ".repeat(60_000);
        BridgeClient.Response counted = client.post("/v1/messages/count_tokens", request(large, 1, ""));

        assertThat(counted.status()).isEqualTo(200);
        assertThat(counted.headers().firstValue("x-localbridge-token-count")).hasValue("exact");
        assertThat(counted.json().path("input_tokens").asLong()).isBetween(60_000L, 60_100L);
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
    void a_later_turn_near_the_full_window_is_held_to_the_exact_room() {
        String system = "nearly full " + System.nanoTime();
        String first = "word ".repeat(6000);
        client.post("/v1/messages", conversation(system, first));
        backend.takeRequest();
        backend.fallback(BudgetTest::endless);

        BridgeClient.Response response = client.post("/v1/messages",
                conversation(system, first, "ok", "word ".repeat(600)));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode upstream = backend.takeRequest();
        // The bound alone would have left less; only the exact count gives this.
        assertThat(response.json().path("usage").path("output_tokens").asLong())
                .isEqualTo(N_CTX - promptTokensOf(upstream));
        assertThat(response.json().path("stop_reason").asText()).isEqualTo("max_tokens");
    }

    static int skeletonsKnown() {
        return client.get("/health").json().path("backends").get(0).path("prompt_sizes_known").path("skeletons")
                .asInt();
    }

    static void awaitUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition reached within 5 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
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
