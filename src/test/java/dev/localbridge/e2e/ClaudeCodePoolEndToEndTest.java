package dev.localbridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.config.BackendKind;
import dev.localbridge.config.BackendSpec;
import dev.localbridge.config.PoolConfig;
import dev.localbridge.config.ModelMap;
import dev.localbridge.config.ScenarioModels;
import dev.localbridge.server.BridgeServer;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.ExternalTools;
import dev.localbridge.testing.LlamaServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Claude Code CLI, interactive (in a pseudo-terminal, as a user runs it), through a pool of two real
 * llama-servers: {@code large} serves {@code big-model}, {@code small} serves {@code small-model}, the pool routes
 * side requests to {@code small-model}. Claude Code's session-title request must reach the small backend and its main
 * turn (Claude Code's ~13k-token system prompt and tools) the large one, as the backends' own logs show.
 */
class ClaudeCodePoolEndToEndTest {
    private static final Pattern PROMPT_EVAL = Pattern.compile("prompt eval time = +[0-9.]+ ms / +(\\d+) tokens");

    @Test
    void claude_codes_title_request_goes_to_the_small_backend_and_its_main_turn_to_the_large_one(
            @TempDir Path project, @TempDir Path home) throws Exception {
        Path claude = ExternalTools.claudeCode();
        try (LlamaServer large = SlotAffinityBenchmark.start(1, "--alias", "big-model");
             LlamaServer small = SlotAffinityBenchmark.start(1, "--alias", "small-model")) {
            PoolConfig pool = new PoolConfig(List.of(
                    new BackendSpec("large", URI.create(large.url()), null, List.of("big-model"), 1, 0,
                            BackendKind.AUTO),
                    new BackendSpec("small", URI.create(small.url()), null, List.of("small-model"), 1, 0,
                            BackendKind.AUTO)),
                    new ScenarioModels("small-model", null), 16, Duration.ofSeconds(60), Duration.ofMinutes(10));
            try (BridgeServer bridge = Bridges.start(large.url(), b -> b.pool(pool)
                    .models(ModelMap.of(Map.of("default", "big-model"))))) {
                Process session = interactive(claude, Bridges.url(bridge), project, home);
                try {
                    long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
                    while (System.nanoTime() < deadline && !(largest(large.log()) > 10_000
                            && !prompts(small.log()).isEmpty())) {
                        Thread.sleep(200);
                    }
                } finally {
                    session.descendants().forEach(ProcessHandle::destroyForcibly);
                    session.destroyForcibly().waitFor();
                }
                assertThat(largest(large.log())).as("the main turn on the large backend").isGreaterThan(10_000);
                assertThat(prompts(small.log())).as("the title on the small backend").isNotEmpty();
                assertThat(largest(small.log())).as("only side requests on the small backend").isLessThan(5_000);
            }
        }
    }

    /** {@code claude "list the files here"} in a pseudo-terminal, onboarding done and the project trusted. */
    static Process interactive(Path claude, String bridgeUrl, Path project, Path home) throws IOException {
        Files.writeString(home.resolve(".claude.json"), "{\"hasCompletedOnboarding\":true,\"theme\":\"dark\","
                + "\"projects\":{\"" + project + "\":{\"hasTrustDialogAccepted\":true,"
                + "\"hasCompletedProjectOnboarding\":true}}}");
        ProcessBuilder builder = new ProcessBuilder("script", "-qfec", claude + " 'list the files here'", "/dev/null")
                .directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(Files.createTempFile("claude-interactive", ".out").toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("ANTHROPIC_") || k.startsWith("CLAUDE_"));
        env.put("HOME", home.toString());
        env.put("TERM", "xterm-256color");
        env.put("ANTHROPIC_BASE_URL", bridgeUrl);
        env.put("ANTHROPIC_AUTH_TOKEN", "local-test-token");
        env.put("DISABLE_AUTOUPDATER", "1");
        env.put("CLAUDE_CODE_MAX_RETRIES", "1");
        env.put("CLAUDE_CODE_MAX_OUTPUT_TOKENS", "48");
        return builder.start();
    }

    /** The prompt sizes llama-server processed, from its log. */
    static List<Integer> prompts(Path log) throws IOException {
        List<Integer> sizes = new ArrayList<>();
        Matcher m = PROMPT_EVAL.matcher(Files.readString(log));
        while (m.find()) {
            sizes.add(Integer.parseInt(m.group(1)));
        }
        return sizes;
    }

    static int largest(Path log) throws IOException {
        return prompts(log).stream().mapToInt(Integer::intValue).max().orElse(0);
    }
}
