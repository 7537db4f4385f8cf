package dev.localbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localbridge.testing.BridgeClient;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.Script;
import dev.localbridge.testing.ScriptedBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Structured output on a backend whose grammar sampler fails, as Claude Code's title request meets it. */
class StructuredOutputFallbackTest {
    static final String SAMPLER_FAILURE = "{\"error\":{\"code\":400,\"message\":\"Failed to initialize samplers:"
            + " std::exception\",\"type\":\"invalid_request_error\"}}";
    static final String TITLE_REQUEST = "{\"model\":\"claude-opus-5-5\",\"max_tokens\":100,\"stream\":STREAM,"
            + "\"system\":\"You are naming a coding session.\",\"messages\":[{\"role\":\"user\",\"content\":"
            + "\"list the files here\"}],\"output_config\":{\"format\":{\"type\":\"json_schema\",\"schema\":"
            + "{\"type\":\"object\",\"properties\":{\"title\":{\"type\":\"string\"}},\"required\":[\"title\"]}}}}";
    static ScriptedBackend backend;
    static BridgeServer bridge;
    static BridgeClient client;

    @BeforeAll
    static void start() {
        backend = new ScriptedBackend();
        bridge = Bridges.start(backend.url());
        client = new BridgeClient(Bridges.url(bridge));
    }

    @BeforeEach
    void forgetEarlierRequests() {
        backend.clearRequests();
    }

    @AfterAll
    static void stop() {
        bridge.close();
        backend.close();
    }

    @Test
    void a_grammar_failure_is_retried_once_with_the_schema_in_the_prompt() {
        backend.enqueue(Script.error(400, SAMPLER_FAILURE)).enqueue(Script.text("{\"title\": \"File listing\"}"));

        BridgeClient.Response response = client.post("/v1/messages", TITLE_REQUEST.replace("STREAM", "false"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("content").get(0).path("text").asText()).isEqualTo("{\"title\": \"File listing\"}");
        JsonNode first = backend.takeRequest();
        JsonNode retry = backend.takeRequest();
        assertThat(first.has("response_format")).isTrue();
        assertThat(retry.has("response_format")).isFalse();
        String system = retry.path("messages").get(0).path("content").asText();
        assertThat(system).startsWith("You are naming a coding session.").contains("JSON Schema")
                .contains("\"required\":[\"title\"]");
    }

    @Test
    void a_streaming_request_is_retried_before_anything_was_streamed() {
        backend.enqueue(Script.error(400, SAMPLER_FAILURE)).enqueue(Script.text("{\"title\": \"Files\"}"));

        try (BridgeClient.Stream stream = client.stream(TITLE_REQUEST.replace("STREAM", "true"))) {
            assertThat(stream.status()).isEqualTo(200);
            var events = stream.all();
            assertThat(events.getLast().name()).isEqualTo("message_stop");
            assertThat(events).anySatisfy(e -> assertThat(e.data().path("delta").path("text").asText())
                    .isEqualTo("{\"title\": \"Files\"}"));
        }
    }

    @Test
    void a_request_without_a_schema_is_not_retried() {
        backend.enqueue(Script.error(400, SAMPLER_FAILURE));

        BridgeClient.Response response = client.post("/v1/messages", "{\"model\":\"m\",\"max_tokens\":10,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("error").path("message").asText()).contains("Failed to initialize samplers");
        assertThat(backend.receivedSoFar()).hasSize(1);
    }
}
