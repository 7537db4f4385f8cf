package dev.localbridge.server;

import static dev.localbridge.server.PoolFailoverTest.await;
import static dev.localbridge.server.PoolFailoverTest.spec;
import static dev.localbridge.server.PoolFailoverTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.config.PoolConfig;
import dev.localbridge.config.ScenarioModels;
import dev.localbridge.testing.BridgeClient;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.Script;
import dev.localbridge.testing.ScriptedBackend;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** When every slot is busy, requests wait in a bounded queue for a bounded time, then get a real HTTP 529. */
class PoolQueueTest {
    static final String STREAM = PoolFailoverTest.STREAM;
    static final String PLAIN = PoolFailoverTest.PLAIN;

    static BridgeServer start(ScriptedBackend backend, int maxWaiting, Duration maxWait) {
        PoolConfig pool = new PoolConfig(List.of(spec("only", backend.url(), 1)), ScenarioModels.NONE, maxWaiting,
                maxWait, Duration.ofMinutes(10));
        return Bridges.start(backend.url(), b -> b.pool(pool));
    }

    static boolean metric(BridgeClient client, String line) {
        return client.get("/metrics").body().lines().anyMatch(line::equals);
    }

    @Test
    void a_request_finding_every_slot_busy_waits_then_gets_529_overloaded_as_a_real_http_error() throws Exception {
        try (ScriptedBackend backend = new ScriptedBackend();
             BridgeServer bridge = start(backend, 8, Duration.ofMillis(1500))) {
            BridgeClient client = new BridgeClient(Bridges.url(bridge));
            backend.enqueue(Script.named("held").head().waitForever().build());
            try (BridgeClient.Stream held = client.stream(STREAM)) {
                assertThat(held.status()).isEqualTo(200);
                CompletableFuture<BridgeClient.Response> waiting = CompletableFuture.supplyAsync(
                        () -> client.post("/v1/messages", STREAM));
                await("one request queued", () -> metric(client, "localbridge_pool_queue_depth 1"));

                BridgeClient.Response refused = waiting.get(20, TimeUnit.SECONDS);

                assertThat(refused.status()).isEqualTo(529);
                assertThat(refused.json().path("error").path("type").asText()).isEqualTo("overloaded_error");
                assertThat(refused.json().path("error").path("message").asText()).contains("1500 ms");
                assertThat(metric(client, "localbridge_pool_queue_depth 0")).isTrue();
                assertThat(metric(client, "localbridge_queue_timeouts_total 1")).isTrue();
                assertThat(backend.receivedSoFar()).hasSize(1);
            }
        }
    }

    @Test
    void a_waiting_request_runs_as_soon_as_a_slot_frees() throws Exception {
        try (ScriptedBackend backend = new ScriptedBackend();
             BridgeServer bridge = start(backend, 8, Duration.ofSeconds(60))) {
            BridgeClient client = new BridgeClient(Bridges.url(bridge));
            backend.enqueue(Script.named("held").head().waitForever().build()).enqueue(Script.text("served"));
            CompletableFuture<BridgeClient.Response> waiting;
            try (BridgeClient.Stream held = client.stream(STREAM)) {
                assertThat(held.status()).isEqualTo(200);
                waiting = CompletableFuture.supplyAsync(() -> client.post("/v1/messages", PLAIN));
                await("one request queued", () -> metric(client, "localbridge_pool_queue_depth 1"));
                assertThat(waiting).isNotDone();
            }
            BridgeClient.Response served = waiting.get(20, TimeUnit.SECONDS);
            assertThat(served.status()).isEqualTo(200);
            assertThat(text(served)).isEqualTo("served");
        }
    }

    @Test
    void a_full_queue_refuses_at_once_with_529() throws Exception {
        try (ScriptedBackend backend = new ScriptedBackend();
             BridgeServer bridge = start(backend, 0, Duration.ofSeconds(60))) {
            BridgeClient client = new BridgeClient(Bridges.url(bridge));
            backend.enqueue(Script.named("held").head().waitForever().build());
            try (BridgeClient.Stream held = client.stream(STREAM)) {
                assertThat(held.status()).isEqualTo(200);
                BridgeClient.Response refused = client.post("/v1/messages", PLAIN);
                assertThat(refused.status()).isEqualTo(529);
                assertThat(refused.json().path("error").path("message").asText()).contains("already waiting");
                assertThat(metric(client, "localbridge_queue_rejections_total 1")).isTrue();
            }
        }
    }

    @Test
    void a_client_hanging_up_while_queued_leaves_the_queue() throws Exception {
        try (ScriptedBackend backend = new ScriptedBackend();
             BridgeServer bridge = start(backend, 8, Duration.ofSeconds(60))) {
            BridgeClient client = new BridgeClient(Bridges.url(bridge));
            backend.enqueue(Script.named("held").head().waitForever().build());
            try (BridgeClient.Stream held = client.stream(STREAM)) {
                assertThat(held.status()).isEqualTo(200);
                java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
                CompletableFuture<?> queued = http.sendAsync(java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create(Bridges.url(bridge) + "/v1/messages"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(PLAIN)).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
                await("one request queued", () -> metric(client, "localbridge_pool_queue_depth 1"));
                queued.cancel(true);
                http.close();
                await("the queue is empty again", () -> metric(client, "localbridge_pool_queue_depth 0"));
            }
            assertThat(backend.receivedSoFar()).hasSize(1);
        }
    }
}
