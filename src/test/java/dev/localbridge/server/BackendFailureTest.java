package dev.localbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.testing.BridgeClient;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.Script;
import dev.localbridge.testing.ScriptedBackend;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Backend errors are translated into Anthropic errors, never passed through, streaming or not. */
class BackendFailureTest {
    static ScriptedBackend backend;
    static BridgeServer bridge;
    static BridgeClient client;
    static final String STREAM = "{\"model\":\"m\",\"max_tokens\":10,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    static final String PLAIN = STREAM.replace("true", "false");

    @BeforeAll
    static void start() {
        backend = new ScriptedBackend();
        bridge = Bridges.start(backend.url());
        client = new BridgeClient(Bridges.url(bridge));
    }

    @AfterAll
    static void stop() {
        bridge.close();
        backend.close();
    }

    @Test
    void llama_servers_context_overflow_becomes_prompt_is_too_long_before_the_stream_begins() {
        backend.enqueue(Script.error(400, "{\"error\":{\"code\":400,\"message\":\"request (1528 tokens) exceeds the"
                + " available context size (1024 tokens), try increasing it\",\"type\":\"exceed_context_size_error\","
                + "\"n_prompt_tokens\":1528,\"n_ctx\":1024}}"));

        try (BridgeClient.Stream stream = client.stream(STREAM)) {
            assertThat(stream.status()).isEqualTo(400);
            String body = stream.rawBody();
            assertThat(body).contains("\"type\":\"invalid_request_error\"")
                    .contains("prompt is too long: 1528 tokens > 1024 maximum");
        }
    }

    @Test
    void a_deterministic_500_from_llama_server_becomes_a_400_that_must_not_be_retried() {
        backend.enqueue(Script.error(500, "{\"error\":{\"code\":500,\"message\":\"Failed to initialize samplers:"
                + " std::exception\",\"type\":\"server_error\"}}"));

        BridgeClient.Response response = client.post("/v1/messages", PLAIN);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(response.json().path("error").path("message").asText()).contains("Failed to initialize samplers");
        assertThat(response.headers().firstValue("x-should-retry")).hasValue("false");
    }

    @Test
    void a_backend_still_loading_its_model_gives_529_overloaded_so_clients_retry() {
        backend.enqueue(Script.error(503, "{\"error\":{\"code\":503,\"message\":\"Loading model\","
                + "\"type\":\"unavailable_error\"}}"));

        BridgeClient.Response response = client.post("/v1/messages", PLAIN);

        assertThat(response.status()).isEqualTo(529);
        assertThat(response.json().path("error").path("type").asText()).isEqualTo("overloaded_error");
        assertThat(response.headers().firstValue("x-should-retry")).hasValue("true");
    }

