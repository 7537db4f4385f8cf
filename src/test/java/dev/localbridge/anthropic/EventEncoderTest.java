package dev.localbridge.anthropic;

import dev.localbridge.json.JsonValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.localbridge.anthropic.StreamEvent.Delta;
import dev.localbridge.error.ApiException;
import dev.localbridge.error.ErrorType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventEncoderTest {
    /** Rejects duplicate keys, which a lenient reader would silently collapse. */
    private static final ObjectMapper STRICT = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final EventEncoder encoder = new EventEncoder();

    private String encode(StreamEvent event) {
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    private static String sse(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    /** Checks the SSE framing for {@code name} and returns the data parsed strictly. */
    private JsonNode data(StreamEvent event, String name) throws Exception {
        String text = encode(event);
        String prefix = "event: " + name + "\ndata: ";
        assertThat(text).startsWith(prefix).endsWith("\n\n");
        String data = text.substring(prefix.length(), text.length() - 2);
        assertThat(data).doesNotContain("\n");
        JsonNode json = STRICT.readTree(data);
        assertThat(json.path("type").asText()).isEqualTo(name);
        return json;
    }

    @Test
    void message_start_is_an_empty_assistant_message_with_usage() throws Exception {
        StreamEvent event = new StreamEvent.MessageStart("msg_01", "claude-opus-5-5", new Usage(120, 1, 30));

        assertThat(encode(event)).isEqualTo(sse("message_start", """
                {"type":"message_start","message":{"id":"msg_01","type":"message","role":"assistant","content":[],\
                "model":"claude-opus-5-5","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":120,\
                "cache_creation_input_tokens":0,"cache_read_input_tokens":30,"output_tokens":1}}}"""));
        JsonNode json = data(event, "message_start");
        assertThat(json.path("message").path("id").asText()).isEqualTo("msg_01");
        assertThat(json.path("message").path("usage").path("cache_read_input_tokens").asLong()).isEqualTo(30);
    }

    @Test
    void content_block_start_for_text_thinking_and_tool_use() throws Exception {
        assertThat(encode(new StreamEvent.BlockStart(0, new ContentBlock.Text(""))))
                .isEqualTo(sse("content_block_start",
                        "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
        assertThat(encode(new StreamEvent.BlockStart(1, new ContentBlock.Thinking("", ""))))
                .isEqualTo(sse("content_block_start", "{\"type\":\"content_block_start\",\"index\":1,"
                        + "\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}"));
        StreamEvent tool = new StreamEvent.BlockStart(2,
                new ContentBlock.ToolUse("toolu_01", "Read", JsonValue.EMPTY_OBJECT));
        assertThat(encode(tool)).isEqualTo(sse("content_block_start", "{\"type\":\"content_block_start\",\"index\":2,"
                + "\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_01\",\"name\":\"Read\",\"input\":{}}}"));
        assertThat(data(tool, "content_block_start").path("content_block").path("name").asText()).isEqualTo("Read");
    }

    @Test
    void content_block_delta_for_each_delta_type() throws Exception {
        assertThat(encode(new StreamEvent.BlockDelta(0, new Delta.Text("Hi"))))
                .isEqualTo(sse("content_block_delta",
                        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}"));
        assertThat(encode(new StreamEvent.BlockDelta(0, new Delta.Thinking("hmm"))))
                .isEqualTo(sse("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"hmm\"}}"));
        assertThat(encode(new StreamEvent.BlockDelta(0, new Delta.Signature("lb1.abc"))))
                .isEqualTo(sse("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"signature_delta\",\"signature\":\"lb1.abc\"}}"));
        assertThat(encode(new StreamEvent.BlockDelta(3, new Delta.InputJson("{\"path\":"))))
                .isEqualTo(sse("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":3,"
                        + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"path\\\":\"}}"));
        JsonNode json = data(new StreamEvent.BlockDelta(3, new Delta.InputJson("{\"path\":")), "content_block_delta");
        assertThat(json.path("delta").path("partial_json").asText()).isEqualTo("{\"path\":");
    }

    @Test
    void text_with_newlines_and_non_ascii_stays_on_one_data_line_and_round_trips() throws Exception {
        String text = "line one\nline two\r\n\"quoted\" — ünïcödé 🚀";

        JsonNode json = data(new StreamEvent.BlockDelta(0, new Delta.Text(text)), "content_block_delta");

        assertThat(json.path("delta").path("text").asText()).isEqualTo(text);
    }

    @Test
    void content_block_stop_message_stop_and_ping() {
        assertThat(encode(new StreamEvent.BlockStop(4)))
                .isEqualTo(sse("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":4}"));
        assertThat(encode(StreamEvent.MESSAGE_STOP)).isEqualTo(sse("message_stop", "{\"type\":\"message_stop\"}"));
        assertThat(encode(StreamEvent.PING)).isEqualTo(sse("ping", "{\"type\":\"ping\"}"));
    }

    @Test
    void message_delta_carries_stop_reason_null_stop_sequence_and_usage() throws Exception {
        StreamEvent event = new StreamEvent.MessageDelta(StopReason.TOOL_USE, null, new Usage(40, 25, 60));

        assertThat(encode(event)).isEqualTo(sse("message_delta", """
                {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":\
                {"input_tokens":40,"cache_creation_input_tokens":0,"cache_read_input_tokens":60,"output_tokens":25}}"""));
        JsonNode json = data(event, "message_delta");
        assertThat(json.path("delta").get("stop_sequence").isNull()).isTrue();
        assertThat(json.path("usage").path("output_tokens").asLong()).isEqualTo(25);
    }

    @Test
    void message_delta_with_a_stop_sequence_names_it() throws Exception {
        JsonNode json = data(new StreamEvent.MessageDelta(StopReason.STOP_SEQUENCE, "</answer>", Usage.ZERO),
                "message_delta");

        assertThat(json.path("delta").path("stop_reason").asText()).isEqualTo("stop_sequence");
        assertThat(json.path("delta").path("stop_sequence").asText()).isEqualTo("</answer>");
    }

    @Test
    void every_stop_reason_has_its_wire_name() throws Exception {
        for (StopReason reason : StopReason.values()) {
            JsonNode json = data(new StreamEvent.MessageDelta(reason, null, Usage.ZERO), "message_delta");
            assertThat(json.path("delta").path("stop_reason").asText()).isEqualTo(reason.name().toLowerCase());
        }
    }

    @Test
    void an_error_event_carries_the_anthropic_error_object() throws Exception {
        StreamEvent event = new StreamEvent.Error(ApiException.overloaded("Overloaded"));

        assertThat(encode(event)).isEqualTo(sse("error",
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        JsonNode json = data(event, "error");
        assertThat(json.path("error").path("type").asText()).isEqualTo("overloaded_error");
    }

    @Test
    void an_error_event_for_a_context_overflow_keeps_the_compaction_message() throws Exception {
        JsonNode json = data(new StreamEvent.Error(ApiException.promptTooLong(1528, 1024)), "error");

        assertThat(json.path("error").path("type").asText()).isEqualTo(ErrorType.INVALID_REQUEST.wireName());
        assertThat(json.path("error").path("message").asText()).isEqualTo("prompt is too long: 1528 tokens > 1024 maximum");
    }

    @Test
    void an_encoded_event_is_not_overwritten_by_the_next_one() {
        byte[] first = encoder.encode(new StreamEvent.BlockDelta(0, new Delta.Text("first")));
        String before = new String(first, StandardCharsets.UTF_8);
        encoder.encode(new StreamEvent.BlockDelta(0, new Delta.Text("a much longer second text that reuses the buffer")));

        assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo(before).contains("first");
    }
}
