package dev.localbridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localbridge.anthropic.RequestReader;
import dev.localbridge.openai.ChatRequestWriter;
import dev.localbridge.server.BridgeServer;
import dev.localbridge.testing.BridgeClient;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.LlamaServer;
import dev.localbridge.testing.SseEvent;
import dev.localbridge.translate.RequestTranslator;
import dev.localbridge.translate.ThinkingSignatures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bridge in front of a real llama-server (Debian's llama.cpp, tiny random model). */
class LlamaServerEndToEndTest {
    static LlamaServer llama;
    static BridgeServer bridge;
    static BridgeClient viaBridge;
    static BridgeClient direct;

    static final String REQUEST = "{\"model\":\"claude-opus-5-5\",\"max_tokens\":24,\"temperature\":0,\"top_k\":1,"
            + "\"system\":[{\"type\":\"text\",\"text\":\"x-anthropic-billing-header: cc_version=1;\"},"
            + "{\"type\":\"text\",\"text\":\"You are terse.\"}],"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Name three colours.\"}]";

    @BeforeAll
    static void start() throws Exception {
        llama = LlamaServer.start(4096, 1);
        bridge = Bridges.start(llama.url());
        viaBridge = new BridgeClient(Bridges.url(bridge));
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

    /** What llama-server itself answers to the request the bridge sends it (greedy, so deterministic). */
    static JsonNode directAnswer(String anthropicJson) {
        var request = RequestReader.read(anthropicJson.getBytes(StandardCharsets.UTF_8), true);
        var chat = new RequestTranslator(new ThinkingSignatures(Bridges.TEST_KEY))
                .translate(request, request.model(), request.maxTokens());
        String body = new String(ChatRequestWriter.write(chat, false), StandardCharsets.UTF_8);
        BridgeClient.Response response = direct.post("/v1/chat/completions", body);
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    @Test
    void non_streamed_answer_matches_llama_servers_own_text_and_usage() {
        JsonNode own = directAnswer(REQUEST + "}");

        BridgeClient.Response response = viaBridge.post("/v1/messages", REQUEST + "}");

        assertThat(response.status()).isEqualTo(200);
        JsonNode message = response.json();
        assertThat(message.path("content").get(0).path("text").asText())
                .isEqualTo(own.path("choices").get(0).path("message").path("content").asText());
        JsonNode usage = message.path("usage");
        assertThat(usage.path("input_tokens").asLong() + usage.path("cache_read_input_tokens").asLong())
                .isEqualTo(own.path("usage").path("prompt_tokens").asLong());
        assertThat(usage.path("output_tokens").asLong()).isEqualTo(own.path("usage").path("completion_tokens").asLong());
        assertThat(message.path("stop_reason").asText()).isEqualTo("max_tokens");
    }

    @Test
    void streamed_answer_matches_llama_servers_own_text_and_usage() {
        JsonNode own = directAnswer(REQUEST + "}");

        try (BridgeClient.Stream stream = viaBridge.stream(REQUEST + ",\"stream\":true}")) {
            List<SseEvent> events = stream.all();
            StringBuilder text = new StringBuilder();
            for (SseEvent event : events) {
                if (event.name().equals("content_block_delta")) {
                    text.append(event.data().path("delta").path("text").asText());
                }
            }
            assertThat(text.toString()).isEqualTo(own.path("choices").get(0).path("message").path("content").asText());
            assertThat(events.getFirst().name()).isEqualTo("message_start");
            // Sent before it was counted, yet message_start has the exact size: llama-server's first chunk says it.
            assertThat(events.getFirst().data().path("message").path("usage").path("input_tokens").asLong())
                    .isEqualTo(own.path("usage").path("prompt_tokens").asLong());
            assertThat(events.getLast().name()).isEqualTo("message_stop");
            JsonNode usage = events.get(events.size() - 2).data().path("usage");
            assertThat(usage.path("input_tokens").asLong() + usage.path("cache_read_input_tokens").asLong())
                    .isEqualTo(own.path("usage").path("prompt_tokens").asLong());
            assertThat(usage.path("output_tokens").asLong())
                    .isEqualTo(own.path("usage").path("completion_tokens").asLong());
        }
    }

    @Test
    void a_client_hanging_up_mid_stream_leaves_the_slot_idle_within_one_second() throws Exception {
        String longAnswer = "{\"model\":\"claude-opus-5-5\",\"max_tokens\":3500,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Write a very long story.\"}]}";
        try (BridgeClient.Stream stream = viaBridge.stream(longAnswer)) {
            stream.until(e -> e.name().equals("content_block_delta"));
            assertThat(slotsBusy()).isTrue();
        }
        long hungUp = System.nanoTime();
        while (slotsBusy() && System.nanoTime() - hungUp < Duration.ofSeconds(5).toNanos()) {
            Thread.sleep(20);
        }
        Duration idleAfter = Duration.ofNanos(System.nanoTime() - hungUp);
        assertThat(slotsBusy()).isFalse();
        assertThat(idleAfter).isLessThan(Duration.ofSeconds(1));
    }

    static boolean slotsBusy() {
        JsonNode slots = direct.get("/slots").json();
        for (JsonNode slot : slots) {
            if (slot.path("is_processing").asBoolean()) {
                return true;
            }
        }
        return false;
    }

    @Test
    void claude_codes_session_title_request_succeeds_although_this_llama_server_cannot_apply_its_schema()
            throws Exception {
        java.nio.file.Path fixture = dev.localbridge.testing.ExternalTools.shared()
                .resolve("fixtures/claude-code-2.1.328/interactive-title-000.json");
        com.fasterxml.jackson.databind.node.ObjectNode body = (com.fasterxml.jackson.databind.node.ObjectNode)
                dev.localbridge.testing.Json.parse(java.nio.file.Files.readString(fixture)).path("body");
        body.put("stream", false).put("max_tokens", 16);
        String schemaRequest = "{\"model\":\"m\",\"max_tokens\":4,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"o\",\"schema\":"
                + "{\"type\":\"object\"}}}}";
        assertThat(direct.post("/v1/chat/completions", schemaRequest).status())
                .as("this llama-server build rejects schema-constrained output").isEqualTo(400);

        BridgeClient.Response response = viaBridge.post("/v1/messages", body.toString());

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("content").get(0).path("type").asText()).isEqualTo("text");
    }
}
