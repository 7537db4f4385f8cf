package dev.localbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.testing.FakeLlamaControl;
import dev.localbridge.testing.LlamaServer;
import dev.localbridge.testing.ScriptedBackend;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code serve} says at start about the window, the output budget and Claude Code, in the real program. ({@code
 * up}'s line with the real llama-server is in {@link UpCommandTest}.)
 */
class StartupLineTest {
    @TempDir
    Path dir;

    Process serve;

    @AfterEach
    void stop() throws InterruptedException {
        if (serve != null) {
            serve.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The real program's output up to its first line containing {@code marker}. */
    String serveUntil(String backend, String marker) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "--sun-misc-unsafe-memory-access=allow",
                "-cp", System.getProperty("java.class.path"), "dev.localbridge.cli.Main", "serve",
                "--port", Integer.toString(LlamaServer.freePort()), "--backend", backend).redirectErrorStream(true);
        builder.environment().put("LOCALBRIDGE_HOME", dir.toString());
        serve = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            lines.add(line);
            if (line.contains(marker)) {
                return line;
            }
        }
        throw new AssertionError("serve ended without saying \"" + marker + "\":\n" + String.join("\n", lines));
    }

    @Test
    @Timeout(120)
    void serve_says_in_one_line_that_a_4096_token_window_cannot_work_for_claude_code_and_what_to_do() throws Exception {
        try (ScriptedBackend backend = new ScriptedBackend().routes(new FakeLlamaControl(4096))) {
            String line = serveUntil(backend.url(), "Window:");

            assertThat(line).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  !! Window: 4096 tokens per request"
                    + " \\(llama-server /props\\) is too small for Claude Code: its first request alone is ~13k tokens,"
                    + " so every request will be answered 'prompt is too long'\\. Start llama-server with -c 32768"
                    + " \\(a model trained for that much\\)\\.");
        }
    }

    @Test
    @Timeout(120)
    void serve_says_a_32k_window_fits() throws Exception {
        try (ScriptedBackend backend = new ScriptedBackend().routes(new FakeLlamaControl(32768))) {
            String line = serveUntil(backend.url(), "Window:");

            assertThat(line).endsWith("INFO  Window: 32768 tokens per request (llama-server /props), answers up to"
                    + " 16384 tokens: fits Claude Code (~13k-token first request, ~20k left for the conversation).");
        }
    }
}
