package dev.localbridge.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localbridge.anthropic.MessagesRequest;
import dev.localbridge.anthropic.RequestReader;
import dev.localbridge.openai.ChatRequest;
import dev.localbridge.openai.ChatRequestWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every request Claude Code 2.1.328 really sent through reading, translation and writing, and checks
 * that nothing the model should see was lost on the way.
 */
class FixtureReplayTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String BILLING = "x-anthropic-billing-header";

    private static final RequestTranslator TRANSLATOR =
            new RequestTranslator(new ThinkingSignatures(RequestTranslatorTest.key((byte) 3)));

    /** One fixture, replayed: the inbound body and the upstream JSON. */
    private record Replay(JsonNode body, String upstreamText, JsonNode upstream) {
        JsonNode messages() {
            return upstream.path("messages");
        }
    }

    static Stream<Named<Path>> fixtures() {
        return Fixtures.claudeCodeRequests().stream().map(p -> Named.of(p.getFileName().toString(), p));
    }

    private static Replay replay(Path fixture) throws Exception {
        JsonNode body = MAPPER.readTree(Files.readAllBytes(fixture)).path("body");
        assertThat(body.isObject()).as("fixture body").isTrue();
        MessagesRequest request = RequestReader.read(MAPPER.writeValueAsBytes(body), true);
        ChatRequest chat = TRANSLATOR.translate(request, "local-model", 8192);
        byte[] written = ChatRequestWriter.write(chat);
        return new Replay(body, new String(written, StandardCharsets.UTF_8), MAPPER.readTree(written));
    }

    /** Every text an upstream message carries: its string content, or the text of its text parts. */
    private static List<String> texts(JsonNode message) {
        JsonNode content = message.path("content");
        List<String> out = new ArrayList<>();
        if (content.isTextual()) {
            out.add(content.textValue());
        } else if (content.isArray()) {
            for (JsonNode part : content) {
                if (part.path("type").asText().equals("text")) {
                    out.add(part.path("text").asText());
                }
            }
        }
        return out;
    }

    private static boolean anyMessageContains(Replay replay, String text) {
        for (JsonNode message : replay.messages()) {
            for (String carried : texts(message)) {
                if (carried.contains(text)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The texts of an Anthropic content value (string or blocks) of the given block type. */
    private static List<String> textBlocks(JsonNode content) {
        List<String> out = new ArrayList<>();
        if (content.isTextual()) {
            out.add(content.textValue());
            return out;
        }
        for (JsonNode block : content) {
            if (block.path("type").asText().equals("text")) {
                out.add(block.path("text").textValue());
            }
        }
        return out;
    }

    private static JsonNode findByField(Iterable<JsonNode> nodes, String field, String value) {
        for (JsonNode node : nodes) {
            if (value.equals(node.path(field).asText(null))) {
                return node;
            }
        }
        return null;
    }

    @Test
    void the_fixture_directory_holds_all_eleven_captured_requests() {
        assertThat(Files.isDirectory(Fixtures.claudeCodeDirectory()))
                .as("fixtures at %s", Fixtures.claudeCodeDirectory().toAbsolutePath()).isTrue();
        assertThat(Fixtures.claudeCodeRequests()).hasSize(11);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void the_fixture_uses_only_block_types_this_test_knows(Path fixture) throws Exception {
        JsonNode body = MAPPER.readTree(Files.readAllBytes(fixture)).path("body");
        for (JsonNode message : body.path("messages")) {
            JsonNode content = message.path("content");
            if (content.isTextual()) {
                continue;
            }
            for (JsonNode block : content) {
                assertThat(block.path("type").asText()).isIn("text", "tool_use", "tool_result");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void every_system_text_reaches_the_system_message_and_the_billing_header_never_does(Path fixture) throws Exception {
        Replay replay = replay(fixture);
        JsonNode first = replay.messages().get(0);

        assertThat(first.path("role").asText()).isEqualTo("system");
        String system = first.path("content").textValue();
        int checked = 0;
        for (JsonNode block : replay.body().path("system")) {
            String text = block.path("text").textValue();
            if (text.startsWith(BILLING) || text.isEmpty()) {
                continue;
            }
            assertThat(system).contains(text);
            checked++;
        }
        assertThat(checked).isPositive();
        assertThat(replay.upstreamText()).doesNotContain(BILLING);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void every_text_block_of_every_message_reaches_the_upstream_messages(Path fixture) throws Exception {
        Replay replay = replay(fixture);

        int checked = 0;
        for (JsonNode message : replay.body().path("messages")) {
            for (String text : textBlocks(message.path("content"))) {
                if (!text.isEmpty()) {
                    assertThat(anyMessageContains(replay, text))
                            .as("%s text %.80s… reaches upstream", message.path("role").asText(), text).isTrue();
                    checked++;
                }
            }
        }
        assertThat(checked).isPositive();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void every_tool_use_becomes_a_tool_call_with_the_same_id_and_arguments(Path fixture) throws Exception {
        Replay replay = replay(fixture);
        List<JsonNode> calls = new ArrayList<>();
        for (JsonNode message : replay.messages()) {
            message.path("tool_calls").forEach(calls::add);
        }

        int expected = 0;
        for (JsonNode message : replay.body().path("messages")) {
            for (JsonNode block : message.path("content")) {
                if (!block.path("type").asText().equals("tool_use")) {
                    continue;
                }
                expected++;
                JsonNode call = findByField(calls, "id", block.path("id").asText());
                assertThat(call).as("tool call %s", block.path("id").asText()).isNotNull();
                assertThat(call.path("type").asText()).isEqualTo("function");
                assertThat(call.path("function").path("name").asText()).isEqualTo(block.path("name").asText());
                String arguments = call.path("function").path("arguments").textValue();
                assertThat(MAPPER.readTree(arguments)).isEqualTo(block.path("input"));
            }
        }
        assertThat(calls).hasSize(expected);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void every_tool_result_becomes_a_tool_message_with_its_text(Path fixture) throws Exception {
        Replay replay = replay(fixture);
        List<JsonNode> toolMessages = new ArrayList<>();
        for (JsonNode message : replay.messages()) {
            if (message.path("role").asText().equals("tool")) {
                toolMessages.add(message);
            }
        }

        int expected = 0;
        for (JsonNode message : replay.body().path("messages")) {
            for (JsonNode block : message.path("content")) {
                if (!block.path("type").asText().equals("tool_result")) {
                    continue;
                }
                expected++;
                String id = block.path("tool_use_id").asText();
                JsonNode tool = findByField(toolMessages, "tool_call_id", id);
                assertThat(tool).as("tool message for %s", id).isNotNull();
                for (String text : textBlocks(block.path("content"))) {
                    assertThat(tool.path("content").textValue()).contains(text);
                }
            }
        }
        assertThat(toolMessages).hasSize(expected);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void every_tool_except_deferred_ones_is_offered_with_its_schema(Path fixture) throws Exception {
        Replay replay = replay(fixture);
        List<JsonNode> expected = new ArrayList<>();
        for (JsonNode tool : replay.body().path("tools")) {
            if (!tool.path("defer_loading").asBoolean(false)) {
                expected.add(tool);
            }
        }

        JsonNode tools = replay.upstream().path("tools");
        assertThat(tools.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode function = tools.get(i).path("function");
            assertThat(function.path("name").asText()).isEqualTo(expected.get(i).path("name").asText());
            assertThat(function.path("parameters")).isEqualTo(expected.get(i).path("input_schema"));
        }
        if (expected.isEmpty()) {
            assertThat(replay.upstream().has("tool_choice")).isFalse();
        } else {
            assertThat(replay.upstream().path("tool_choice").asText()).isEqualTo("auto");
            assertThat(replay.upstream().path("parallel_tool_calls").asBoolean()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void roles_after_the_system_message_alternate_between_user_and_assistant(Path fixture) throws Exception {
        Replay replay = replay(fixture);
        JsonNode messages = replay.messages();

        String previous = "start";
        boolean previousCalledTools = false;
        for (int i = 1; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String role = message.path("role").asText();
            boolean allowed = switch (role) {
                case "user" -> previous.equals("start") || previous.equals("assistant") || previous.equals("tool");
                case "assistant" -> previous.equals("user") || previous.equals("tool");
                case "tool" -> previous.equals("tool") || previous.equals("assistant") && previousCalledTools;
                default -> false;
            };
            assertThat(allowed).as("message %d (%s) after %s", i, role, previous).isTrue();
            previousCalledTools = role.equals("assistant") && message.path("tool_calls").size() > 0
                    || role.equals("tool") && previousCalledTools;
            previous = role;
        }
        assertThat(messages.size()).isGreaterThan(1);
        assertThat(messages.get(1).path("role").asText()).isEqualTo("user");
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void thinking_follows_the_request_and_the_stream_asks_for_usage(Path fixture) throws Exception {
        Replay replay = replay(fixture);
        String thinking = replay.body().path("thinking").path("type").asText("");
        boolean expected = thinking.equals("enabled") || thinking.equals("adaptive");

        assertThat(replay.upstream().path("chat_template_kwargs").path("enable_thinking").asBoolean()).isEqualTo(expected);
        assertThat(replay.upstream().path("stream").asBoolean()).isTrue();
        assertThat(replay.upstream().path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(replay.upstream().path("model").asText()).isEqualTo("local-model");
        assertThat(replay.upstream().path("max_tokens").asInt()).isEqualTo(8192);
        assertThat(replay.upstream().path("user").asText())
                .isEqualTo(replay.body().path("metadata").path("user_id").asText());
    }

    @Test
    void the_title_request_asks_for_its_json_schema_as_the_response_format() throws Exception {
        Path title = Fixtures.claudeCodeDirectory().resolve("interactive-title-000.json");
        Replay replay = replay(title);
        JsonNode schema = replay.body().path("output_config").path("format").path("schema");

        assertThat(schema.isObject()).isTrue();
        JsonNode format = replay.upstream().path("response_format");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("schema")).isEqualTo(schema);
    }

    @Test
    void only_the_title_request_asks_for_a_response_format() throws Exception {
        for (Path fixture : Fixtures.claudeCodeRequests()) {
            boolean hasFormat = replay(fixture).upstream().has("response_format");
            if (fixture.getFileName().toString().startsWith("interactive-title")) {
                assertThat(hasFormat).isTrue();
            } else if (hasFormat) {
                fail("%s unexpectedly asks for a response format", fixture.getFileName());
            }
        }
    }
}
