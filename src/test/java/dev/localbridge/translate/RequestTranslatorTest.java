package dev.localbridge.translate;

import dev.localbridge.json.JsonValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localbridge.anthropic.MessagesRequest;
import dev.localbridge.anthropic.RequestReader;
import dev.localbridge.error.ApiException;
import dev.localbridge.error.ErrorType;
import dev.localbridge.openai.ChatMessage;
import dev.localbridge.openai.ChatMessage.Part;
import dev.localbridge.openai.ChatRequest;
import dev.localbridge.openai.ReasoningEffort;
import dev.localbridge.openai.ChatRequest.Reasoning;
import dev.localbridge.openai.ChatRequest.ToolChoiceMode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestTranslatorTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ThinkingSignatures SIGNATURES = new ThinkingSignatures(key((byte) 7));
    private final RequestTranslator translator = new RequestTranslator(SIGNATURES);

    static byte[] key(byte fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, fill);
        return key;
    }

    private static MessagesRequest request(String json) {
        return RequestReader.read(json.getBytes(StandardCharsets.UTF_8), true);
    }

    private ChatRequest translate(String json) {
        return translator.translate(request(json), "backend-model", 1000);
    }

    /** A request whose {@code messages} array is the given JSON, plus extra top-level fields (may be empty). */
    private ChatRequest translateMessages(String messagesJson, String extraFields) {
        return translate("{\"model\":\"claude-x\",\"max_tokens\":2000," + extraFields
                + (extraFields.isEmpty() ? "" : ",") + "\"messages\":" + messagesJson + "}");
    }

    private ChatRequest translateMessages(String messagesJson) {
        return translateMessages(messagesJson, "");
    }

    private ChatRequest translateFields(String extraFields) {
        return translateMessages("[{\"role\":\"user\",\"content\":\"hi\"}]", extraFields);
    }

    private static final String TOOLS = """
            "tools":[
              {"name":"Read","description":"Reads","input_schema":{"type":"object","properties":{"path":{"type":"string"}}}},
              {"name":"Bash","description":"Runs","input_schema":{"type":"object"}}]""";

    private static ChatMessage.User user(String... texts) {
        return new ChatMessage.User(Arrays.stream(texts).<Part>map(Part.Text::new).toList());
    }

    private static List<String> roles(ChatRequest request) {
        return request.messages().stream().map(m -> switch (m) {
            case ChatMessage.System ignored -> "system";
            case ChatMessage.User ignored -> "user";
            case ChatMessage.Assistant ignored -> "assistant";
            case ChatMessage.Tool ignored -> "tool";
        }).toList();
    }

    @Nested
    class SystemPrompt {
        @Test
        void system_blocks_join_with_newlines_and_the_billing_header_block_is_dropped() {
            ChatRequest out = translateMessages("[{\"role\":\"user\",\"content\":\"hi\"}]", """
                    "system":[{"type":"text","text":"x-anthropic-billing-header: cc_version=2.1.328.384; cc_entrypoint=cli;"},
                              {"type":"text","text":"You are Claude Code."},
                              {"type":"text","text":"Be careful."}]""");

            assertThat(out.messages()).containsExactly(
                    new ChatMessage.System("You are Claude Code.\nBe careful."),
                    user("hi"));
        }

        @Test
        void a_system_string_is_the_system_message() {
            ChatRequest out = translateMessages("[{\"role\":\"user\",\"content\":\"hi\"}]", "\"system\":\"Be brief.\"");

            assertThat(out.messages().getFirst()).isEqualTo(new ChatMessage.System("Be brief."));
        }

        @Test
        void no_system_prompt_means_no_system_message() {
            ChatRequest out = translateMessages("[{\"role\":\"user\",\"content\":\"hi\"}]",
                    "\"system\":[{\"type\":\"text\",\"text\":\"x-anthropic-billing-header: cch=1;\"}]");

            assertThat(out.messages()).containsExactly(user("hi"));
        }

        @Test
        void leading_system_messages_join_the_system_prompt() {
            ChatRequest out = translateMessages("""
                    [{"role":"system","content":"Today is Monday."},
                     {"role":"system","content":[{"type":"text","text":"Use tabs."}]},
                     {"role":"user","content":"hi"}]""", "\"system\":\"Base prompt.\"");

            assertThat(out.messages()).containsExactly(
                    new ChatMessage.System("Base prompt.\nToday is Monday.\nUse tabs."),
                    user("hi"));
        }

        @Test
        void a_system_message_after_an_assistant_turn_becomes_a_reminder_in_the_next_user_turn() {
            ChatRequest out = translateMessages("""
                    [{"role":"user","content":"first"},
                     {"role":"assistant","content":"answer"},
                     {"role":"system","content":"The date changed."},
                     {"role":"user","content":"second"}]""", "\"system\":\"Base.\"");

            assertThat(out.messages()).containsExactly(
                    new ChatMessage.System("Base."),
                    user("first"),
                    new ChatMessage.Assistant("answer", null, List.of()),
                    user("<system-reminder>\nThe date changed.\n</system-reminder>", "second"));
        }

        @Test
        void a_system_message_after_a_user_turn_merges_into_that_turn() {
            ChatRequest out = translateMessages("""
                    [{"role":"user","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]},
                     {"role":"system","content":[{"type":"text","text":"env info"}]}]""");

            assertThat(out.messages()).containsExactly(
                    user("a", "b", "<system-reminder>\nenv info\n</system-reminder>"));
        }

        @Test
        void mid_conversation_system_messages_keep_user_and_assistant_alternating() {
            ChatRequest out = translateMessages("""
                    [{"role":"user","content":"q1"},
                     {"role":"system","content":"s1"},
                     {"role":"assistant","content":"a1"},
                     {"role":"system","content":"s2"},
                     {"role":"assistant","content":"a2"},
                     {"role":"user","content":"q2"},
                     {"role":"system","content":"s3"}]""", "\"system\":\"Base.\"");

            assertThat(roles(out)).containsExactly("system", "user", "assistant", "user", "assistant", "user");
            assertThat(out.messages().get(3)).isEqualTo(user("<system-reminder>\ns2\n</system-reminder>"));
            assertThat(out.messages().get(5)).isEqualTo(user("q2", "<system-reminder>\ns3\n</system-reminder>"));
        }

        @Test
        void consecutive_user_messages_merge_into_one_turn() {
            ChatRequest out = translateMessages("""
                    [{"role":"user","content":"one"},{"role":"user","content":"two"}]""");

            assertThat(out.messages()).containsExactly(user("one", "two"));
        }
    }

    @Nested
    class UserContent {
        @Test
        void text_becomes_text_parts_and_empty_text_is_skipped() {
            ChatRequest out = translateMessages("""
                    [{"role":"user","content":[{"type":"text","text":"hello"},{"type":"text","text":""},{"type":"text","text":"world"}]}]""");

            assertThat(out.messages()).containsExactly(user("hello", "world"));
        }

        @Test
        void a_base64_image_becomes_a_data_url_image_part() {
            ChatRequest out = translateMessages("""
                    [{"role":"user","content":[
                      {"type":"text","text":"what is this?"},
                      {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}]}]""");

            assertThat(out.messages()).containsExactly(new ChatMessage.User(List.of(
                    new Part.Text("what is this?"),
                    new Part.ImageUrl("data:image/png;base64,iVBORw0KGgo="))));
        }

        @Test
        void a_url_image_becomes_an_image_part_with_that_url() {
            ChatRequest out = translateMessages("""
                    [{"role":"user","content":[{"type":"image","source":{"type":"url","url":"https://example.com/a.jpg"}}]}]""");

            assertThat(out.messages()).containsExactly(
                    new ChatMessage.User(List.of(new Part.ImageUrl("https://example.com/a.jpg"))));
        }

        @Test
        void a_document_becomes_text_with_its_title_and_context() {
            ChatRequest out = translateMessages("""
                    [{"role":"user","content":[
                      {"type":"document","title":"Spec","context":"v2","source":{"type":"text","media_type":"text/plain","data":"Body."}},
                      {"type":"text","text":"summarise"}]}]""");

            assertThat(out.messages()).containsExactly(user("Document: Spec\nContext: v2\n\nBody.", "summarise"));
        }
    }

    @Nested
    class ToolsInTheConversation {
        private static final String ASSISTANT_CALL = """
                {"role":"user","content":"go"},
                {"role":"assistant","content":[{"type":"text","text":"Reading."},
                  {"type":"tool_use","id":"toolu_1","name":"Read","input":{"path":"/a","opts":{"n":[1,2]}}}]}""";

        @Test
        void a_tool_use_becomes_an_assistant_tool_call_with_arguments_as_a_json_string() throws Exception {
            ChatRequest out = translateMessages("[" + ASSISTANT_CALL + "]");

            ChatMessage.Assistant assistant = (ChatMessage.Assistant) out.messages().get(1);
            assertThat(assistant.content()).isEqualTo("Reading.");
            assertThat(assistant.toolCalls()).hasSize(1);
            ChatMessage.ToolCall call = assistant.toolCalls().getFirst();
            assertThat(call.id()).isEqualTo("toolu_1");
            assertThat(call.name()).isEqualTo("Read");
            assertThat(MAPPER.readTree(call.argumentsJson()))
                    .isEqualTo(MAPPER.readTree("{\"path\":\"/a\",\"opts\":{\"n\":[1,2]}}"));
        }

        @Test
        void an_assistant_turn_with_only_tool_calls_has_null_content() {
            ChatRequest out = translateMessages("""
                    [{"role":"user","content":"go"},
                     {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"Bash","input":{}},
                                                    {"type":"tool_use","id":"toolu_2","name":"Bash","input":{"c":"ls"}}]}]""");

            assertThat(out.messages().get(1)).isEqualTo(new ChatMessage.Assistant(null, null, List.of(
                    new ChatMessage.ToolCall("toolu_1", "Bash", "{}"),
                    new ChatMessage.ToolCall("toolu_2", "Bash", "{\"c\":\"ls\"}"))));
        }

        @Test
        void a_string_tool_result_becomes_a_tool_message() {
            ChatRequest out = translateMessages("[" + ASSISTANT_CALL + """
                    ,{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"file body"}]}]""");

            assertThat(out.messages()).hasSize(3);
            assertThat(out.messages().get(2)).isEqualTo(new ChatMessage.Tool("toolu_1", "file body"));
        }

        @Test
        void tool_result_text_blocks_join_with_newlines() {
            ChatRequest out = translateMessages("[" + ASSISTANT_CALL + """
                    ,{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":[
                       {"type":"text","text":"line one"},{"type":"text","text":"line two"}]}]}]""");

            assertThat(out.messages().get(2)).isEqualTo(new ChatMessage.Tool("toolu_1", "line one\nline two"));
        }

        @Test
        void tool_result_images_follow_the_tool_message_in_a_user_message() {
            ChatRequest out = translateMessages("[" + ASSISTANT_CALL + """
                    ,{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":[
                       {"type":"text","text":"Screenshot taken"},
                       {"type":"image","source":{"type":"base64","media_type":"image/png","data":"AAAA"}}]}]}]""");

            assertThat(out.messages()).hasSize(4);
            assertThat(out.messages().get(2))
                    .isEqualTo(new ChatMessage.Tool("toolu_1", "Screenshot taken\n[image attached below]"));
            assertThat(out.messages().get(3)).isEqualTo(new ChatMessage.User(List.of(
                    new Part.Text("[image returned by tool call toolu_1]"),
                    new Part.ImageUrl("data:image/png;base64,AAAA"))));
        }

        @Test
        void an_error_tool_result_is_prefixed_with_error() {
            ChatRequest out = translateMessages("[" + ASSISTANT_CALL + """
                    ,{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"ENOENT","is_error":true}]}]""");

            assertThat(out.messages().get(2)).isEqualTo(new ChatMessage.Tool("toolu_1", "Error: ENOENT"));
        }

        @Test
        void an_empty_tool_result_says_no_output() {
            ChatRequest out = translateMessages("[" + ASSISTANT_CALL + """
                    ,{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1"}]}]""");

            assertThat(out.messages().get(2)).isEqualTo(new ChatMessage.Tool("toolu_1", "(no output)"));
        }

        @Test
        void an_empty_string_tool_result_says_no_output() {
            ChatRequest out = translateMessages("[" + ASSISTANT_CALL + """
                    ,{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"","is_error":true}]}]""");

            assertThat(out.messages().get(2)).isEqualTo(new ChatMessage.Tool("toolu_1", "Error: (no output)"));
        }

        @Test
        void several_tool_results_become_tool_messages_in_order_then_the_users_text() {
            ChatRequest out = translateMessages("""
                    [{"role":"user","content":"go"},
                     {"role":"assistant","content":[
                       {"type":"tool_use","id":"toolu_a","name":"Bash","input":{"c":"ls"}},
                       {"type":"tool_use","id":"toolu_b","name":"Bash","input":{"c":"pwd"}}]},
                     {"role":"user","content":[
                       {"type":"tool_result","tool_use_id":"toolu_a","content":"a.txt"},
                       {"type":"tool_result","tool_use_id":"toolu_b","content":"/home"},
                       {"type":"text","text":"now explain"}]}]""");

            assertThat(out.messages().subList(2, out.messages().size())).containsExactly(
                    new ChatMessage.Tool("toolu_a", "a.txt"),
                    new ChatMessage.Tool("toolu_b", "/home"),
                    user("now explain"));
        }

        @Test
        void a_reminder_before_tool_results_does_not_separate_the_tool_messages_from_their_calls() {
            ChatRequest out = translateMessages("""
                    [{"role":"user","content":"go"},
                     {"role":"assistant","content":[{"type":"tool_use","id":"toolu_a","name":"Bash","input":{}}]},
                     {"role":"system","content":"note"},
                     {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_a","content":"ok"}]}]""");

            assertThat(roles(out)).containsExactly("user", "assistant", "tool", "user");
            assertThat(out.messages().get(2)).isEqualTo(new ChatMessage.Tool("toolu_a", "ok"));
            assertThat(out.messages().get(3)).isEqualTo(user("<system-reminder>\nnote\n</system-reminder>"));
        }
    }

    @Nested
    class ThinkingInTheConversation {
        @Test
        void thinking_signed_by_the_bridge_goes_back_as_reasoning_content() {
            String signature = SIGNATURES.sign("I should list files.");
            ChatRequest out = translateMessages("""
                    [{"role":"user","content":"go"},
                     {"role":"assistant","content":[{"type":"thinking","thinking":"I should list files.","signature":"%s"},
                                                    {"type":"text","text":"Listing."}]},
                     {"role":"user","content":"thanks"}]""".formatted(signature));

            assertThat(out.messages().get(1))
                    .isEqualTo(new ChatMessage.Assistant("Listing.", "I should list files.", List.of()));
        }

        @Test
        void thinking_with_a_foreign_signature_is_dropped() {
            String foreign = new ThinkingSignatures(key((byte) 9)).sign("secret plan");
            ChatRequest out = translateMessages("""
                    [{"role":"user","content":"go"},
                     {"role":"assistant","content":[{"type":"thinking","thinking":"secret plan","signature":"%s"},
                                                    {"type":"thinking","thinking":"anthropic thought","signature":"EqQBCkYIBxgCKkA"},
                                                    {"type":"text","text":"Done."}]},
                     {"role":"user","content":"ok"}]""".formatted(foreign));

            assertThat(out.messages().get(1)).isEqualTo(new ChatMessage.Assistant("Done.", null, List.of()));
        }

        @Test
        void redacted_thinking_is_dropped() {
            ChatRequest out = translateMessages("""
                    [{"role":"user","content":"go"},
                     {"role":"assistant","content":[{"type":"redacted_thinking","data":"EmwKAhgBEgy3"},
                                                    {"type":"text","text":"Done."}]},
                     {"role":"user","content":"ok"}]""");

            assertThat(out.messages().get(1)).isEqualTo(new ChatMessage.Assistant("Done.", null, List.of()));
        }
    }

    @Nested
    class Tools {
        @Test
        void tools_become_function_tools_with_the_input_schema_as_parameters() throws Exception {
            ChatRequest out = translateFields(TOOLS);

            assertThat(out.tools()).containsExactly(
                    new ChatRequest.FunctionTool("Read", "Reads",
                            JsonValue.adopt(MAPPER.readTree("{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}}}"))),
                    new ChatRequest.FunctionTool("Bash", "Runs", JsonValue.adopt(MAPPER.readTree("{\"type\":\"object\"}"))));
            assertThat(out.toolChoice()).isEqualTo(ToolChoiceMode.AUTO);
            assertThat(out.parallelToolCalls()).isTrue();
        }

        @Test
        void defer_loading_tools_are_dropped() {
            ChatRequest out = translateFields("""
                    "tools":[{"name":"Read","input_schema":{"type":"object"}},
                             {"name":"CronCreate","input_schema":{"type":"object"},"defer_loading":true}]""");

            assertThat(out.tools()).extracting(ChatRequest.FunctionTool::name).containsExactly("Read");
        }

        @Test
        void without_tools_there_is_no_tool_choice() {
            ChatRequest out = translateFields("\"tool_choice\":{\"type\":\"auto\"}");

            assertThat(out.tools()).isEmpty();
            assertThat(out.toolChoice()).isNull();
        }

        @ParameterizedTest
        @CsvSource({"auto,AUTO", "any,REQUIRED", "none,NONE"})
        void tool_choice_maps_to_the_openai_mode(String anthropic, ToolChoiceMode mode) {
            ChatRequest out = translateFields(TOOLS + ",\"tool_choice\":{\"type\":\"" + anthropic + "\"}");

            assertThat(out.toolChoice()).isEqualTo(mode);
            assertThat(out.tools()).hasSize(2);
        }

        @Test
        void a_named_tool_choice_requires_a_call_and_offers_only_that_tool() {
            ChatRequest out = translateFields(TOOLS + ",\"tool_choice\":{\"type\":\"tool\",\"name\":\"Bash\"}");

            assertThat(out.toolChoice()).isEqualTo(ToolChoiceMode.REQUIRED);
            assertThat(out.tools()).extracting(ChatRequest.FunctionTool::name).containsExactly("Bash");
        }

        @Test
        void a_named_tool_choice_for_a_missing_tool_is_a_400() {
            assertThatThrownBy(() -> translateFields(TOOLS + ",\"tool_choice\":{\"type\":\"tool\",\"name\":\"Edit\"}"))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.type()).isEqualTo(ErrorType.INVALID_REQUEST);
                        assertThat(e.httpStatus()).isEqualTo(400);
                        assertThat(e.getMessage()).startsWith("tool_choice.name: ").contains("Edit");
                    });
        }

        @Test
        void a_named_tool_choice_for_a_deferred_tool_is_a_400() {
            assertThatThrownBy(() -> translateFields("""
                    "tools":[{"name":"Read","input_schema":{}},{"name":"Later","input_schema":{},"defer_loading":true}],
                    "tool_choice":{"type":"tool","name":"Later"}"""))
                    .isInstanceOfSatisfying(ApiException.class,
                            e -> assertThat(e.type()).isEqualTo(ErrorType.INVALID_REQUEST));
        }

        @Test
        void requiring_a_tool_call_without_tools_is_a_400() {
            assertThatThrownBy(() -> translateFields("\"tool_choice\":{\"type\":\"any\"}"))
                    .isInstanceOfSatisfying(ApiException.class,
                            e -> assertThat(e.type()).isEqualTo(ErrorType.INVALID_REQUEST));
        }

        @Test
        void disable_parallel_tool_use_turns_parallel_tool_calls_off() {
            ChatRequest out = translateFields(TOOLS
                    + ",\"tool_choice\":{\"type\":\"auto\",\"disable_parallel_tool_use\":true}");

            assertThat(out.parallelToolCalls()).isFalse();
        }

        @Test
        void parallel_tool_calls_default_to_true() {
            assertThat(translateFields(TOOLS).parallelToolCalls()).isTrue();
            assertThat(translateFields(TOOLS + ",\"tool_choice\":{\"type\":\"any\"}").parallelToolCalls()).isTrue();
        }
    }

    @Nested
    class Parameters {
        @Test
        void the_backend_model_and_the_decided_max_tokens_are_used() {
            ChatRequest out = translator.translate(request("""
                    {"model":"claude-opus-5-5","max_tokens":128000,"messages":[{"role":"user","content":"hi"}]}"""),
                    "qwen3-coder", 16384);

            assertThat(out.model()).isEqualTo("qwen3-coder");
            assertThat(out.maxTokens()).isEqualTo(16384);
        }

        @Test
        void sampling_fields_and_the_user_id_are_passed_on() {
            ChatRequest out = translateFields("""
                    "temperature":0.3,"top_p":0.8,"top_k":20,"metadata":{"user_id":"user-42"}""");

            assertThat(out.temperature()).isEqualTo(0.3);
            assertThat(out.topP()).isEqualTo(0.8);
            assertThat(out.topK()).isEqualTo(20);
            assertThat(out.user()).isEqualTo("user-42");
        }

        @Test
        void absent_sampling_fields_stay_absent() {
            ChatRequest out = translateFields("\"stream\":true");

            assertThat(out.temperature()).isNull();
            assertThat(out.topP()).isNull();
            assertThat(out.topK()).isNull();
            assertThat(out.user()).isNull();
            assertThat(out.responseSchema()).isNull();
        }

        @ParameterizedTest
        @CsvSource(nullValues = "null", value = {"low,low", "medium,medium", "high,high", "xhigh,high", "max,high",
                "null,null"})
        void enabled_thinking_maps_effort_and_keeps_the_budget(String effort, String expected) {
            String output = effort == null ? "" : ",\"output_config\":{\"effort\":\"" + effort + "\"}";
            ChatRequest out = translateFields("\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024}" + output);

            assertThat(out.reasoning()).isEqualTo(new Reasoning(true, expected == null ? null : ReasoningEffort.valueOf(expected.toUpperCase()), 1024));
        }

        @Test
        void adaptive_thinking_enables_reasoning_without_a_budget() {
            ChatRequest out = translateFields("\"thinking\":{\"type\":\"adaptive\"},\"output_config\":{\"effort\":\"medium\"}");

            assertThat(out.reasoning()).isEqualTo(new Reasoning(true, ReasoningEffort.MEDIUM, 0));
        }

        @Test
        void disabled_or_absent_thinking_turns_reasoning_off() {
            assertThat(translateFields("\"thinking\":{\"type\":\"disabled\"},\"output_config\":{\"effort\":\"high\"}")
                    .reasoning()).isEqualTo(Reasoning.OFF);
            assertThat(translateFields("\"output_config\":{\"effort\":\"high\"}").reasoning()).isEqualTo(Reasoning.OFF);
        }

        @Test
        void a_trailing_assistant_prefill_turns_reasoning_off() {
            ChatRequest out = translateMessages("""
                    [{"role":"user","content":"Is this a new topic?"},{"role":"assistant","content":"{"}]""",
                    "\"thinking\":{\"type\":\"adaptive\"}");

            assertThat(out.reasoning()).isEqualTo(Reasoning.OFF);
            assertThat(out.messages().getLast()).isEqualTo(new ChatMessage.Assistant("{", null, List.of()));
        }

        @Test
        void a_reminder_after_the_last_assistant_turn_is_not_a_prefill() {
            ChatRequest out = translateMessages("""
                    [{"role":"user","content":"q"},{"role":"assistant","content":"a"},{"role":"system","content":"s"}]""",
                    "\"thinking\":{\"type\":\"adaptive\"}");

            assertThat(out.reasoning().enabled()).isTrue();
            assertThat(roles(out)).containsExactly("user", "assistant", "user");
        }

        @Test
        void an_output_format_schema_becomes_the_response_schema() throws Exception {
            ChatRequest out = translateFields("""
                    "output_config":{"format":{"type":"json_schema","schema":{"type":"object","required":["title"]}}}""");

            assertThat(out.responseSchema().tree()).isEqualTo(MAPPER.readTree("{\"type\":\"object\",\"required\":[\"title\"]}"));
        }
    }
}
