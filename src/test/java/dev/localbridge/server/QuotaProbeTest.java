package dev.localbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.testing.BridgeClient;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.ScriptedBackend;
import dev.localbridge.testing.SseEvent;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Claude Code's one-token quota probe is answered by the bridge itself: the GPU is not woken for it. */
class QuotaProbeTest {
    static final String PROBE = "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":1,\"stream\":STREAM,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"quota\"}]}";
    static ScriptedBackend backend;
    static BridgeServer bridge;
    static BridgeClient client;

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
    void the_probe_is_answered_without_the_backend_streaming_or_not() {
        BridgeClient.Response plain = client.post("/v1/messages", PROBE.replace("STREAM", "false"));
        try (BridgeClient.Stream stream = client.stream(PROBE.replace("STREAM", "true"))) {
            List<SseEvent> events = stream.all();
            assertThat(events.stream().map(SseEvent::name)).containsExactly("message_start", "content_block_start",
                    "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        }

        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.json().path("stop_reason").asText()).isEqualTo("max_tokens");
        assertThat(plain.json().path("content").get(0).path("text").asText()).isEqualTo("ok");
        assertThat(backend.receivedSoFar()).isEmpty();
    }
}
