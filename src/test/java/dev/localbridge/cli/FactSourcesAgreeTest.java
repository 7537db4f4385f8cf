package dev.localbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localbridge.server.BridgeServer;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.FakeLlamaControl;
import dev.localbridge.testing.Json;
import dev.localbridge.testing.LlamaServer;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code doctor}, {@code env} and {@code claude} read the same facts from the same sources, so in one situation
 * they say the same: the context one request may use (a scripted llama-server advertising {@code n_ctx}), and
 * where Claude Code is (a fake one on the PATH, or the pinned install in the cache).
 */
class FactSourcesAgreeTest {
    static final int BACKEND_CTX = 12288;
    static final int BRIDGE_CTX = 10000;

    /** {@code --version} like Claude Code; otherwise records where it ran from and its context variable. */
    static final String FAKE_CLAUDE = """
            #!/bin/sh
            if [ "$1" = "--version" ]; then echo '2.1.328 (Claude Code)'; exit 0; fi
            { echo "path=$0"; echo "context=$CLAUDE_CODE_MAX_CONTEXT_TOKENS"; } > "$(dirname "$0")/claude.out"
            """;
    static final Pattern ENV_CONTEXT = Pattern.compile("(?m)^export CLAUDE_CODE_MAX_CONTEXT_TOKENS='(\\d+)'$");
    static final Pattern DOCTOR_CONTEXT = Pattern.compile("^export CLAUDE_CODE_MAX_CONTEXT_TOKENS=(\\d+)$");

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
        FakeLlamaControl control = new FakeLlamaControl(BACKEND_CTX);
        backend = new ScriptedBackend().routes(request -> {
            if (request.path().equals("/v1/models")) { // as llama-server lists its model
                request.response().putHeader("content-type", "application/json")
                        .end("{\"object\":\"list\",\"data\":[{\"id\":\"fake-model\",\"object\":\"model\"}]}");
                return true;
            }
            return control.apply(request);
        });
    }

    @AfterAll
    static void stop() {
        backend.close();
        System.setProperty("user.home", userHome);
    }

    @BeforeEach
    void cleanEnvironment() throws IOException {
        environment = new HashMap<>();
        environment.put("PATH", "/usr/bin:/bin");
        environment.put("HOME", home.toString());
        environment.put("LOCALBRIDGE_CACHE", Files.createDirectory(dir.resolve("cache")).toString());
    }

    Path fakeClaude(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, FAKE_CLAUDE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /** The context {@code doctor} tells Claude Code to use, from its JSON report. */
    int doctorContext(String... args) {
        JsonNode check = check(doctor(args), "CLAUDE_CODE_MAX_CONTEXT_TOKENS");
        Matcher fix = DOCTOR_CONTEXT.matcher(check.path("fix").asText());
        assertThat(fix.matches()).as("doctor's fix for CLAUDE_CODE_MAX_CONTEXT_TOKENS: " + check).isTrue();
        return Integer.parseInt(fix.group(1));
    }

    /** Where {@code doctor} found Claude Code. */
    String doctorClaude(String... args) {
        JsonNode check = check(doctor(args), "claude code");
        assertThat(check.path("status").asText()).as(check.toString()).isEqualTo("pass");
        return check.path("detail").asText();
    }

    JsonNode doctor(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new DoctorCommand(environment)).setOut(new PrintWriter(out));
        cli.execute(concat(args, "--json"));
        return Json.parse(out.toString());
    }

    static JsonNode check(JsonNode report, String name) {
        for (JsonNode check : report.path("checks")) {
            if (check.path("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + report);
    }

    int envContext(String... args) {
        StringWriter out = new StringWriter();
        new CommandLine(new EnvCommand(environment)).setOut(new PrintWriter(out)).setErr(new PrintWriter(
                new StringWriter())).execute(concat(args, "--shell", "bash"));
        Matcher context = ENV_CONTEXT.matcher(out.toString());
        assertThat(context.find()).as(out.toString()).isTrue();
        return Integer.parseInt(context.group(1));
    }

    /** Runs {@code claude}; returns what the fake that ran recorded: its path and its context variable. */
    List<String> claude(Path expectedFake, String... args) throws IOException {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new ClaudeCommand(environment)).setErr(new PrintWriter(err)).execute(args);
        assertThat(code).as(err.toString()).isZero();
        return Files.readAllLines(expectedFake.resolveSibling("claude.out"));
    }

    static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    /** Asks doctor, env and claude (a fake Claude Code on the PATH) for the context, with the same arguments. */
    void allThreeSay(int context, int bridgePort) throws IOException {
        Path claude = fakeClaude(dir.resolve("bin/claude"));
        environment.put("PATH", claude.getParent() + ":/usr/bin:/bin");
        String[] args = {"--port", Integer.toString(bridgePort), "--backend", backend.url()};

        assertThat(doctorContext(args)).as("doctor").isEqualTo(context);
        assertThat(envContext(args)).as("env").isEqualTo(context);
        assertThat(claude(claude, args)).as("claude").contains("context=" + context);
    }

    @Test
    void without_a_bridge_all_three_take_the_context_the_backend_advertises() throws IOException {
        allThreeSay(BACKEND_CTX, LlamaServer.freePort());
    }

    @Test
    void with_a_bridge_running_all_three_take_the_context_that_bridge_enforces() throws IOException {
        try (BridgeServer bridge = Bridges.start(backend.url(), b -> b.contextOverride(BRIDGE_CTX))) {
            allThreeSay(BRIDGE_CTX, bridge.port());
        }
    }

    @Test
    void doctor_and_claude_find_the_same_claude_on_the_path() throws IOException {
        Path claude = fakeClaude(dir.resolve("bin/claude"));
        fakeClaude(Path.of(environment.get("LOCALBRIDGE_CACHE"), "claude-code-2.1.328/node_modules/.bin/claude"));
        environment.put("PATH", claude.getParent() + ":/usr/bin:/bin");
        String[] args = {"--port", Integer.toString(LlamaServer.freePort()), "--backend", backend.url()};

        assertThat(doctorClaude(args)).contains(claude.toString());
        assertThat(claude(claude, args)).contains("path=" + claude);
    }

    @Test
    void doctor_and_claude_find_the_same_pinned_install_when_none_is_on_the_path() throws IOException {
        Path pinned = fakeClaude(Path.of(environment.get("LOCALBRIDGE_CACHE"),
                "claude-code-2.1.328/node_modules/.bin/claude"));
        String[] args = {"--port", Integer.toString(LlamaServer.freePort()), "--backend", backend.url()};

        assertThat(doctorClaude(args)).contains(pinned.toString());
        assertThat(claude(pinned, args)).contains("path=" + pinned);
    }
}
