package dev.localbridge.openai;

import dev.localbridge.json.JsonValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localbridge.openai.ChatMessage.Part;
import dev.localbridge.openai.ChatRequest.FunctionTool;
import dev.localbridge.openai.ChatRequest.Reasoning;
import dev.localbridge.openai.ChatRequest.ToolChoiceMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatRequestWriterTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static ChatRequest request(List<ChatMessage> messages) {
        return new ChatRequest("local-model", messages, List.of(), null, true, 512, null, null, null, null, null,
                Reasoning.OFF);
    }

    private static ChatRequest hello() {
        return request(List.of(new ChatMessage.User(List.of(new Part.Text("hello")))));
    }

    private static JsonNode written(ChatRequest request) throws Exception {
        return MAPPER.readTree(ChatRequestWriter.write(request));
    }

    private static JsonNode tree(String json) throws Exception {
        return MAPPER.readTree(json);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void a_plain_request_is_streamed_with_usage_and_carries_model_messages_and_max_tokens() throws Exception {
        JsonNode json = written(hello());

        assertThat(json.path("model").asText()).isEqualTo("local-model");
        assertThat(json.path("max_tokens").asInt()).isEqualTo(512);
        assertThat(json.path("stream").booleanValue()).isTrue();
        assertThat(json.path("stream_options")).isEqualTo(tree("{\"include_usage\":true}"));
        assertThat(json.path("messages")).isEqualTo(tree("[{\"role\":\"user\",\"content\":\"hello\"}]"));
    }

    @Test
    void a_non_streaming_body_has_no_stream_options() throws Exception {
        JsonNode json = MAPPER.readTree(ChatRequestWriter.write(hello(), false));

        assertThat(json.path("stream").isBoolean()).isTrue();
        assertThat(json.path("stream").booleanValue()).isFalse();
        assertThat(json.has("stream_options")).isFalse();
    }

    @Test
    void tool_fields_are_absent_without_tools() throws Exception {
        JsonNode json = written(hello());

        assertThat(json.has("tools")).isFalse();
        assertThat(json.has("tool_choice")).isFalse();
        assertThat(json.has("parallel_tool_calls")).isFalse();
    }

    @Test
    void tools_are_written_as_functions_with_tool_choice_and_parallel_tool_calls() throws Exception {
        JsonNode schema = tree("{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},\"required\":[\"path\"]}");
        ChatRequest request = new ChatRequest("m", hello().messages(),
                List.of(new FunctionTool("Read", "Reads a file", JsonValue.adopt(schema))), ToolChoiceMode.REQUIRED, false, 10,
                null, null, null, null, null, Reasoning.OFF);

        JsonNode json = written(request);

        assertThat(json.path("tools")).isEqualTo(tree("""
                [{"type":"function","function":{"name":"Read","description":"Reads a file",
                  "parameters":{"type":"object","properties":{"path":{"type":"string"}},"required":["path"]}}}]"""));
        assertThat(json.path("tool_choice").asText()).isEqualTo("required");
        assertThat(json.path("parallel_tool_calls").isBoolean()).isTrue();
        assertThat(json.path("parallel_tool_calls").booleanValue()).isFalse();
    }

    @Test
    void every_tool_choice_mode_has_its_openai_name() throws Exception {
        for (ToolChoiceMode mode : ToolChoiceMode.values()) {
            ChatRequest request = new ChatRequest("m", hello().messages(),
                    List.of(new FunctionTool("T", "", JsonValue.adopt(tree("{}")))), mode, true, 10, null, null, null, null, null,
                    Reasoning.OFF);
            assertThat(written(request).path("tool_choice").asText()).isEqualTo(mode.name().toLowerCase());
            assertThat(written(request).path("parallel_tool_calls").booleanValue()).isTrue();
        }
    }

    @Test
    void a_system_message_and_a_tool_message_are_written_as_strings() throws Exception {
        JsonNode json = written(request(List.of(
                new ChatMessage.System("Be brief."),
                new ChatMessage.Tool("call_1", "result text"))));

        assertThat(json.path("messages")).isEqualTo(tree("""
                [{"role":"system","content":"Be brief."},
                 {"role":"tool","tool_call_id":"call_1","content":"result text"}]"""));
    }

    @Test
    void text_only_user_content_is_one_string_with_parts_separated_by_blank_lines() throws Exception {
        JsonNode json = written(request(List.of(
                new ChatMessage.User(List.of(new Part.Text("first"), new Part.Text("second"))))));

        assertThat(json.path("messages").get(0).path("content").textValue()).isEqualTo("first\n\nsecond");
    }

    @Test
    void user_content_with_an_image_is_a_parts_array() throws Exception {
        JsonNode json = written(request(List.of(new ChatMessage.User(List.of(
                new Part.Text("what is this?"),
                new Part.ImageUrl("data:image/png;base64,AAAA"))))));

        assertThat(json.path("messages").get(0)).isEqualTo(tree("""
                {"role":"user","content":[
                  {"type":"text","text":"what is this?"},
                  {"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}}]}"""));
    }

    @Test
    void an_assistant_message_with_tool_calls_has_null_content_and_string_arguments() throws Exception {
        JsonNode json = written(request(List.of(new ChatMessage.Assistant(null, null, List.of(
                new ChatMessage.ToolCall("toolu_1", "Read", "{\"path\":\"/a\"}"),
                new ChatMessage.ToolCall("toolu_2", "Bash", "{}"))))));

        JsonNode message = json.path("messages").get(0);
        assertThat(fieldNames(message)).containsExactly("role", "content", "tool_calls");
        assertThat(message.get("content").isNull()).isTrue();
        assertThat(message.path("tool_calls")).isEqualTo(tree("""
                [{"id":"toolu_1","type":"function","function":{"name":"Read","arguments":"{\\"path\\":\\"/a\\"}"}},
                 {"id":"toolu_2","type":"function","function":{"name":"Bash","arguments":"{}"}}]"""));
    }

    @Test
    void an_assistant_message_carries_reasoning_content_and_text() throws Exception {
        JsonNode json = written(request(List.of(new ChatMessage.Assistant("Answer.", "Thought.", List.of()))));

        assertThat(json.path("messages").get(0))
                .isEqualTo(tree("{\"role\":\"assistant\",\"content\":\"Answer.\",\"reasoning_content\":\"Thought.\"}"));
    }

    @Test
    void an_assistant_message_without_reasoning_has_no_reasoning_content_field() throws Exception {
        JsonNode json = written(request(List.of(new ChatMessage.Assistant("Answer.", null, List.of()))));

        assertThat(json.path("messages").get(0)).isEqualTo(tree("{\"role\":\"assistant\",\"content\":\"Answer.\"}"));
    }

    @Test
    void reasoning_off_disables_thinking_in_the_chat_template_and_sends_no_effort_or_budget() throws Exception {
        ChatRequest request = new ChatRequest("m", hello().messages(), List.of(), null, true, 10, null, null, null,
                null, null, new Reasoning(false, ReasoningEffort.HIGH, 2048));

        JsonNode json = written(request);

        assertThat(json.path("chat_template_kwargs")).isEqualTo(tree("{\"enable_thinking\":false}"));
        assertThat(json.has("reasoning_effort")).isFalse();
        assertThat(json.has("thinking_budget_tokens")).isFalse();
    }

    @Test
    void reasoning_on_enables_thinking_with_effort_and_budget() throws Exception {
        ChatRequest request = new ChatRequest("m", hello().messages(), List.of(), null, true, 10, null, null, null,
                null, null, new Reasoning(true, ReasoningEffort.MEDIUM, 2048));

        JsonNode json = written(request);

        assertThat(json.path("chat_template_kwargs")).isEqualTo(tree("{\"enable_thinking\":true}"));
        assertThat(json.path("reasoning_effort").asText()).isEqualTo("medium");
        assertThat(json.path("thinking_budget_tokens").asInt()).isEqualTo(2048);
    }

    @Test
    void reasoning_on_without_effort_or_budget_sends_neither() throws Exception {
        ChatRequest request = new ChatRequest("m", hello().messages(), List.of(), null, true, 10, null, null, null,
                null, null, new Reasoning(true, null, 0));

        JsonNode json = written(request);

        assertThat(json.path("chat_template_kwargs").path("enable_thinking").booleanValue()).isTrue();
        assertThat(json.has("reasoning_effort")).isFalse();
        assertThat(json.has("thinking_budget_tokens")).isFalse();
    }

    @Test
    void sampling_fields_and_user_are_written_only_when_set() throws Exception {
        ChatRequest request = new ChatRequest("m", hello().messages(), List.of(), null, true, 10, 0.5, 0.9, 40,
                "user-1", null, Reasoning.OFF);

        JsonNode json = written(request);
        JsonNode plain = written(hello());

        assertThat(json.path("temperature").asDouble()).isEqualTo(0.5);
        assertThat(json.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(json.path("top_k").asInt()).isEqualTo(40);
        assertThat(json.path("user").asText()).isEqualTo("user-1");
        assertThat(plain.has("temperature") || plain.has("top_p") || plain.has("top_k") || plain.has("user")).isFalse();
    }

    @Test
    void a_response_schema_becomes_a_strict_json_schema_response_format() throws Exception {
        JsonNode schema = tree("{\"type\":\"object\",\"properties\":{\"title\":{\"type\":\"string\"}},\"required\":[\"title\"]}");
        ChatRequest request = new ChatRequest("m", hello().messages(), List.of(), null, true, 10, null, null, null,
                null, JsonValue.adopt(schema), Reasoning.OFF);

        JsonNode json = written(request);

        assertThat(json.path("response_format")).isEqualTo(tree("""
                {"type":"json_schema","json_schema":{"name":"output","strict":true,
                  "schema":{"type":"object","properties":{"title":{"type":"string"}},"required":["title"]}}}"""));
        assertThat(written(hello()).has("response_format")).isFalse();
    }

    @Test
    void text_with_quotes_newlines_and_unicode_round_trips() throws Exception {
        String text = "line \"one\"\n\ttab \\ backslash — ünïcödé 🚀 \u0001";
        JsonNode json = written(request(List.of(new ChatMessage.User(List.of(new Part.Text(text))))));

        assertThat(json.path("messages").get(0).path("content").textValue()).isEqualTo(text);
    }
}
