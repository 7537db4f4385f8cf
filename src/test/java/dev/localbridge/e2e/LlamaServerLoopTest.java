package dev.localbridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localbridge.server.BridgeServer;
import dev.localbridge.testing.BridgeClient;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.LlamaServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real llama-server with the tiny random-weights model, which under greedy decoding falls into repeating a
 * few words: the bridge stops the generation well before {@code max_tokens}, and the slot is idle at once.
 */
class LlamaServerLoopTest {
    static final String NOTE_END = "over and over.]";
    static LlamaServer llama;
    static BridgeServer bridge;
    static BridgeClient direct;

    @BeforeAll
    static void start() throws Exception {
        llama = LlamaServer.start(4096, 1);
        bridge = Bridges.start(llama.url());
        direct = new BridgeClient(llama.url());
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
        if (llama != null) {
            llama.close();
        }
    }

    @Test
    void a_looping_generation_is_stopped_before_max_tokens_and_leaves_the_slot_idle() throws Exception {
        BridgeClient viaBridge = new BridgeClient(Bridges.url(bridge));

        JsonNode message = viaBridge.post("/v1/messages", "{\"model\":\"m\",\"max_tokens\":3500,\"temperature\":0,"
                + "\"top_k\":1,\"messages\":[{\"role\":\"user\",\"content\":\"Write a very long story.\"}]}").json();
        long answered = System.nanoTime();

        assertThat(message.path("stop_reason").asText()).isEqualTo("end_turn");
        JsonNode content = message.path("content");
        assertThat(content.get(content.size() - 1).path("text").asText()).endsWith(NOTE_END);
        assertThat(message.path("usage").path("output_tokens").asLong()).isLessThan(3500);
        while (slotsBusy() && System.nanoTime() - answered < Duration.ofSeconds(5).toNanos()) {
            Thread.onSpinWait();
        }
        assertThat(slotsBusy()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - answered)).isLessThan(Duration.ofSeconds(1));
    }

    static boolean slotsBusy() {
        for (JsonNode slot : direct.get("/slots").json()) {
            if (slot.path("is_processing").asBoolean()) {
                return true;
            }
        }
        return false;
    }
}
