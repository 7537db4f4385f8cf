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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Claude Code CLI (pinned) runs tool calls a model wrote as text: a Hermes-style
 * {@code <tool_call>{…}</tool_call>} and a Qwen3-Coder {@code <function=Write><parameter=…>} call, streamed
 * by the backend as plain content in small fragments, with {@code finish_reason: stop}.
 */
class ClaudeCodeTextToolCallsTest {
    static final String CONTENT_A = "Hermes: \"quoted\" — ünïcödé\n{\"json\": [1, 2]}\n";
    static final String CONTENT_B = "Qwen3-Coder: <b>tags</b> 'single' 日本語\n  indented line\n";
    static final String FINAL = "Both files are written.";

    @Test
    void claude_code_executes_a_hermes_call_and_a_qwen3_coder_call_written_as_text(@TempDir Path project)
            throws Exception {
        Path a = project.resolve("a.txt");
        Path b = project.resolve("b.txt");
        try (ScriptedBackend backend = new ScriptedBackend();
             BridgeServer bridge = Bridges.start(backend.url())) {
            backend.fallback(request -> {
                if (!ClaudeCodeEndToEndTest.hasTool(request, "Write")) {
                    return Script.text("Side answer");
                }
                return switch (toolResults(request)) {
                    case 0 -> inText("I'll write a.txt first.\n\n<tool_call>\n{\"name\": \"Write\", \"arguments\": "
                            + Json.MAPPER.valueToTree(Map.of("file_path", a.toString(), "content", CONTENT_A))
                            + "}\n</tool_call>");
                    case 1 -> inText("Now b.txt.\n<tool_call>\n<function=Write>\n<parameter=file_path>\n" + b
                            + "\n</parameter>\n<parameter=content>\n" + CONTENT_B + "\n</parameter>\n</function>\n"
                            + "</tool_call>");
                    default -> inText(FINAL);
                };
            });

            ClaudeCode.Run run = ClaudeCode.print(Bridges.url(bridge), project,
                    "Create a.txt and then b.txt with the agreed content.", "--allowedTools", "Write");

            assertThat(run.exitCode()).as(run.stderr() + run.stdout()).isZero();
            JsonNode result = run.json();
            assertThat(result.path("is_error").asBoolean()).as(run.stdout()).isFalse();
            assertThat(result.path("result").asText()).isEqualTo(FINAL);
        }
        assertThat(Files.readString(a, StandardCharsets.UTF_8)).isEqualTo(CONTENT_A);
        assertThat(Files.readString(b, StandardCharsets.UTF_8)).isEqualTo(CONTENT_B);
    }

    /** The text as a backend whose parser did not recognise the call sends it: content in 5-character pieces. */
    static Script inText(String text) {
        Script.Builder script = Script.named("text call").role();
        for (int at = 0; at < text.length(); at += 5) {
            script.content(text.substring(at, Math.min(text.length(), at + 5)));
        }
        return script.finish("stop").usage(9000, 60, 0).done().build();
    }

    static int toolResults(JsonNode request) {
        int count = 0;
        for (JsonNode message : request.path("messages")) {
            if (message.path("role").asText().equals("tool")) {
                count++;
            }
        }
        return count;
    }
}