    @Test
    void an_unreachable_backend_gives_529_overloaded_naming_the_backend() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (BridgeServer orphan = Bridges.start("http://127.0.0.1:" + closedPort)) {
            BridgeClient.Response response = new BridgeClient(Bridges.url(orphan)).post("/v1/messages", STREAM);
            assertThat(response.status()).isEqualTo(529);
            assertThat(response.json().path("error").path("type").asText()).isEqualTo("overloaded_error");
            assertThat(response.json().path("error").path("message").asText())
                    .contains("127.0.0.1:" + closedPort).contains("unreachable");
        }
    }

    @Test
    void a_connection_dropped_mid_stream_ends_with_an_error_event() {
        backend.enqueue(Script.named("drop").role().content("half an ans").drop().build());

        try (BridgeClient.Stream stream = client.stream(STREAM)) {
            var events = stream.all();
            assertThat(events.getFirst().name()).isEqualTo("message_start");
            assertThat(events.getLast().name()).isEqualTo("error");
            assertThat(events.getLast().data().path("error").path("type").asText()).isEqualTo("api_error");
        }
    }

    @Test
    void an_error_after_the_commit_grace_arrives_as_an_error_event_with_its_anthropic_type() {
        backend.enqueue(Script.named("late-503").head().delay(400).streamError(503, "unavailable_error",
                "Loading model").build());

        try (BridgeClient.Stream stream = client.stream(STREAM)) {
            assertThat(stream.status()).isEqualTo(200);
            var events = stream.all();
            assertThat(events.getLast().name()).isEqualTo("error");
            assertThat(events.getLast().data().path("error").path("type").asText()).isEqualTo("overloaded_error");
        }
    }

    @Test
    void a_backend_that_was_down_is_noticed_when_it_comes_back_without_a_restart() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (BridgeServer bridge = Bridges.start("http://127.0.0.1:" + port,
                b -> b.probeInterval(java.time.Duration.ofHours(1)))) {
            BridgeClient client = new BridgeClient(Bridges.url(bridge));
            assertThat(client.get("/health").json().path("backend").path("kind").asText()).isEqualTo("unreachable");
            assertThat(client.post("/v1/messages", PLAIN).status()).isEqualTo(529);

            // Its /props answers from the start: a probe that came before would otherwise take it for another kind.
            try (ScriptedBackend revived = new ScriptedBackend(port, new dev.localbridge.testing.FakeLlamaControl(8192))) {
                revived.enqueue(Script.text("back"));
                BridgeClient.Response first = client.post("/v1/messages", PLAIN);
                // The failed request made the bridge look again; the next one is served (at worst the first).
                BridgeClient.Response answered = first.status() == 200 ? first : client.post("/v1/messages", PLAIN);
                assertThat(answered.status()).isEqualTo(200);
                assertThat(answered.json().path("content").get(0).path("text").asText()).isEqualTo("back");
                awaitBackendKind(client, "llama.cpp");
            }
        }
    }

    /** The monitor re-probes asynchronously after a request; wait (bounded) for /health to show it. */
    static void awaitBackendKind(BridgeClient client, String kind) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline
                && !client.get("/health").json().path("backend").path("kind").asText().equals(kind)) {
            Thread.sleep(20);
        }
        assertThat(client.get("/health").json().path("backend").path("kind").asText()).isEqualTo(kind);
    }

    @Test
    void a_completed_answer_leaves_its_connection_to_the_next_request() {
        try (ScriptedBackend backend = new ScriptedBackend()) {
            backend.fallback(body -> Script.text("ok"));
            try (BridgeServer bridge = Bridges.start(backend.url())) {
                BridgeClient client = new BridgeClient(Bridges.url(bridge));
                for (int i = 0; i < 5; i++) {
                    assertThat(client.post("/v1/messages", PLAIN).status()).isEqualTo(200);
                }
                // Warm: five more answers open no connection of their own.
                int afterFirst = backend.connections();
                for (int i = 0; i < 5; i++) {
                    assertThat(client.post("/v1/messages", PLAIN).status()).isEqualTo(200);
                }
                assertThat(backend.connections()).isEqualTo(afterFirst);
            }
        }
    }

    @Test
    void a_request_resent_after_a_stale_pooled_connection_goes_on_a_new_one_not_another_stale_one() throws Exception {
        try (ScriptedBackend stale = new ScriptedBackend()) {
            stale.fallback(body -> Script.named("slow").role().delay(300).content("ok").finish("stop").done().build());
            try (BridgeServer bridge = Bridges.start(stale.url())) {
                BridgeClient client = new BridgeClient(Bridges.url(bridge));
                // Two requests at once leave two pooled connections behind.
                var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> client.post("/v1/messages", PLAIN));
                var second = java.util.concurrent.CompletableFuture.supplyAsync(() -> client.post("/v1/messages", PLAIN));
                assertThat(first.get(10, java.util.concurrent.TimeUnit.SECONDS).status()).isEqualTo(200);
                assertThat(second.get(10, java.util.concurrent.TimeUnit.SECONDS).status()).isEqualTo(200);
                stale.closeReusedConnections();

                BridgeClient.Response after = client.post("/v1/messages", PLAIN);

                assertThat(after.status()).as(after.body()).isEqualTo(200);
                assertThat(after.json().path("content").get(0).path("text").asText()).isEqualTo("ok");
            }
        }
    }

    @Test
    void a_connection_dropped_before_any_answer_is_resent_once_on_a_new_connection() {
        backend.enqueue(Script.named("stale connection").drop().build()).enqueue(Script.text("second try"));

        BridgeClient.Response response = client.post("/v1/messages", PLAIN);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("content").get(0).path("text").asText()).isEqualTo("second try");
    }

    @Test
    void a_backend_that_drops_the_resent_request_too_gets_an_error_not_a_loop() {
        backend.enqueue(Script.named("drop 1").drop().build()).enqueue(Script.named("drop 2").drop().build());

        BridgeClient.Response response = client.post("/v1/messages", PLAIN);

        assertThat(response.status()).isIn(500, 529);
        assertThat(response.json().path("type").asText()).isEqualTo("error");
    }
}
