package dev.localbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.server.BridgeServer;
import dev.localbridge.testing.BridgeClient;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.LlamaServer;
import dev.localbridge.testing.Script;
import dev.localbridge.testing.ScriptedBackend;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code claude} with a fake Claude Code that records what it got, talks to the bridge, and exits 3. */
class ClaudeCommandTest {
    static final String PROPS = "{\"default_generation_settings\":{\"n_ctx\":8192},\"total_slots\":1,"
            + "\"model_path\":\"m.gguf\",\"chat_template_caps\":{}}";

    /**
     * Records its arguments and Claude Code's variables, then sends one message to the bridge at ANTHROPIC_BASE_URL
     * with the token, as Claude Code would, over bash's /dev/tcp so it needs no other tool.
     */
    static final String FAKE_CLAUDE = """
            #!/usr/bin/env bash
            out="$(dirname "$0")/claude.out"
            {
              for a in "$@"; do echo "arg=$a"; done
              env | grep -E '^(ANTHROPIC_|CLAUDE_CODE_|DISABLE_AUTOUPDATER=)' | sort
              hostport=${ANTHROPIC_BASE_URL#http://}
              exec 3<>"/dev/tcp/${hostport%:*}/${hostport##*:}"
              body='{"model":"claude-sonnet-5-5","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}'
              head='POST /v1/messages HTTP/1.1\\r\\nHost: bridge\\r\\nContent-Type: application/json\\r\\n'
              head+='Authorization: Bearer %s\\r\\nContent-Length: %d\\r\\nConnection: close\\r\\n\\r\\n%s'
              printf "$head" "$ANTHROPIC_AUTH_TOKEN" "${#body}" "$body" >&3
              echo "bridge said: $(tr -d '\\r' <&3 | tail -n 1)"
            } > "$out" 2>&1
            exit 3
            """;

    static ScriptedBackend backend;
    static String userHome;

    @TempDir
    static Path home;

    @TempDir
    Path dir;

    Map<String, String> environment;

    @BeforeAll
    static void start() {
        userHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        backend = new ScriptedBackend().fallback(body -> Script.text("hello from the backend")).routes(request -> {
            switch (request.path()) {
                case "/health" -> request.response().putHeader("content-type", "application/json")
                        .end("{\"status\":\"ok\"}");
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

    /** The fake as {@code claude} first on PATH, and an ANTHROPIC_API_KEY in the environment. */
    @BeforeEach
    void fakeClaudeOnPath() throws IOException {
        Path claude = Files.writeString(dir.resolve("claude"), FAKE_CLAUDE);
        Files.setPosixFilePermissions(claude, PosixFilePermissions.fromString("rwxr-xr-x"));
        environment = new HashMap<>(System.getenv());
        environment.remove("LOCALBRIDGE_CLAUDE");
        environment.put("PATH", dir + ":" + System.getenv("PATH"));
        environment.put("ANTHROPIC_API_KEY", "sk-must-not-reach-claude");
    }

    int claude(String... args) {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new ClaudeCommand(environment)).setErr(new PrintWriter(err)).execute(args);
        assertThat(err.toString()).isEmpty();
        return code;
    }

    List<String> recorded() throws IOException {
        return Files.readAllLines(dir.resolve("claude.out"));
    }

    @Test
    void starts_the_bridge_runs_claude_with_its_environment_and_arguments_and_passes_the_exit_code_through()
            throws Exception {
        String port = Integer.toString(LlamaServer.freePort());

        int code = claude("--port", port, "--backend", backend.url(),
                "--", "-p", "hi there", "--output-format", "json");

        assertThat(code).isEqualTo(3);
        assertThat(recorded()).containsSubsequence("arg=-p", "arg=hi there", "arg=--output-format", "arg=json");
        assertThat(recorded()).contains("ANTHROPIC_BASE_URL=http://127.0.0.1:" + port, "ANTHROPIC_AUTH_TOKEN=local",
                "CLAUDE_CODE_MAX_OUTPUT_TOKENS=16384", "CLAUDE_CODE_MAX_CONTEXT_TOKENS=8192",
                "ANTHROPIC_MODEL=claude-opus-local", "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1",
                "DISABLE_AUTOUPDATER=1");
        assertThat(recorded()).noneMatch(line -> line.startsWith("ANTHROPIC_API_KEY="));
        assertThat(recorded())
                .anyMatch(line -> line.startsWith("bridge said: ") && line.contains("hello from the backend"));
    }

    @Test
    void stops_the_bridge_it_started_when_claude_exits() throws Exception {
        String port = Integer.toString(LlamaServer.freePort());

        claude("--port", port, "--backend", backend.url(), "--", "-p", "hi");

        assertThat(recorded()).anyMatch(line -> line.contains("hello from the backend"));
        assertThat(BridgeFacts.runningBridge("http://127.0.0.1:" + port)).isEmpty();
    }

    @Test
    void a_bridge_already_running_is_used_and_left_running() throws Exception {
        BridgeServer running = Bridges.start(backend.url());
        try {
            int code = claude("--port", Integer.toString(running.port()), "--backend", "http://127.0.0.1:1",
                    "--", "-p", "hi");

            assertThat(code).isEqualTo(3);
            assertThat(recorded()).contains("ANTHROPIC_BASE_URL=http://127.0.0.1:" + running.port(),
                    "CLAUDE_CODE_MAX_CONTEXT_TOKENS=8192");
            assertThat(new BridgeClient(Bridges.url(running)).get("/health").status()).isEqualTo(200);
        } finally {
            running.close();
        }
    }

    @Test
    void the_first_api_key_becomes_the_token() throws Exception {
        claude("--port", Integer.toString(LlamaServer.freePort()), "--backend", backend.url(),
                "--api-keys", "sk-one,sk-two", "--", "-p", "hi");

        assertThat(recorded()).contains("ANTHROPIC_AUTH_TOKEN=sk-one")
                .anyMatch(line -> line.contains("hello from the backend"));
    }

    @Test
    void an_explicit_claude_executable_wins_over_path() throws Exception {
        Path other = Files.createDirectory(dir.resolve("other"));
        Path explicit = Files.writeString(other.resolve("my-claude"),
                "#!/bin/sh\necho explicit > \"$(dirname \"$0\")/ran\"\nexit 7\n");
        Files.setPosixFilePermissions(explicit, PosixFilePermissions.fromString("rwxr-xr-x"));

        int code = claude("--port", Integer.toString(LlamaServer.freePort()), "--backend", backend.url(),
                "--claude", explicit.toString());

        assertThat(code).isEqualTo(7);
        assertThat(other.resolve("ran")).hasContent("explicit");
        assertThat(dir.resolve("claude.out")).doesNotExist();
    }

    @Test
    void help_shows_examples() {
        String help = new CommandLine(new ClaudeCommand()).getUsageMessage();

        assertThat(help).contains("Examples:").contains("localbridge claude -- -p");
    }
}
