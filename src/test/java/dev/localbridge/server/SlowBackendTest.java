package dev.localbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.testing.BridgeClient;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.Script;
import dev.localbridge.testing.ScriptedBackend;
import dev.localbridge.testing.SseEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Prefill of a long prompt takes seconds: the client must hear from the bridge at once, and keep hearing. */
class SlowBackendTest {
    static ScriptedBackend backend;
    static BridgeServer bridge;
    static BridgeClient client;
    static final String STREAM = "{\"model\":\"m\",\"max_tokens\":10,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @BeforeAll
    static void start() {
        backend = new ScriptedBackend();
        bridge = Bridges.start(backend.url(), b -> b.pingInterval(Duration.ofMillis(1000)));
        client = new BridgeClient(Bridges.url(bridge));
    }

    @AfterAll
    static void stop() {
        bridge.close();
        backend.close();
    }

    @Test
    void message_start_arrives_within_half_a_second_and_pings_flow_while_the_backend_takes_3_seconds() {
        backend.enqueue(Script.named("slow").delay(3000).role().content("finally").finish("stop")
                .usage(3, 1, 0).done().build());

        try (BridgeClient.Stream stream = client.stream(STREAM)) {
            List<SseEvent> events = stream.all();
            SseEvent start = events.getFirst();
            assertThat(start.name()).isEqualTo("message_start");
            assertThat(Duration.ofNanos(start.arrivedNanos() - stream.startedNanos)).isLessThan(Duration.ofMillis(500));
            SseEvent firstContent = events.stream().filter(e -> e.name().equals("content_block_start"))
                    .findFirst().orElseThrow();
            assertThat(Duration.ofNanos(firstContent.arrivedNanos() - stream.startedNanos))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(2900));
            List<SseEvent> pingsWhileWaiting = events.stream()
                    .filter(e -> e.name().equals("ping") && e.arrivedNanos() < firstContent.arrivedNanos()).toList();
            assertThat(pingsWhileWaiting).hasSizeGreaterThanOrEqualTo(3);
            assertThat(events.getLast().name()).isEqualTo("message_stop");
        }
    }

    @Test
    void a_client_hanging_up_mid_stream_cancels_the_upstream_request_at_once() throws Exception {
        backend.enqueue(Script.named("endless").role().content("tok ").content("tok ").waitForever().build());
        long hangupsBefore = bridge.metrics().clientHangups();

        try (BridgeClient.Stream stream = client.stream(STREAM)) {
            stream.until(e -> e.name().equals("content_block_delta"));
        }

        assertThat(backend.awaitHangup(2, TimeUnit.SECONDS)).isEqualTo("endless");
        assertThat(bridge.metrics().clientHangups()).isEqualTo(hangupsBefore + 1);
    }

    @Test
    void a_client_hanging_up_during_prefill_cancels_the_upstream_request_too() throws Exception {
        backend.enqueue(Script.named("prefill").head().waitForever().build());

        try (BridgeClient.Stream stream = client.stream(STREAM)) {
            stream.until(e -> e.name().equals("message_start"));
        }

        assertThat(backend.awaitHangup(2, TimeUnit.SECONDS)).isEqualTo("prefill");
    }
}
