package dev.localbridge.anthropic;

import dev.localbridge.json.JsonValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localbridge.error.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicJsonTest {
    private static final ObjectMapper STRICT = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private static JsonNode tree(String json) throws Exception {
        return STRICT.readTree(json);
    }

    @Test
    void a_message_has_the_anthropic_shape_with_blocks_in_order() throws Exception {
        MessageResponse message = new MessageResponse("msg_1", "claude-x", List.of(
                new ContentBlock.Thinking("hmm", "lb1.sig"),
                new ContentBlock.Text("Reading."),
                new ContentBlock.ToolUse("toolu_1", "Read", JsonValue.adopt(tree("{\"path\":\"/a\"}")))),
                StopReason.TOOL_USE, null, new Usage(10, 20, 30));

        assertThat(STRICT.readTree(AnthropicJson.message(message))).isEqualTo(tree("""
                {"id":"msg_1","type":"message","role":"assistant","model":"claude-x","content":[
                  {"type":"thinking","thinking":"hmm","signature":"lb1.sig"},
                  {"type":"text","text":"Reading."},
                  {"type":"tool_use","id":"toolu_1","name":"Read","input":{"path":"/a"}}],
                 "stop_reason":"tool_use","stop_sequence":null,
                 "usage":{"input_tokens":10,"cache_creation_input_tokens":0,"cache_read_input_tokens":30,"output_tokens":20}}"""));
    }

    @Test
    void a_message_stopped_by_a_stop_sequence_names_it() throws Exception {
        MessageResponse message = new MessageResponse("msg_1", "m", List.of(new ContentBlock.Text("1, 2")),
                StopReason.STOP_SEQUENCE, ", 3", Usage.ZERO);

        JsonNode json = STRICT.readTree(AnthropicJson.message(message));

        assertThat(json.path("stop_reason").asText()).isEqualTo("stop_sequence");
        assertThat(json.path("stop_sequence").asText()).isEqualTo(", 3");
    }

    @Test
    void an_error_body_has_type_error_the_error_object_and_the_request_id() throws Exception {
        byte[] body = AnthropicJson.error(ApiException.promptTooLong(1528, 1024), "req_1");

        assertThat(STRICT.readTree(body)).isEqualTo(tree("""
                {"type":"error","error":{"type":"invalid_request_error",
                  "message":"prompt is too long: 1528 tokens > 1024 maximum"},"request_id":"req_1"}"""));
    }

    @Test
    void an_error_body_without_a_request_id_omits_it() throws Exception {
        JsonNode json = STRICT.readTree(AnthropicJson.error(ApiException.overloaded("busy"), null));

        assertThat(json.has("request_id")).isFalse();
        assertThat(json.path("error").path("type").asText()).isEqualTo("overloaded_error");
    }

    @Test
    void a_token_count_is_an_input_tokens_object() throws Exception {
        assertThat(STRICT.readTree(AnthropicJson.tokenCount(4321))).isEqualTo(tree("{\"input_tokens\":4321}"));
    }
}
