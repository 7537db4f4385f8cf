package dev.localbridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.server.BridgeServer;
import dev.localbridge.testing.BridgeClient;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.Json;
import dev.localbridge.testing.LlamaServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Against real llama-server, on a server of its own (a request it cancels may still be launched there a moment
 * later, which another test's counters would see): a new conversation that fits the slot but not with the minimum
 * output goes to llama-server before it is counted, and the count, arriving meanwhile, makes it a 400 before any
 * byte of the answer; the slot is idle again.
 */
class LlamaServerSpeculativeTest {
    static final int N_CTX = 4096;

    @Test
    void a_new_conversation_too_long_for_its_output_is_a_400_before_any_byte_and_the_slot_is_idle_again()
            throws Exception {
        Path template = Path.of("src/test/resources/templates/chatml-tools.jinja").toAbsolutePath();
        try (LlamaServer llama = LlamaServer.start(N_CTX, 1, "--jinja", "--chat-template-file", template.toString());
             BridgeServer bridge = Bridges.start(llama.url())) {
            BridgeClient viaBridge = new BridgeClient(Bridges.url(bridge));
            BridgeClient direct = new BridgeClient(llama.url());
            // About 3,000 tokens: llama-server can hold it (4096) and starts on it at once, but it leaves less than
            // the minimum output (2048).
            String body = "{\"model\":\"claude-opus-5-5\",\"max_tokens\":32000,\"stream\":true,\"messages\":"
                    + "[{\"role\":\"user\",\"content\":\"" + "word ".repeat(2900) + "\"}]}";

            try (BridgeClient.Stream stream = viaBridge.stream(body)) {
                assertThat(stream.status()).isEqualTo(400);
                assertThat(Json.parse(stream.rawBody()).path("error").path("message").asText())
                        .matches("prompt is too long: \\d+ tokens > 2048 maximum");
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (direct.get("/slots").json().get(0).path("is_processing").asBoolean()
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(direct.get("/slots").json().get(0).path("is_processing").asBoolean()).isFalse();
        }
    }
}
