package dev.localbridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localbridge.server.BridgeServer;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.ClaudeCode;
import dev.localbridge.testing.Json;
import dev.localbridge.testing.Script;
import dev.localbridge.testing.ScriptedBackend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Claude Code CLI (npm @anthropic-ai/claude-code, pinned) drives a tool loop through the bridge. */
class ClaudeCodeEndToEndTest {
    static final String CONTENT_A = "He said \"héllo ✓\" — ünïcödé\n";
    static final String CONTENT_B = "b: 'single' \"double\" 日本語 \\ backslash\n";
    static final String FINAL = "Both files are written: a.txt and b.txt.";

    @Test
    void claude_code_runs_two_parallel_writes_and_ends_with_the_backends_final_text(@TempDir Path project)
            throws Exception {
        Path a = project.resolve("a.txt");
        Path b = project.resolve("b.txt");
        List<JsonNode> mainTurns = new ArrayList<>();
        try (ScriptedBackend backend = new ScriptedBackend();
             BridgeServer bridge = Bridges.start(backend.url())) {
            backend.fallback(request -> {
                if (!hasTool(request, "Write")) {
                    return Script.text("Side answer");
                }
                mainTurns.add(request);
                return hasToolResults(request) ? finalAnswer() : twoWrites(a, b);
            });

            ClaudeCode.Run run = ClaudeCode.print(Bridges.url(bridge), project,
                    "Create a.txt and b.txt with the agreed content.", "--allowedTools", "Write");

            assertThat(run.exitCode()).as(run.stderr() + run.stdout()).isZero();
            JsonNode result = run.json();
            assertThat(result.path("is_error").asBoolean()).as(run.stdout()).isFalse();
            assertThat(result.path("result").asText()).isEqualTo(FINAL);
        }
        assertThat(Files.readString(a, StandardCharsets.UTF_8)).isEqualTo(CONTENT_A);
        assertThat(Files.readString(b, StandardCharsets.UTF_8)).isEqualTo(CONTENT_B);

        assertThat(mainTurns).hasSize(2);
        JsonNode followUp = mainTurns.get(1);
        List<JsonNode> messages = new ArrayList<>();
        followUp.path("messages").forEach(messages::add);
        JsonNode assistant = messages.stream().filter(m -> m.path("tool_calls").size() == 2).findFirst().orElseThrow();
        int at = messages.indexOf(assistant);
        JsonNode firstResult = messages.get(at + 1);
        JsonNode secondResult = messages.get(at + 2);
        assertThat(firstResult.path("role").asText()).isEqualTo("tool");
        assertThat(secondResult.path("role").asText()).isEqualTo("tool");
        assertThat(firstResult.path("tool_call_id").asText())
                .isEqualTo(assistant.path("tool_calls").get(0).path("id").asText()).startsWith("toolu_");
        assertThat(secondResult.path("tool_call_id").asText())
                .isEqualTo(assistant.path("tool_calls").get(1).path("id").asText());
        assertThat(Json.parse(assistant.path("tool_calls").get(0).path("function").path("arguments").asText()))
                .isEqualTo(Json.MAPPER.valueToTree(Map.of("file_path", a.toString(), "content", CONTENT_A)));
        assertThat(firstResult.path("content").asText()).contains("a.txt").doesNotStartWith("Error");
        assertThat(secondResult.path("content").asText()).contains("b.txt").doesNotStartWith("Error");
    }

    static Script twoWrites(Path a, Path b) {
        String first = Json.MAPPER.valueToTree(Map.of("file_path", a.toString(), "content", CONTENT_A)).toString();
        String second = Json.MAPPER.valueToTree(Map.of("file_path", b.toString(), "content", CONTENT_B)).toString();
        return Script.named("two writes").role()
                .content("I'll write both files.")
                .tool(0, "call_0", "Write", first, 9)
                .tool(1, "call_1", "Write", second, 9)
                .finish("tool_calls").usage(9000, 80, 0).done().build();
    }

    static Script finalAnswer() {
        return Script.named("final").role().content("Both files are written: ").content("a.txt and b.txt.")
                .finish("stop").usage(9300, 12, 9000).done().build();
    }

    static boolean hasTool(JsonNode request, String name) {
        for (JsonNode tool : request.path("tools")) {
            if (tool.path("function").path("name").asText().equals(name)) {
                return true;
            }
        }
        return false;
    }

    static boolean hasToolResults(JsonNode request) {
        for (JsonNode message : request.path("messages")) {
            if (message.path("role").asText().equals("tool")) {
                return true;
            }
        }
        return false;
    }
}
