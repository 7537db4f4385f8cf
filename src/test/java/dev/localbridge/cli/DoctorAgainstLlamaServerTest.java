package dev.localbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.server.BridgeServer;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.ExternalTools;
import dev.localbridge.testing.LlamaServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code doctor} over the real chain: Debian's llama-server with the tiny model, a bridge, the pinned Claude Code. */
class DoctorAgainstLlamaServerTest {

    @Test
    void everything_passes_except_the_tiny_models_template_which_cannot_render_tools() throws Exception {
        Path claude = ExternalTools.claudeCode();
        Path home = Files.createTempDirectory("doctor-home");
        // The tiny model was trained on 4096 tokens; its metadata is overridden so one slot holds 32768.
        try (LlamaServer llama = LlamaServer.start(32768, 1, "--override-kv", "llama.context_length=int:32768");
             BridgeServer bridge = Bridges.start(llama.url())) {
            Map<String, String> env = Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "HOME", home.toString(),
                    "LOCALBRIDGE_CLAUDE", claude.toString(), "ANTHROPIC_BASE_URL", Bridges.url(bridge),
                    "ANTHROPIC_AUTH_TOKEN", "local", "CLAUDE_CODE_MAX_OUTPUT_TOKENS", "16384",
                    "CLAUDE_CODE_MAX_CONTEXT_TOKENS", "32768");

            DoctorCommandTest.Run run = DoctorCommandTest.doctor(env, "--port", Integer.toString(bridge.port()),
                    "--backend", llama.url());

            assertThat(run.exit()).as(run.out()).isEqualTo(1);
            assertThat(run.line("bridge")).startsWith("✓").contains("forwarding to " + llama.url());
            assertThat(run.line("backend")).startsWith("✓").contains("llama.cpp", "at " + llama.url());
            assertThat(run.line("model")).startsWith("✓").contains("llama-2-tiny-random.gguf");
            assertThat(run.line("context")).startsWith("✓").contains("32768 tokens of context");
            assertThat(run.line("tools")).isEqualTo("✗ tools        the chat template cannot render tools"
                    + " (chat_template_caps.supports_tools: false): Claude Code's tools would be dropped, so it could"
                    + " not read, edit or run anything → start llama-server with --jinja / a tool-capable template"
                    + " (the model's own, or --chat-template-file FILE.jinja)");
            assertThat(run.line("vision")).startsWith("·").contains("no:");
            assertThat(run.line("thinking")).startsWith("·").contains("does not think");
            assertThat(run.line("claude code")).startsWith("✓").contains("Claude Code 2.1.328");
            assertThat(run.out().lines().filter(l -> l.startsWith("✗"))).hasSize(1);
            assertThat(run.out().lines().filter(l -> l.startsWith("!"))).isEmpty();
            assertThat(run.out()).contains("1 problem to fix");
        }
    }
}
