package dev.localbridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localbridge.server.BridgeServer;
import dev.localbridge.testing.BridgeClient;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.ExternalTools;
import dev.localbridge.testing.Json;
import dev.localbridge.testing.LlamaServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The context budget against real llama-server: a 4096-token slot with a tool-capable chat template. */
class LlamaServerBudgetTest {
    static final int N_CTX = 4096;
    static LlamaServer llama;
    static BridgeServer bridge;
    static BridgeClient viaBridge;
    static BridgeClient direct;

    @BeforeAll
    static void start() throws Exception {
        Path template = Path.of("src/test/resources/templates/chatml-tools.jinja").toAbsolutePath();
        llama = LlamaServer.start(N_CTX, 1, "--jinja", "--chat-template-file", template.toString(), "--metrics");
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

    static String fixtureBody(String name) throws Exception {
        Path file = ExternalTools.shared().resolve("fixtures/claude-code-2.1.328/" + name + ".json");
        return Json.parse(Files.readString(file)).path("body").toString();
    }

    static long llamaServersOwnCount(String body) {
        BridgeClient.Response own = direct.post("/v1/messages/count_tokens", body);
        assertThat(own.status()).isEqualTo(200);
        return own.json().path("input_tokens").asLong();
    }

    static long bridgeCount(String body) {
        BridgeClient.Response counted = viaBridge.post("/v1/messages/count_tokens", body);
        assertThat(counted.status()).as(counted.body()).isEqualTo(200);
        assertThat(counted.headers().firstValue("x-localbridge-token-count")).hasValue("exact");
        return counted.json().path("input_tokens").asLong();
    }

    @Test
    void the_bridge_reads_the_slot_context_and_the_templates_tool_support() {
        JsonNode backend = viaBridge.get("/health").json().path("backend");
        assertThat(backend.path("n_ctx").asInt()).isEqualTo(N_CTX);
        assertThat(backend.path("capabilities").path("tools").asBoolean()).isTrue();
    }

    @Test
    void count_tokens_of_a_small_request_matches_llama_servers_own_count() {
        String body = "{\"model\":\"claude-opus-5-5\",\"system\":\"You are terse.\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"What is the capital of France?\"}],\"tools\":[{\"name\":\"lookup\",\"description\":"
                + "\"Look a fact up\",\"input_schema\":{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}}}}]}";

        long own = llamaServersOwnCount(body);
        long ours = bridgeCount(body);

        assertThat((double) ours).isCloseTo(own, within(own * 0.01));
    }

    @Test
    void count_tokens_of_a_full_claude_code_request_with_12_tools_matches_llama_servers_own_count() throws Exception {
        String body = fixtureBody("single-turn-000");
        assertThat(Json.parse(body).path("tools").size()).isEqualTo(12);

        long own = llamaServersOwnCount(body);
        long ours = bridgeCount(body);

        assertThat(own).isGreaterThan(10_000);
        assertThat((double) ours).isCloseTo(own, within(own * 0.01));
    }

    @Test
    void a_request_larger_than_the_slot_is_prompt_is_too_long_and_llama_server_never_generates() throws Exception {
        String body = fixtureBody("tool-loop-001");
        long own = llamaServersOwnCount(body);
        String before = promptTokensProcessed();

        BridgeClient.Response response = viaBridge.post("/v1/messages", body.replace("\"stream\":true", "\"stream\":false"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("error").path("type").asText()).isEqualTo("invalid_request_error");
        Matcher m = Pattern.compile("prompt is too long: (\\d+) tokens > (\\d+) maximum")
                .matcher(response.json().path("error").path("message").asText());
        assertThat(m.matches()).isTrue();
        assertThat((double) Long.parseLong(m.group(1))).isCloseTo(own, within(own * 0.01));
        assertThat(Long.parseLong(m.group(2))).isLessThanOrEqualTo(N_CTX);
        assertThat(promptTokensProcessed()).isEqualTo(before);
        assertThat(awaitIdleSlot()).isTrue();
    }

    @Test
    void max_tokens_128000_on_a_small_prompt_succeeds_within_the_ceiling_and_the_room_left() {
        String body = "{\"model\":\"claude-opus-5-5\",\"max_tokens\":128000,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hello\"}]}";
        long prompt = bridgeCount(body);

        BridgeClient.Response response = viaBridge.post("/v1/messages", body);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        // Sent before it was counted, with the requested output within the ceiling: llama-server itself ends the
        // answer where the slot is full, exactly where the bridge's own budget would.
        long sentMaxTokens = direct.get("/slots").json().get(0).path("params").path("n_predict").asLong();
        assertThat(sentMaxTokens).isEqualTo(16384);
        long output = response.json().path("usage").path("output_tokens").asLong();
        assertThat(output).isPositive().isLessThanOrEqualTo(N_CTX - prompt);
        if (response.json().path("stop_reason").asText().equals("max_tokens")) {
            assertThat(output).isEqualTo(N_CTX - prompt);
        }
    }

    /** Whether llama-server's slot is idle, waiting at most 5 s for a cancelled or refused request to leave it. */
    static boolean awaitIdleSlot() {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
        while (direct.get("/slots").json().get(0).path("is_processing").asBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }

    /** llama-server's own counter of prompt tokens it has processed (needs --metrics). */
    static String promptTokensProcessed() {
        for (String line : direct.get("/metrics").body().split("\n")) {
            if (line.startsWith("llamacpp:prompt_tokens_total")) {
                return line;
            }
        }
        throw new AssertionError("llama-server /metrics has no llamacpp:prompt_tokens_total");
    }
}
