package dev.localbridge.anthropic;

import dev.localbridge.json.JsonValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localbridge.error.ApiException;
import dev.localbridge.error.ErrorType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestReaderTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static MessagesRequest read(String json) {
        return RequestReader.read(json.getBytes(StandardCharsets.UTF_8), true);
    }

    /** A request with one user message whose content is the given JSON, plus extra top-level fields. */
    private static String withUserContent(String contentJson) {
        return """
                {"model":"claude-x","max_tokens":100,"messages":[{"role":"user","content":%s}]}
                """.formatted(contentJson);
    }

    private static String withAssistantContent(String contentJson) {
        return """
                {"model":"claude-x","max_tokens":100,"messages":[
                  {"role":"user","content":"hi"},
                  {"role":"assistant","content":%s}]}
                """.formatted(contentJson);
    }

    private static String withFields(String fields) {
        return """
                {"model":"claude-x","max_tokens":100,"messages":[{"role":"user","content":"hi"}],%s}
                """.formatted(fields);
    }

    private static List<ContentBlock> userBlocks(String contentJson) {
        return read(withUserContent(contentJson)).messages().getFirst().content();
    }

    private static ContentBlock onlyUserBlock(String blockJson) {
        List<ContentBlock> blocks = userBlocks("[" + blockJson + "]");
        assertThat(blocks).hasSize(1);
        return blocks.getFirst();
    }

    private static void assertInvalid(String json, String fieldPath) {
        assertThatThrownBy(() -> read(json))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.INVALID_REQUEST);
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.getMessage()).startsWith(fieldPath + ": ");
                });
    }

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text);
    }

    @Nested
    class ValidRequests {
        @Test
        void a_minimal_request_reads_with_defaults_for_every_optional_field() {
            MessagesRequest request = read("""
                    {"model":"claude-x","max_tokens":100,"messages":[{"role":"user","content":"hello"}]}
                    """);

            assertThat(request.model()).isEqualTo("claude-x");
            assertThat(request.maxTokens()).isEqualTo(100);
            assertThat(request.system()).isEmpty();
            assertThat(request.messages()).containsExactly(
                    new Message(Role.USER, List.of(new ContentBlock.Text("hello"))));
            assertThat(request.tools()).isEmpty();
            assertThat(request.toolChoice()).isEqualTo(ToolChoice.DEFAULT);
            assertThat(request.toolChoice().parallelAllowed()).isTrue();
            assertThat(request.stopSequences()).isEmpty();
            assertThat(request.temperature()).isNull();
            assertThat(request.topP()).isNull();
            assertThat(request.topK()).isNull();
            assertThat(request.userId()).isNull();
            assertThat(request.thinking()).isEqualTo(Thinking.DISABLED);
            assertThat(request.outputConfig()).isEqualTo(OutputConfig.NONE);
            assertThat(request.stream()).isFalse();
        }

        @Test
        void a_system_string_becomes_one_text_block() {
            MessagesRequest request = read(withFields("\"system\":\"be brief\""));

            assertThat(request.system()).containsExactly(new ContentBlock.Text("be brief"));
        }

        @Test
        void system_text_blocks_are_read_in_order_and_cache_control_is_ignored() {
            MessagesRequest request = read(withFields("""
                    "system":[{"type":"text","text":"first"},
                              {"type":"text","text":"second","cache_control":{"type":"ephemeral"}}]
                    """));

            assertThat(request.system()).containsExactly(new ContentBlock.Text("first"), new ContentBlock.Text("second"));
        }

        @Test
        void string_content_is_one_text_block_and_roles_are_read() {
            MessagesRequest request = read("""
                    {"model":"m","max_tokens":5,"messages":[
                      {"role":"user","content":"q"},
                      {"role":"assistant","content":"a"},
                      {"role":"system","content":"note"}]}
                    """);

            assertThat(request.messages()).extracting(Message::role)
                    .containsExactly(Role.USER, Role.ASSISTANT, Role.SYSTEM);
            assertThat(request.messages()).extracting(m -> m.content())
                    .containsExactly(List.of(new ContentBlock.Text("q")), List.of(new ContentBlock.Text("a")),
                            List.of(new ContentBlock.Text("note")));
        }

        @Test
        void text_blocks_keep_their_text_and_ignore_cache_control() {
            assertThat(userBlocks("""
                    [{"type":"text","text":"one"},{"type":"text","text":"two","cache_control":{"type":"ephemeral"}}]
                    """)).containsExactly(new ContentBlock.Text("one"), new ContentBlock.Text("two"));
        }

        @Test
        void a_base64_image_keeps_media_type_and_data() {
            ContentBlock block = onlyUserBlock("""
                    {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}
                    """);

            assertThat(block).isEqualTo(new ContentBlock.Image(new ImageSource.Base64("image/png", "iVBORw0KGgo=")));
        }

        @Test
        void a_url_image_keeps_the_url() {
            ContentBlock block = onlyUserBlock("""
                    {"type":"image","source":{"type":"url","url":"https://example.com/cat.png"}}
                    """);

            assertThat(block).isEqualTo(new ContentBlock.Image(new ImageSource.Url("https://example.com/cat.png")));
        }

        @Test
        void a_tool_use_keeps_id_name_and_input_object() throws Exception {
            ContentBlock block = read(withAssistantContent("""
                    [{"type":"tool_use","id":"toolu_1","name":"Read","input":{"file_path":"/a","limit":3}}]
                    """)).messages().get(1).content().getFirst();

            assertThat(block).isEqualTo(new ContentBlock.ToolUse("toolu_1", "Read",
                    JsonValue.adopt(json("{\"file_path\":\"/a\",\"limit\":3}"))));
        }

        @Test
        void a_tool_use_without_input_gets_an_empty_object() throws Exception {
            ContentBlock block = read(withAssistantContent("""
                    [{"type":"tool_use","id":"toolu_1","name":"Now"}]
                    """)).messages().get(1).content().getFirst();

            assertThat(block).isEqualTo(new ContentBlock.ToolUse("toolu_1", "Now", JsonValue.adopt(json("{}"))));
        }

        @Test
        void a_tool_result_with_string_content_is_one_text_block() {
            ContentBlock block = onlyUserBlock("""
                    {"type":"tool_result","tool_use_id":"toolu_1","content":"42 files"}
                    """);

            assertThat(block).isEqualTo(new ContentBlock.ToolResult("toolu_1",
                    List.of(new ContentBlock.Text("42 files")), false));
        }

        @Test
        void a_tool_result_with_text_and_image_blocks_keeps_them_in_order() {
            ContentBlock block = onlyUserBlock("""
                    {"type":"tool_result","tool_use_id":"toolu_1","content":[
                      {"type":"text","text":"screenshot:"},
                      {"type":"image","source":{"type":"base64","media_type":"image/jpeg","data":"/9j/"}},
                      {"type":"text","text":"done"}]}
                    """);

            assertThat(block).isEqualTo(new ContentBlock.ToolResult("toolu_1", List.of(
                    new ContentBlock.Text("screenshot:"),
                    new ContentBlock.Image(new ImageSource.Base64("image/jpeg", "/9j/")),
                    new ContentBlock.Text("done")), false));
        }

        @Test
        void a_document_nested_in_a_tool_result_is_read_as_text() {
            ContentBlock block = onlyUserBlock("""
                    {"type":"tool_result","tool_use_id":"toolu_1","content":[
                      {"type":"document","title":"README","source":{"type":"text","media_type":"text/plain","data":"Read me."}}]}
                    """);

            assertThat(block).isEqualTo(new ContentBlock.ToolResult("toolu_1",
                    List.of(new ContentBlock.Text("Document: README\n\nRead me.")), false));
        }

        @Test
        void a_tool_result_marked_as_error_keeps_the_flag() {
            ContentBlock block = onlyUserBlock("""
                    {"type":"tool_result","tool_use_id":"toolu_1","content":"no such file","is_error":true}
                    """);

            assertThat(((ContentBlock.ToolResult) block).isError()).isTrue();
        }

        @Test
        void a_tool_result_without_content_is_empty() {
            assertThat(onlyUserBlock("{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\"}"))
                    .isEqualTo(new ContentBlock.ToolResult("toolu_1", List.of(), false));
            assertThat(onlyUserBlock("{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":[]}"))
                    .isEqualTo(new ContentBlock.ToolResult("toolu_1", List.of(), false));
        }

        @Test
        void thinking_and_redacted_thinking_are_read_in_assistant_messages() {
            List<ContentBlock> blocks = read(withAssistantContent("""
                    [{"type":"thinking","thinking":"hmm","signature":"sig"},
                     {"type":"thinking","thinking":"unsigned"},
                     {"type":"redacted_thinking","data":"opaque"},
                     {"type":"text","text":"answer"}]
                    """)).messages().get(1).content();

            assertThat(blocks).containsExactly(
                    new ContentBlock.Thinking("hmm", "sig"),
                    new ContentBlock.Thinking("unsigned", ""),
                    new ContentBlock.RedactedThinking("opaque"),
                    new ContentBlock.Text("answer"));
        }

        @Test
        void a_document_with_a_text_source_is_read_as_text_with_title_and_context() {
            ContentBlock block = onlyUserBlock("""
                    {"type":"document","title":"Notes","context":"from the wiki",
                     "source":{"type":"text","media_type":"text/plain","data":"The notes."}}
                    """);

            assertThat(block).isEqualTo(new ContentBlock.Document("Notes", "from the wiki", "The notes."));
        }

        @Test
        void a_document_with_a_content_source_joins_its_text_blocks() {
            ContentBlock block = onlyUserBlock("""
                    {"type":"document","source":{"type":"content","content":[
                      {"type":"text","text":"para one"},{"type":"text","text":"para two"}]}}
                    """);

            assertThat(block).isEqualTo(new ContentBlock.Document(null, null, "para one\n\npara two"));
        }

        @Test
        void a_document_with_a_string_content_source_is_read_as_text() {
            ContentBlock block = onlyUserBlock("""
                    {"type":"document","source":{"type":"content","content":"plain"}}
                    """);

            assertThat(block).isEqualTo(new ContentBlock.Document(null, null, "plain"));
        }

        @Test
        void enabled_thinking_keeps_its_budget() {
            assertThat(read(withFields("\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":50}")).thinking())
                    .isEqualTo(new Thinking.Enabled(50));
        }

        @Test
        void adaptive_thinking_is_read_and_counts_as_on() {
            Thinking thinking = read(withFields("\"thinking\":{\"type\":\"adaptive\",\"display\":\"omitted\"}")).thinking();

            assertThat(thinking).isEqualTo(new Thinking.Adaptive());
            assertThat(thinking.on()).isTrue();
        }

        @Test
        void disabled_or_absent_thinking_is_off() {
            assertThat(read(withFields("\"thinking\":{\"type\":\"disabled\"}")).thinking().on()).isFalse();
            assertThat(read(withFields("\"thinking\":null")).thinking()).isEqualTo(Thinking.DISABLED);
            assertThat(read(withUserContent("\"hi\"")).thinking()).isEqualTo(Thinking.DISABLED);
        }

        @ParameterizedTest
        @CsvSource({"true,false", "false,true"})
        void auto_tool_choice_reads_disable_parallel_tool_use(boolean disable, boolean parallel) {
            ToolChoice choice = read(withFields("\"tool_choice\":{\"type\":\"auto\",\"disable_parallel_tool_use\":"
                    + disable + "}")).toolChoice();

            assertThat(choice).isEqualTo(new ToolChoice.Auto(parallel));
        }

        @Test
        void any_tool_choice_reads_disable_parallel_tool_use() {
            assertThat(read(withFields("\"tool_choice\":{\"type\":\"any\",\"disable_parallel_tool_use\":true}"))
                    .toolChoice()).isEqualTo(new ToolChoice.Any(false));
            assertThat(read(withFields("\"tool_choice\":{\"type\":\"any\"}")).toolChoice())
                    .isEqualTo(new ToolChoice.Any(true));
        }

        @Test
        void a_named_tool_choice_keeps_the_name() {
            assertThat(read(withFields(
                    "\"tool_choice\":{\"type\":\"tool\",\"name\":\"Read\",\"disable_parallel_tool_use\":true}"))
                    .toolChoice()).isEqualTo(new ToolChoice.Named("Read", false));
        }

        @Test
        void none_tool_choice_allows_no_parallel_calls() {
            ToolChoice choice = read(withFields("\"tool_choice\":{\"type\":\"none\"}")).toolChoice();

            assertThat(choice).isEqualTo(new ToolChoice.None());
            assertThat(choice.parallelAllowed()).isFalse();
        }

        @Test
        void tools_are_read_with_schema_description_and_defer_loading() throws Exception {
            MessagesRequest request = read(withFields("""
                    "tools":[
                      {"name":"Read","description":"Reads a file","input_schema":{"type":"object","properties":{"p":{"type":"string"}}}},
                      {"type":"custom","name":"Later","input_schema":{"type":"object"},"defer_loading":true}]
                    """));

            assertThat(request.tools()).containsExactly(
                    new Tool("Read", "Reads a file", JsonValue.adopt(json("{\"type\":\"object\",\"properties\":{\"p\":{\"type\":\"string\"}}}")),
                            false),
                    new Tool("Later", "", JsonValue.adopt(json("{\"type\":\"object\"}")), true));
        }

        @Test
        void output_config_effort_is_lowercased_and_json_schema_format_keeps_the_schema() throws Exception {
            OutputConfig config = read(withFields("""
                    "output_config":{"effort":"HIGH","format":{"type":"json_schema",
                      "schema":{"type":"object","properties":{"title":{"type":"string"}}}}}
                    """)).outputConfig();

            assertThat(config.effort()).isEqualTo(Effort.HIGH);
            assertThat(config.jsonSchema().tree())
                    .isEqualTo(json("{\"type\":\"object\",\"properties\":{\"title\":{\"type\":\"string\"}}}"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"low", "medium", "high", "xhigh", "max"})
        void every_documented_effort_is_accepted(String effort) {
            assertThat(read(withFields("\"output_config\":{\"effort\":\"" + effort + "\"}")).outputConfig())
                    .isEqualTo(new OutputConfig(Effort.valueOf(effort.toUpperCase()), null));
        }

        @Test
        void sampling_fields_metadata_stop_sequences_and_stream_are_read() {
            MessagesRequest request = read(withFields("""
                    "temperature":0.7,"top_p":0.9,"top_k":40,"metadata":{"user_id":"u-1"},
                    "stop_sequences":["END","","###"],"stream":true
                    """));

            assertThat(request.temperature()).isEqualTo(0.7);
            assertThat(request.topP()).isEqualTo(0.9);
            assertThat(request.topK()).isEqualTo(40);
            assertThat(request.userId()).isEqualTo("u-1");
            assertThat(request.stopSequences()).containsExactly("END", "###");
            assertThat(request.stream()).isTrue();
        }

        @Test
        void unknown_top_level_fields_are_accepted() {
            MessagesRequest request = read(withFields("""
                    "context_management":{"edits":[{"type":"clear_thinking_20251015","keep":"all"}]},
                    "safeguards":[{"type":"dangerous_tool_use","classifier_context":{"v":1}}],
                    "some_future_field":42
                    """));

            assertThat(request.messages()).hasSize(1);
        }

        @Test
        void max_tokens_is_optional_when_not_required() {
            MessagesRequest request = RequestReader.read("""
                    {"model":"m","messages":[{"role":"user","content":"hi"}]}
                    """.getBytes(StandardCharsets.UTF_8), false);

            assertThat(request.maxTokens()).isZero();
        }

        @Test
        void enabled_thinking_without_max_tokens_is_accepted_when_max_tokens_is_not_required() {
            MessagesRequest request = RequestReader.read("""
                    {"model":"m","thinking":{"type":"enabled","budget_tokens":5000},"messages":[{"role":"user","content":"hi"}]}
                    """.getBytes(StandardCharsets.UTF_8), false);

            assertThat(request.thinking()).isEqualTo(new Thinking.Enabled(5000));
        }
    }

    @Nested
    class InvalidRequests {
        @Test
        void a_body_that_is_not_json_is_rejected_clearly() {
            assertThatThrownBy(() -> RequestReader.read("not json".getBytes(StandardCharsets.UTF_8), true))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.type()).isEqualTo(ErrorType.INVALID_REQUEST);
                        assertThat(e.getMessage()).startsWith("request body is not valid JSON");
                    });
        }

        @Test
        void truncated_json_is_rejected_clearly() {
            assertThatThrownBy(() -> RequestReader.read("{\"model\":\"m\",".getBytes(StandardCharsets.UTF_8), true))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.type()).isEqualTo(ErrorType.INVALID_REQUEST);
                        assertThat(e.getMessage()).startsWith("request body is not valid JSON");
                    });
        }

        @Test
        void an_empty_body_is_rejected_as_empty() {
            assertThatThrownBy(() -> RequestReader.read(new byte[0], true))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.type()).isEqualTo(ErrorType.INVALID_REQUEST);
                        assertThat(e.getMessage()).contains("request body is empty");
                    });
        }

        @Test
        void a_body_that_is_not_an_object_is_rejected() {
            assertInvalid("[1,2]", "body");
        }

        @Test
        void model_is_required_and_must_not_be_blank() {
            assertInvalid("{\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "model");
            assertInvalid("{\"model\":\" \",\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                    "model");
            assertInvalid("{\"model\":7,\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "model");
        }

        @Test
        void max_tokens_is_required_when_asked_and_must_be_a_positive_integer() {
            assertInvalid("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "max_tokens");
            assertInvalid("{\"model\":\"m\",\"max_tokens\":0,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                    "max_tokens");
            assertInvalid("{\"model\":\"m\",\"max_tokens\":1.5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                    "max_tokens");
            assertInvalid("{\"model\":\"m\",\"max_tokens\":\"10\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                    "max_tokens");
        }

        @Test
        void messages_must_be_a_non_empty_array() {
            assertInvalid("{\"model\":\"m\",\"max_tokens\":1}", "messages");
            assertInvalid("{\"model\":\"m\",\"max_tokens\":1,\"messages\":[]}", "messages");
            assertInvalid("{\"model\":\"m\",\"max_tokens\":1,\"messages\":{}}", "messages");
        }

        @Test
        void a_message_must_be_an_object_with_a_known_role_and_content() {
            assertInvalid("{\"model\":\"m\",\"max_tokens\":1,\"messages\":[\"hi\"]}", "messages.0");
            assertInvalid("{\"model\":\"m\",\"max_tokens\":1,\"messages\":[{\"content\":\"hi\"}]}", "messages.0.role");
            assertInvalid("{\"model\":\"m\",\"max_tokens\":1,\"messages\":[{\"role\":\"tool\",\"content\":\"hi\"}]}",
                    "messages.0.role");
            assertInvalid("{\"model\":\"m\",\"max_tokens\":1,\"messages\":[{\"role\":\"user\"}]}", "messages.0.content");
            assertInvalid("{\"model\":\"m\",\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":3}]}",
                    "messages.0.content");
        }

        @Test
        void an_unknown_block_type_is_rejected_with_its_path() {
            assertInvalid("""
                    {"model":"m","max_tokens":1,"messages":[
                      {"role":"user","content":"hi"},
                      {"role":"assistant","content":[{"type":"hologram","data":"x"}]}]}
                    """, "messages.1.content.0.type");
        }

        @Test
        void a_block_without_a_type_is_rejected() {
            assertInvalid(withUserContent("[{\"text\":\"hi\"}]"), "messages.0.content.0.type");
            assertInvalid(withUserContent("[\"hi\"]"), "messages.0.content.0");
        }

        @ParameterizedTest
        @ValueSource(strings = {"server_tool_use", "web_search_tool_result", "web_fetch_tool_result",
                "code_execution_tool_result", "mcp_tool_use", "mcp_tool_result", "container_upload",
                "tool_search_tool_result", "search_result"})
        void anthropic_hosted_blocks_are_rejected_not_dropped(String type) {
            assertThatThrownBy(() -> read(withAssistantContent(
                    "[{\"type\":\"text\",\"text\":\"ok\"},{\"type\":\"" + type + "\",\"id\":\"srvtoolu_1\"}]")))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.type()).isEqualTo(ErrorType.INVALID_REQUEST);
                        assertThat(e.getMessage()).startsWith("messages.1.content.1.type: ").contains(type);
                    });
        }

        @Test
        void a_text_block_needs_a_string_text() {
            assertInvalid(withUserContent("[{\"type\":\"text\"}]"), "messages.0.content.0.text");
            assertInvalid(withUserContent("[{\"type\":\"text\",\"text\":5}]"), "messages.0.content.0.text");
        }

        @Test
        void blocks_are_checked_against_the_role() {
            assertInvalid(withUserContent("[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"n\",\"input\":{}}]"),
                    "messages.0.content.0.type");
            assertInvalid(withUserContent("[{\"type\":\"thinking\",\"thinking\":\"x\"}]"), "messages.0.content.0.type");
            assertInvalid(withAssistantContent("[{\"type\":\"tool_result\",\"tool_use_id\":\"t\"}]"),
                    "messages.1.content.0.type");
            assertInvalid(withAssistantContent(
                    "[{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":\"https://x/y.png\"}}]"),
                    "messages.1.content.0.type");
            assertInvalid("""
                    {"model":"m","max_tokens":1,"messages":[{"role":"user","content":"hi"},
                      {"role":"system","content":[{"type":"image","source":{"type":"url","url":"https://x/y.png"}}]}]}
                    """, "messages.1.content.0.type");
        }

        @Test
        void an_image_source_must_be_base64_or_url() {
            assertInvalid(withUserContent("[{\"type\":\"image\",\"source\":{\"type\":\"file\",\"file_id\":\"f1\"}}]"),
                    "messages.0.content.0.source.type");
            assertInvalid(withUserContent("[{\"type\":\"image\",\"source\":{\"type\":\"ftp\"}}]"),
                    "messages.0.content.0.source.type");
            assertInvalid(withUserContent("[{\"type\":\"image\"}]"), "messages.0.content.0.source");
            assertInvalid(withUserContent("[{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"data\":\"x\"}}]"),
                    "messages.0.content.0.source.media_type");
        }

        @ParameterizedTest
        @ValueSource(strings = {"base64", "url", "file"})
        void a_pdf_document_source_is_rejected_clearly(String type) {
            assertThatThrownBy(() -> read(withUserContent("""
                    [{"type":"document","source":{"type":"%s","media_type":"application/pdf","data":"JVBERi0=",
                      "url":"https://x/y.pdf","file_id":"f1"}}]
                    """.formatted(type))))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.type()).isEqualTo(ErrorType.INVALID_REQUEST);
                        assertThat(e.getMessage()).startsWith("messages.0.content.0.source.type: ")
                                .contains(type).contains("not supported");
                    });
        }

        @Test
        void a_document_content_source_may_hold_only_text_blocks() {
            assertInvalid(withUserContent("""
                    [{"type":"document","source":{"type":"content","content":[
                      {"type":"image","source":{"type":"url","url":"https://x/y.png"}}]}}]
                    """), "messages.0.content.0.source.content.0.type");
        }

        @Test
        void a_tool_use_input_must_be_an_object() {
            assertInvalid(withAssistantContent("[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"n\",\"input\":\"{}\"}]"),
                    "messages.1.content.0.input");
            assertInvalid(withAssistantContent("[{\"type\":\"tool_use\",\"name\":\"n\",\"input\":{}}]"),
                    "messages.1.content.0.id");
        }

        @Test
        void a_tool_result_cannot_nest_a_tool_result_or_have_non_block_content() {
            assertInvalid(withUserContent("""
                    [{"type":"tool_result","tool_use_id":"t","content":[{"type":"tool_result","tool_use_id":"u"}]}]
                    """), "messages.0.content.0.content.0.type");
            assertInvalid(withUserContent("[{\"type\":\"tool_result\",\"tool_use_id\":\"t\",\"content\":5}]"),
                    "messages.0.content.0.content");
            assertInvalid(withUserContent("[{\"type\":\"tool_result\",\"content\":\"x\"}]"),
                    "messages.0.content.0.tool_use_id");
            assertInvalid(withUserContent("[{\"type\":\"tool_result\",\"tool_use_id\":\"t\",\"is_error\":\"yes\"}]"),
                    "messages.0.content.0.is_error");
        }

        @Test
        void system_must_be_a_string_or_text_blocks() {
            assertInvalid(withFields("\"system\":5"), "system");
            assertInvalid(withFields("\"system\":[{\"type\":\"image\",\"source\":{}}]"), "system.0.type");
            assertInvalid(withFields("\"system\":[{\"type\":\"text\"}]"), "system.0.text");
        }

        @Test
        void thinking_settings_are_validated() {
            assertInvalid(withFields("\"thinking\":{\"type\":\"enabled\"}"), "thinking.budget_tokens");
            assertInvalid(withFields("\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":0}"), "thinking.budget_tokens");
            assertInvalid(withFields("\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":100}"),
                    "thinking.budget_tokens");
            assertInvalid(withFields("\"thinking\":{\"type\":\"sometimes\"}"), "thinking.type");
            assertInvalid(withFields("\"thinking\":true"), "thinking");
        }

        @Test
        void tool_choice_is_validated() {
            assertInvalid(withFields("\"tool_choice\":{\"type\":\"maybe\"}"), "tool_choice.type");
            assertInvalid(withFields("\"tool_choice\":{\"type\":\"tool\"}"), "tool_choice.name");
            assertInvalid(withFields("\"tool_choice\":\"auto\""), "tool_choice");
            assertInvalid(withFields("\"tool_choice\":{\"type\":\"auto\",\"disable_parallel_tool_use\":1}"),
                    "tool_choice.disable_parallel_tool_use");
        }

        @Test
        void tools_are_validated() {
            assertInvalid(withFields("\"tools\":{}"), "tools");
            assertInvalid(withFields("\"tools\":[{\"input_schema\":{}}]"), "tools.0.name");
            assertInvalid(withFields("\"tools\":[{\"name\":\"a\",\"input_schema\":{}},{\"name\":\"b\"}]"),
                    "tools.1.input_schema");
            assertInvalid(withFields("\"tools\":[{\"name\":\"b\",\"input_schema\":\"object\"}]"), "tools.0.input_schema");
            assertInvalid(withFields("\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}]"),
                    "tools.0.type");
        }

        @Test
        void server_tools_are_rejected_as_running_at_anthropic() {
            assertThatThrownBy(() -> read(withFields(
                    "\"tools\":[{\"type\":\"code_execution_20250825\",\"name\":\"code_execution\"}]")))
                    .hasMessageContaining("server tool that runs at Anthropic");
        }

        @ParameterizedTest
        @CsvSource({"bash_20250124,bash,command", "bash_20241022,bash,command",
            "text_editor_20250728,str_replace_based_edit_tool,path", "text_editor_20250124,str_replace_editor,path"})
        void client_tools_anthropic_defines_become_function_tools_with_their_documented_schema(String type, String name,
                                                                                               String property) {
            Tool tool = read(withFields("\"tools\":[{\"type\":\"" + type + "\",\"name\":\"" + name + "\"}]"))
                    .tools().getFirst();
            assertThat(tool.name()).isEqualTo(name);
            assertThat(tool.inputSchema().tree().path("properties").has(property)).isTrue();
            assertThat(tool.description()).isNotBlank();
        }

        @Test
        void output_config_is_validated() {
            assertInvalid(withFields("\"output_config\":{\"effort\":\"extreme\"}"), "output_config.effort");
            assertInvalid(withFields("\"output_config\":{\"format\":{\"type\":\"regex\"}}"), "output_config.format.type");
            assertInvalid(withFields("\"output_config\":{\"format\":{\"type\":\"json_schema\",\"schema\":[]}}"),
                    "output_config.format.schema");
            assertInvalid(withFields("\"output_config\":3"), "output_config");
        }

        @Test
        void sampling_fields_are_range_checked() {
            assertInvalid(withFields("\"temperature\":2.5"), "temperature");
            assertInvalid(withFields("\"temperature\":\"hot\""), "temperature");
            assertInvalid(withFields("\"top_p\":1.5"), "top_p");
            assertInvalid(withFields("\"top_k\":-1"), "top_k");
            assertInvalid(withFields("\"stop_sequences\":[\"a\",3]"), "stop_sequences.1");
            assertInvalid(withFields("\"stop_sequences\":\"a\""), "stop_sequences");
            assertInvalid(withFields("\"metadata\":\"u\""), "metadata");
            assertInvalid(withFields("\"metadata\":{\"user_id\":5}"), "metadata.user_id");
            assertInvalid(withFields("\"stream\":\"yes\""), "stream");
        }
    }
}
