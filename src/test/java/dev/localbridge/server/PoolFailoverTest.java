package dev.localbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.config.BackendKind;
import dev.localbridge.config.BackendSpec;
import dev.localbridge.config.PoolConfig;
import dev.localbridge.config.ScenarioModels;
import dev.localbridge.testing.BridgeClient;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.FakeLlamaControl;
import dev.localbridge.testing.Script;
import dev.localbridge.testing.ScriptedBackend;
import dev.localbridge.testing.SseEvent;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** A pool fails over before the first byte, once per backend, never after it; dead backends leave and rejoin. */
class PoolFailoverTest {
    static final String PLAIN = "{\"model\":\"m\",\"max_tokens\":10,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    static final String STREAM = PLAIN.replace("{\"model\"", "{\"stream\":true,\"model\"");
    static final String LOADING = "{\"error\":{\"code\":503,\"message\":\"Loading model\","
            + "\"type\":\"unavailable_error\"}}";

    static ScriptedBackend backend(String name) {
        ScriptedBackend backend = new ScriptedBackend();
        backend.routes(new FakeLlamaControl(32768)).fallback(body -> Script.text("from " + name));
        return backend;
    }

    static BackendSpec spec(String name, String url, int maxConcurrent, String... models) {
        return new BackendSpec(name, URI.create(url), null, List.of(models), 1, maxConcurrent, BackendKind.AUTO);
    }

    static PoolConfig pool(ScenarioModels scenarios, BackendSpec... specs) {
        return new PoolConfig(List.of(specs), scenarios, 16, Duration.ofSeconds(30), Duration.ofMinutes(10));
    }

    static BridgeServer start(PoolConfig pool) {
        return Bridges.start(pool.primary().url().toString(), b -> b.pool(pool).probeInterval(Duration.ofHours(1)));
    }

    static String text(BridgeClient.Response response) {
        return response.json().path("content").get(0).path("text").asText();
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    static boolean up(BridgeClient client, String name) {
        for (var backend : client.get("/health").json().path("backends")) {
            if (backend.path("name").asText().equals(name)) {
                return backend.path("up").asBoolean();
            }
        }
        throw new AssertionError("no backend " + name + " in /health");
    }

    @Test
    void a_backend_refusing_before_the_first_byte_sends_the_request_to_the_next_and_leaves_the_pool() {
        try (ScriptedBackend a = backend("a"); ScriptedBackend b = backend("b");
             BridgeServer bridge = start(pool(ScenarioModels.NONE, spec("a", a.url(), 0), spec("b", b.url(), 0)))) {
            BridgeClient client = new BridgeClient(Bridges.url(bridge));
            a.enqueue(Script.error(503, LOADING));

            try (BridgeClient.Stream stream = client.stream(STREAM)) {
                assertThat(stream.status()).isEqualTo(200);
                List<SseEvent> events = stream.all();
                assertThat(events).extracting(SseEvent::name).doesNotContain("error").endsWith("message_stop");
                assertThat(events.toString()).contains("from b");
            }
            assertThat(a.receivedSoFar()).hasSize(1);
            assertThat(b.receivedSoFar()).hasSize(1);
            assertThat(client.get("/metrics").body()).contains("localbridge_failovers_total 1");
            assertThat(text(client.post("/v1/messages", PLAIN))).isEqualTo("from b");
        }
    }

    @Test
    void a_backend_that_died_after_its_probe_is_failed_over_without_the_client_seeing_an_error() {
        try (ScriptedBackend b = backend("b")) {
            ScriptedBackend a = backend("a");
            try (BridgeServer bridge = start(pool(ScenarioModels.NONE, spec("a", a.url(), 0), spec("b", b.url(), 0)))) {
                BridgeClient client = new BridgeClient(Bridges.url(bridge));
                a.close();

                BridgeClient.Response response = client.post("/v1/messages", PLAIN);

                assertThat(response.status()).as(response.body()).isEqualTo(200);
                assertThat(text(response)).isEqualTo("from b");
            }
        }
    }

    @Test
    void when_every_backend_fails_before_answering_each_is_tried_once_then_529_overloaded() {
        try (ScriptedBackend a = backend("a"); ScriptedBackend b = backend("b");
             BridgeServer bridge = start(pool(ScenarioModels.NONE, spec("a", a.url(), 0), spec("b", b.url(), 0)))) {
            a.fallback(body -> Script.error(503, LOADING));
            b.fallback(body -> Script.error(502, "{\"error\":\"bad gateway\"}"));

            BridgeClient.Response response = new BridgeClient(Bridges.url(bridge)).post("/v1/messages", PLAIN);

            assertThat(response.status()).isEqualTo(529);
            assertThat(response.json().path("error").path("type").asText()).isEqualTo("overloaded_error");
            assertThat(response.json().path("error").path("message").asText())
                    .contains("every backend failed before answering").contains("a: ").contains("b: ");
            assertThat(a.receivedSoFar()).hasSize(1);
            assertThat(b.receivedSoFar()).hasSize(1);
        }
    }

    @Test
    void an_answer_that_began_is_never_retried_elsewhere_the_client_gets_an_error_event() {
        try (ScriptedBackend a = backend("a"); ScriptedBackend b = backend("b");
             BridgeServer bridge = start(pool(ScenarioModels.NONE, spec("a", a.url(), 0), spec("b", b.url(), 0)))) {
            a.enqueue(Script.named("dies mid-answer").role().content("partial").drop().build());

            try (BridgeClient.Stream stream = new BridgeClient(Bridges.url(bridge)).stream(STREAM)) {
                List<SseEvent> events = stream.all();
                assertThat(events.toString()).contains("partial");
                assertThat(events.getLast().name()).isEqualTo("error");
            }
            assertThat(b.receivedSoFar()).isEmpty();
        }
    }

    @Test
    void a_dead_backend_leaves_the_pool_and_rejoins_when_it_answers_again() throws Exception {
        try (ScriptedBackend b = backend("b")) {
            ScriptedBackend a = backend("a");
            int port = a.port();
            try (BridgeServer bridge = start(pool(ScenarioModels.NONE, spec("a", a.url(), 0), spec("b", b.url(), 0)))) {
                BridgeClient client = new BridgeClient(Bridges.url(bridge));
                assertThat(text(client.post("/v1/messages", PLAIN))).isEqualTo("from a");
                a.close();

                assertThat(text(client.post("/v1/messages", PLAIN))).isEqualTo("from b");
                assertThat(up(client, "a")).isFalse();
                assertThat(text(client.post("/v1/messages", PLAIN.replace("hi", "a new one")))).isEqualTo("from b");

                try (ScriptedBackend revived = new ScriptedBackend(port)) {
                    revived.routes(new FakeLlamaControl(32768)).fallback(body -> Script.text("from a again"));
                    await("a rejoins", () -> up(client, "a"));
                    assertThat(text(client.post("/v1/messages", PLAIN.replace("hi", "another"))))
                            .isEqualTo("from a again");
                }
            }
        }
    }
}
