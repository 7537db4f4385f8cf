package dev.localbridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real Claude Code CLI ({@code claude -p … --output-format json}) against a bridge. */
public final class ClaudeCode {
    private ClaudeCode() {
    }

    public record Run(int exitCode, String stdout, String stderr) {
        public JsonNode json() {
            return Json.parse(stdout);
        }
    }

    public static Run print(String bridgeUrl, Path workDir, String prompt, String... flags)
            throws IOException, InterruptedException {
        Path claude = ExternalTools.claudeCode();
        Path home = Files.createTempDirectory("claude-home");
        List<String> command = new ArrayList<>(List.of(claude.toString(), "-p", prompt, "--output-format", "json"));
        command.addAll(List.of(flags));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("ANTHROPIC_") || k.startsWith("CLAUDE_"));
        env.put("HOME", home.toString());
        env.put("ANTHROPIC_BASE_URL", bridgeUrl);
        env.put("ANTHROPIC_AUTH_TOKEN", "local-test-token");
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        env.put("DISABLE_AUTOUPDATER", "1");
        env.put("CLAUDE_CODE_MAX_RETRIES", "2");
        Path out = Files.createTempFile("claude", ".out");
        Path err = Files.createTempFile("claude", ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("claude did not finish within 180 s; stderr: "
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
