package dev.localbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localbridge.testing.BridgeClient;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.Script;
import dev.localbridge.testing.ScriptedBackend;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A backend that repeats a paragraph forever is stopped by the bridge, which hangs up on it. */
class LoopStopTest {
    private static final String PARAGRAPH = "Next, we update the configuration so that the service reads the new "
            + "value on start, and then we restart it to apply the change everywhere. ";
    static ScriptedBackend backend;
    static BridgeServer bridge;
    static BridgeClient client;

    @BeforeAll
    static void start() {
        backend = new ScriptedBackend();
        bridge = Bridges.start(backend.url(), b -> b);
        client = new BridgeClient(Bridges.url(bridge));
    }

    @AfterAll
    static void stop() {
        bridge.close();
        backend.close();
    }

    @Test
    void a_paragraph_repeated_forever_ends_the_message_and_cancels_the_backend() throws Exception {
        Script.Builder script = Script.named("loop").role();
        for (int i = 0; i < 200; i++) {
            script.content(PARAGRAPH);
        }
        backend.enqueue(script.waitForever().build());

        JsonNode message = client.post("/v1/messages", "{\"model\":\"m\",\"max_tokens\":4096,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}").json();

        assertThat(message.path("stop_reason").asText()).isEqualTo("end_turn");
        String text = message.path("content").get(0).path("text").asText();
        assertThat(text).endsWith("over and over.]");
        int words = PARAGRAPH.strip().split(" ").length;
        int needed = Math.max(8, (400 + words - 1) / words);
        assertThat(text.split(java.util.regex.Pattern.quote(PARAGRAPH), -1).length - 1).isBetween(needed, needed + 1);
        assertThat(backend.awaitHangup(10, TimeUnit.SECONDS)).isNotNull();
    }
}
