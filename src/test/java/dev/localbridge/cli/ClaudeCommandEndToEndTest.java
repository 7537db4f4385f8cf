package dev.localbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localbridge.testing.ExternalTools;
import dev.localbridge.testing.Json;
import dev.localbridge.testing.LlamaServer;
import dev.localbridge.testing.Script;
import dev.localbridge.testing.ScriptedBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code claude} running the real, pinned Claude Code CLI: does Claude Code take the environment as meant? */
class ClaudeCommandEndToEndTest {
    static final String PROPS = "{\"default_generation_settings\":{\"n_ctx\":65536},\"total_slots\":1,"
            + "\"model_path\":\"coder.gguf\",\"chat_template_caps\":{\"supports_tools\":true}}";

    static ScriptedBackend backend;
    static String userHome;

    @TempDir
    static Path home;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        userHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        backend = new ScriptedBackend().fallback(body -> Script.text("hi from ", "the backend")).routes(request -> {
            switch (request.path()) {
                case "/health" -> request.response().end("{\"status\":\"ok\"}");
                case "/props" -> request.response().putHeader("content-type", "application/json").end(PROPS);
                default -> {
                    return false;
                }
            }
            return true;
        });
    }

    @AfterAll
    static void stop() {
        backend.close();
        System.setProperty("user.home", userHome);
    }

    @Test
    void claude_code_answers_through_the_bridge_and_applies_the_backends_context_size() throws Exception {
        Path real = ExternalTools.claudeCode();
        Path wrapper = Files.writeString(dir.resolve("claude"), "#!/bin/sh\nexec \"" + real + "\" \"$@\" > \"" + dir
                + "/claude.json\" 2> \"" + dir + "/claude.err\" < /dev/null\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.keySet().removeIf(k -> k.startsWith("ANTHROPIC_") || k.startsWith("CLAUDE_"));
        environment.put("HOME", Files.createDirectory(dir.resolve("home")).toString());
        environment.put("CLAUDE_CODE_MAX_RETRIES", "1");

        int code = new CommandLine(new ClaudeCommand(environment)).execute("--claude", wrapper.toString(),
                "--port", Integer.toString(LlamaServer.freePort()), "--backend", backend.url(),
                "--", "-p", "say hi", "--output-format", "json", "--tools", "Write");

        JsonNode result = Json.parse(Files.readString(dir.resolve("claude.json")));
        assertThat(code).as(Files.readString(dir.resolve("claude.err"))).isZero();
        assertThat(result.path("result").asText()).isEqualTo("hi from the backend");
        assertThat(result.path("modelUsage").path("claude-opus-local").path("contextWindow").asInt())
                .as("Claude Code's context window for the model").isEqualTo(65536);
    }
}
