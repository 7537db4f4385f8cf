package dev.localbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localbridge.testing.BridgeClient;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.Json;
import dev.localbridge.testing.Script;
import dev.localbridge.testing.ScriptedBackend;
import dev.localbridge.testing.SseEvent;
import dev.localbridge.translate.ThinkingSignatures;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MessagesStreamingTest {
    static ScriptedBackend backend;
    static BridgeServer bridge;
    static BridgeClient client;

    @BeforeAll
    static void start() {
        backend = new ScriptedBackend();
        bridge = Bridges.start(backend.url());
        client = new BridgeClient(Bridges.url(bridge));
    }

    @org.junit.jupiter.api.BeforeEach
    void forgetEarlierRequests() {
        backend.clearRequests();
    }

    @AfterAll
    static void stop() {
        bridge.close();
        backend.close();
    }

    static String request(boolean stream, String extra) {
        return "{\"model\":\"claude-opus-5-5\",\"max_tokens\":1000,\"stream\":" + stream + extra
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    static List<String> names(List<SseEvent> events) {
        return events.stream().map(SseEvent::name).filter(n -> !n.equals("ping")).toList();
    }

    @Test
    void streams_reasoning_text_and_parallel_tool_calls_in_the_anthropic_event_grammar() {
        backend.enqueue(Script.named("full").role()
                .reasoning("Let me ").reasoning("think.")
                .content("Writing ").content("two files.")
                .tool(0, "call_a", "Write", "{\"file_path\":\"/tmp/a.txt\",\"content\":\"A\"}", 7)
                .tool(1, "call_b", "Write", "{\"file_path\":\"/tmp/b.txt\",\"content\":\"B\"}", 5)
                .finish("tool_calls").usage(120, 40, 100).done().build());

        try (BridgeClient.Stream stream = client.stream(request(true,
                ",\"thinking\":{\"type\":\"adaptive\"}"))) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.headers().firstValue("content-type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("text/event-stream"));
            List<SseEvent> events = stream.all();
            assertThat(names(events)).containsExactly("message_start",
                    "content_block_start", "content_block_delta", "content_block_delta", "content_block_delta",
                    "content_block_stop",
                    "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
                    // a tool call's arguments arrive whole, as one delta of valid JSON, once the call is complete
                    "content_block_start", "content_block_delta", "content_block_stop",
                    "content_block_start", "content_block_delta", "content_block_stop",
                    "message_delta", "message_stop");
            List<JsonNode> data = events.stream().filter(e -> !e.name().equals("ping")).map(SseEvent::data).toList();
            assertThat(data.get(0).path("message").path("model").asText()).isEqualTo("claude-opus-5-5");
            assertThat(data.get(1).path("content_block").path("type").asText()).isEqualTo("thinking");
            String signature = data.get(4).path("delta").path("signature").asText();
            assertThat(new ThinkingSignatures(Bridges.TEST_KEY).verify("Let me think.", signature)).isTrue();
            assertThat(data.get(6).path("index").asInt()).isEqualTo(1);
            assertThat(data.get(6).path("content_block").path("type").asText()).isEqualTo("text");
            JsonNode firstTool = data.get(10).path("content_block");
            assertThat(firstTool.path("type").asText()).isEqualTo("tool_use");
            assertThat(firstTool.path("id").asText()).startsWith("toolu_");
            assertThat(firstTool.path("name").asText()).isEqualTo("Write");
            assertThat(data.get(10).path("index").asInt()).isEqualTo(2);
            assertThat(data.get(13).path("index").asInt()).isEqualTo(3);
            assertThat(data.get(11).path("delta").path("type").asText()).isEqualTo("input_json_delta");
            assertThat(Json.parse(data.get(11).path("delta").path("partial_json").asText())).isEqualTo(
                    Json.parse("{\"file_path\":\"/tmp/a.txt\",\"content\":\"A\"}"));
            JsonNode delta = data.get(16);
            assertThat(delta.path("delta").path("stop_reason").asText()).isEqualTo("tool_use");
            assertThat(delta.path("usage").path("input_tokens").asLong()).isEqualTo(20);
            assertThat(delta.path("usage").path("cache_read_input_tokens").asLong()).isEqualTo(100);
            assertThat(delta.path("usage").path("output_tokens").asLong()).isEqualTo(40);
        }
        JsonNode upstream = backend.takeRequest();
        assertThat(upstream.path("stream").asBoolean()).isTrue();
        assertThat(upstream.path("stream_options").path("include_usage").asBoolean()).isTrue();
    }

    @Test
    void non_streaming_request_gets_one_message_with_blocks_in_order_thinking_text_tool_use() {
        backend.enqueue(Script.named("full").role()
                .reasoning("hmm")
                .content("Done.")
                .tool(0, "call_a", "Read", "{\"file_path\":\"/x\"}", 4)
                .finish("tool_calls").usage(50, 9, 0).done().build());

        BridgeClient.Response response = client.post("/v1/messages", request(false,
                ",\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":500}"));

        assertThat(response.status()).isEqualTo(200);
        JsonNode message = response.json();
        assertThat(message.path("type").asText()).isEqualTo("message");
        assertThat(message.path("id").asText()).startsWith("msg_");
        assertThat(message.path("model").asText()).isEqualTo("claude-opus-5-5");
        JsonNode content = message.path("content");
        assertThat(content).hasSize(3);
        assertThat(content.get(0).path("type").asText()).isEqualTo("thinking");
        assertThat(content.get(0).path("thinking").asText()).isEqualTo("hmm");
        assertThat(content.get(0).path("signature").asText()).startsWith("lb1.");
        assertThat(content.get(1).path("text").asText()).isEqualTo("Done.");
        assertThat(content.get(2).path("input")).isEqualTo(Json.parse("{\"file_path\":\"/x\"}"));
        assertThat(message.path("stop_reason").asText()).isEqualTo("tool_use");
        assertThat(message.path("usage").path("input_tokens").asLong()).isEqualTo(50);
        assertThat(message.path("usage").path("output_tokens").asLong()).isEqualTo(9);
        JsonNode upstream = backend.takeRequest();
        assertThat(upstream.path("chat_template_kwargs").path("enable_thinking").asBoolean()).isTrue();
        assertThat(upstream.path("thinking_budget_tokens").asInt()).isEqualTo(500);
    }

    @Test
    void stop_sequence_ends_the_message_with_the_matched_sequence_and_cancels_the_backend() throws Exception {
        backend.enqueue(Script.named("stop-seq").role().content("one two ").content("EN").content("D three")
                .waitForever().build());

        BridgeClient.Response response = client.post("/v1/messages", "{\"model\":\"m\",\"max_tokens\":100,"
                + "\"stop_sequences\":[\"END\"],\"messages\":[{\"role\":\"user\",\"content\":\"count\"}]}");

        JsonNode message = response.json();
        assertThat(message.path("content")).as(response.body()).hasSize(1);
        assertThat(message.path("content").get(0).path("text").asText()).isEqualTo("one two ");
        assertThat(message.path("stop_reason").asText()).isEqualTo("stop_sequence");
        assertThat(message.path("stop_sequence").asText()).isEqualTo("END");
        assertThat(backend.awaitHangup(5, TimeUnit.SECONDS)).isEqualTo("stop-seq");
        assertThat(backend.takeRequest().has("stop")).isFalse();
    }

    @Test
    void reasoning_the_request_did_not_ask_for_is_dropped_and_the_backend_is_told_not_to_think() {
        backend.enqueue(Script.named("stray").role().reasoning("secret musing").content("Answer.")
                .finish("stop").usage(5, 3, 0).done().build());

        JsonNode message = client.post("/v1/messages", request(false, "")).json();

        assertThat(message.path("content")).hasSize(1);
        assertThat(message.path("content").get(0).path("text").asText()).isEqualTo("Answer.");
        assertThat(backend.takeRequest().path("chat_template_kwargs").path("enable_thinking").asBoolean()).isFalse();
    }

    @Test
    void whitespace_only_text_before_a_tool_call_produces_no_empty_text_block() {
        backend.enqueue(Script.named("ws").role().content("\n\n").tool(0, "c", "Bash", "{\"command\":\"ls\"}", 50)
                .finish("tool_calls").done().build());

        JsonNode message = client.post("/v1/messages", request(false, "")).json();

        assertThat(message.path("content")).hasSize(1);
        assertThat(message.path("content").get(0).path("type").asText()).isEqualTo("tool_use");
    }

    @Test
    void a_backend_error_inside_the_stream_becomes_an_error_event_after_message_start() {
        backend.enqueue(Script.named("mid-error").role().content("partial")
                .streamError(500, "server_error", "out of memory").build());

        try (BridgeClient.Stream stream = client.stream(request(true, ""))) {
            List<SseEvent> events = stream.all();
            assertThat(events.getFirst().name()).isEqualTo("message_start");
            SseEvent last = events.getLast();
            assertThat(last.name()).isEqualTo("error");
            assertThat(last.data().path("type").asText()).isEqualTo("error");
            assertThat(last.data().path("error").path("type").asText()).isEqualTo("api_error");
            assertThat(last.data().path("error").path("message").asText()).contains("out of memory");
            assertThat(names(events)).doesNotContain("message_stop");
        }
    }
}
