package dev.localbridge.server;

import static dev.localbridge.server.PoolFailoverTest.await;
import static dev.localbridge.server.PoolFailoverTest.spec;
import static dev.localbridge.server.PoolFailoverTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.config.BridgeConfig;
import dev.localbridge.config.InboundLimits;
import dev.localbridge.config.PoolConfig;
import dev.localbridge.config.ScenarioModels;
import dev.localbridge.testing.BridgeClient;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.RawHttp;
import dev.localbridge.testing.Script;
import dev.localbridge.testing.ScriptedBackend;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * With two event loops the bridge takes connections on both, in turn, and still behaves as one bridge: its limits,
 * its pool's queue and its counters hold across loops. Each client here has its own connection.
 */
class EventLoopsTest {
    static final String STREAM = PoolFailoverTest.STREAM;
    static final String PLAIN = PoolFailoverTest.PLAIN;

    static BridgeServer start(ScriptedBackend backend, UnaryOperator<BridgeConfig.Builder> settings) {
        return BridgeServer.start(settings.apply(BridgeConfig.builder(URI.create(backend.url()), Bridges.TEST_KEY)
                .port(0)).build(), 2);
    }

    /** A client with a connection of its own. */
    static BridgeClient client(BridgeServer bridge) {
        return new BridgeClient(Bridges.url(bridge));
    }

    @Test
    void two_loops_take_connections_in_turn_on_two_threads() throws Exception {
        try (ScriptedBackend backend = new ScriptedBackend();
             BridgeServer bridge = start(backend, b -> b)) {
            backend.fallback(body -> Script.text("hello"));
            assertThat(bridge.eventLoops()).hasSize(2).doesNotHaveDuplicates();

            for (int i = 0; i < 4; i++) {
                BridgeClient.Response answer = client(bridge).post("/v1/messages", PLAIN);
                assertThat(answer.status()).isEqualTo(200);
                assertThat(text(answer)).isEqualTo("hello");
            }

            assertThat(bridge.acceptedPerLoop()).containsExactly(2, 2);
        }
    }

    @Test
    void the_concurrency_limit_counts_the_requests_of_every_loop() throws Exception {
        try (ScriptedBackend backend = new ScriptedBackend();
             BridgeServer bridge = start(backend, b -> b.inboundLimits(InboundLimits.DEFAULTS.withRequests(2, 1 << 20)))) {
            backend.enqueue(Script.named("first").role().content("a").waitForever().build());
            backend.enqueue(Script.named("second").role().content("b").waitForever().build());
            try (BridgeClient.Stream first = client(bridge).stream(STREAM);
                 BridgeClient.Stream second = client(bridge).stream(STREAM)) {
                first.until(e -> e.name().equals("content_block_delta"));
                second.until(e -> e.name().equals("content_block_delta"));
                assertThat(bridge.acceptedPerLoop()).containsExactly(1, 1);

                BridgeClient.Response third = client(bridge).post("/v1/messages", STREAM);

                assertThat(third.status()).isEqualTo(529);
                assertThat(third.json().path("error").path("type").asText()).isEqualTo("overloaded_error");
            }
        }
    }

    @Test
    void the_connection_limit_counts_the_connections_of_every_loop() throws Exception {
        try (ScriptedBackend backend = new ScriptedBackend();
             BridgeServer bridge = start(backend, b -> b.inboundLimits(InboundLimits.DEFAULTS
                     .withHeaderTimeout(Duration.ofMinutes(5)).withConnections(2, 100)));
             RawHttp first = RawHttp.connect(bridge.port());
             RawHttp second = RawHttp.connect(bridge.port())) {
            await("both connections open", () -> bridge.openConnections() == 2);
            assertThat(bridge.acceptedPerLoop()).containsExactly(1, 1);

            try (RawHttp third = RawHttp.connect(bridge.port())) {
                third.send("GET /api/hello HTTP/1.1\r\nhost: x\r\n\r\n");

                assertThat(third.readUntilClosed(20)).as("refused, with the header timeout at 5 min").isEmpty();
            }
            assertThat(bridge.acceptedPerLoop()).containsExactly(2, 1);
        }
    }

    @Test
    void a_request_queued_on_one_loop_runs_when_a_slot_frees_on_the_other() throws Exception {
        try (ScriptedBackend backend = new ScriptedBackend();
             BridgeServer bridge = start(backend, b -> b.pool(new PoolConfig(List.of(spec("only", backend.url(), 1)),
                     ScenarioModels.NONE, 8, Duration.ofSeconds(60), Duration.ofMinutes(10))))) {
            backend.enqueue(Script.named("held").head().waitForever().build()).enqueue(Script.text("served"));
            BridgeClient watcher;
            CompletableFuture<BridgeClient.Response> waiting;
            try (BridgeClient.Stream held = client(bridge).stream(STREAM)) {
                assertThat(held.status()).isEqualTo(200);
                BridgeClient other = client(bridge);
                waiting = CompletableFuture.supplyAsync(() -> other.post("/v1/messages", PLAIN));
                watcher = client(bridge);
                await("one request queued", () -> PoolQueueTest.metric(watcher, "localbridge_pool_queue_depth 1"));
                assertThat(bridge.acceptedPerLoop()).containsExactly(2, 1);
            }
            BridgeClient.Response served = waiting.get(20, TimeUnit.SECONDS);

            assertThat(served.status()).isEqualTo(200);
            assertThat(text(served)).isEqualTo("served");
        }
    }

    @Test
    void many_streams_over_two_loops_are_all_counted_once() throws Exception {
        int streams = 40;
        try (ScriptedBackend backend = new ScriptedBackend();
             BridgeServer bridge = start(backend, b -> b)) {
            backend.fallback(body -> Script.text("a", "b", "c", "d", "e"));
            List<CompletableFuture<String>> answers = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                BridgeClient own = client(bridge);
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try (BridgeClient.Stream stream = own.stream(STREAM)) {
                        return stream.rawBody();
                    }
                }));
            }
            for (CompletableFuture<String> answer : answers) {
                assertThat(answer.get(60, TimeUnit.SECONDS)).contains("message_stop");
            }
            assertThat(bridge.acceptedPerLoop()).containsExactly(streams / 2, streams / 2);
            BridgeClient watcher = client(bridge);
            await("every exchange ended", () -> bridge.metrics().activeExchanges() == 0);
            String metrics = watcher.get("/metrics").body();
            assertThat(metrics).contains("localbridge_requests_total " + streams + ".0")
                    .contains("localbridge_streams_total " + streams + ".0")
                    .contains("localbridge_output_tokens_total");
        }
    }
}
