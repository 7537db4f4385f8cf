package dev.localbridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localbridge.anthropic.RequestReader;
import dev.localbridge.openai.ChatRequestWriter;
import dev.localbridge.server.BridgeServer;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.ClaudeCode;
import dev.localbridge.testing.ExternalTools;
import dev.localbridge.testing.FakeLlamaControl;
import dev.localbridge.testing.Json;
import dev.localbridge.testing.Script;
import dev.localbridge.testing.ScriptedBackend;
import dev.localbridge.translate.RequestTranslator;
import dev.localbridge.translate.ThinkingSignatures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Claude Code CLI against a backend advertising a small context: reading two large files makes a
 * later turn overflow; the bridge answers {@code prompt is too long} before anything is generated, Claude Code
 * compacts, and the task still completes.
 */
class ClaudeCodeCompactionTest {
    static final int FILE_WORDS = 6000;
    static final String FINAL = "Finished after compaction.";

    @Test
    void an_overflowing_turn_makes_claude_code_compact_and_the_task_completes(@TempDir Path project) throws Exception {
        Path big = write(project.resolve("big.txt"), "alpha");
        Path mid = write(project.resolve("mid.txt"), "beta");
        Path done = project.resolve("done.txt");
        long base = claudeCodePromptWords();
        // Room for the first turns plus one file, not for both files: the turn after the second read overflows.
        int nCtx = (int) (base + FILE_WORDS + FILE_WORDS / 2 + 2048);
        FakeLlamaControl control = new FakeLlamaControl(nCtx);
        List<String> seen = new CopyOnWriteArrayList<>();
        boolean[] compacted = {false};
        try (ScriptedBackend backend = new ScriptedBackend().routes(control);
             BridgeServer bridge = Bridges.start(backend.url())) {
            backend.fallback(request -> {
                String text = request.toString();
                if (!text.contains("\"Write\"")) {
                    return Script.text("side answer");
                }
                if (text.contains("Respond with TEXT ONLY")) {
                    compacted[0] = true;
                    seen.add("compaction");
                    return Script.text("<summary>The user wants big.txt and mid.txt read, then done.txt written."
                            + " Both files were read. Next: write done.txt.</summary>");
                }
                String step = nextStep(text, compacted[0]);
                seen.add(step);
                return switch (step) {
                    case "read big" -> toolCall("Read", Map.of("file_path", big.toString()));
                    case "read mid" -> toolCall("Read", Map.of("file_path", mid.toString()));
                    case "write" -> toolCall("Write", Map.of("file_path", done.toString(), "content", "done\n"));
                    default -> Script.text(FINAL);
                };
            });

            ClaudeCode.Run run = ClaudeCode.print(Bridges.url(bridge), project,
                    "Read big.txt and mid.txt, then write done.txt.", "--allowedTools", "Read,Write");

            assertThat(run.exitCode()).as(run.stderr() + run.stdout()).isZero();
            assertThat(run.json().path("result").asText()).isEqualTo(FINAL);
            assertThat(bridge.metrics().prometheus())
                    .containsPattern("localbridge_errors_total\\{type=\"invalid_request_error\"} [1-9]");
        }
        assertThat(seen).containsSubsequence("read big", "read mid", "compaction", "write", "final");
        assertThat(Files.readString(done)).isEqualTo("done\n");
    }

    static String nextStep(String request, boolean compacted) {
        if (compacted) {
            return request.contains("done.txt") && request.contains("\"role\":\"tool\"")
                    && request.contains("File created successfully") ? "final" : "write";
        }
        if (!request.contains("alpha alpha")) {
            return "read big";
        }
        return request.contains("beta beta") ? "final" : "read mid";
    }

    static Script toolCall(String name, Map<String, String> input) {
        return Script.named(name).role().tool(0, "call_" + name, name, Json.MAPPER.valueToTree(input).toString(), 40)
                .finish("tool_calls").usage(1000, 20, 0).done().build();
    }

    static Path write(Path file, String word) throws Exception {
        StringBuilder text = new StringBuilder();
        for (int line = 0; line < FILE_WORDS / 20; line++) {
            text.append((word + " ").repeat(20).strip()).append('\n');
        }
        return Files.writeString(file, text.toString());
    }

    /** The size, in the fake tokenizer's words, of a real Claude Code 2.1.328 first request. */
    static long claudeCodePromptWords() throws Exception {
        Path fixture = ExternalTools.shared().resolve("fixtures/claude-code-2.1.328/single-turn-000.json");
        byte[] body = Json.parse(Files.readString(fixture)).path("body").toString().getBytes(StandardCharsets.UTF_8);
        var request = RequestReader.read(body, true);
        var chat = new RequestTranslator(new ThinkingSignatures(Bridges.TEST_KEY)).translate(request, "m", 1000);
        JsonNode upstream = Json.parse(ChatRequestWriter.write(chat, false));
        return FakeLlamaControl.tokens(FakeLlamaControl.render(upstream));
    }
}
