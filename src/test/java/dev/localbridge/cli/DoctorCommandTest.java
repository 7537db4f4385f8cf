package dev.localbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localbridge.diagnose.LlamaProps;
import dev.localbridge.server.BridgeServer;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.Json;
import dev.localbridge.testing.LlamaServer;
import dev.localbridge.testing.ScriptedBackend;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code localbridge doctor}: one test per misconfiguration, against scripted backends and real bridges. */
class DoctorCommandTest {
    @TempDir
    static Path tmp;
    static Path fakeClaude;

    @BeforeAll
    static void fakeClaudeCode() throws IOException {
        fakeClaude = tmp.resolve("claude");
        Files.writeString(fakeClaude, "#!/bin/sh\necho '2.1.328 (Claude Code)'\n");
        Files.setPosixFilePermissions(fakeClaude, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    record Run(int exit, String out) {
        /** The line of one check, e.g. {@code ✗ context  …}. */
        String line(String check) {
            return out.lines().filter(l -> l.length() > 2 && l.substring(2).startsWith(check + " "))
                    .findFirst().orElseThrow(() -> new AssertionError("no line for " + check + " in:\n" + out));
        }
    }

    /** A scripted llama-server and a real bridge in front of it. */
    record Chain(ScriptedBackend backend, BridgeServer bridge) implements AutoCloseable {
        static Chain of(LlamaProps props) {
            ScriptedBackend backend = props.serve();
            return new Chain(backend, Bridges.start(backend.url()));
        }

        String url() {
            return Bridges.url(bridge);
        }

        String[] args(String... more) {
            String[] args = {"--port", Integer.toString(bridge.port()), "--backend", backend.url()};
            String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
            System.arraycopy(more, 0, all, args.length, more.length);
            return all;
        }

        @Override
        public void close() {
            bridge.close();
            backend.close();
        }
    }

    static Map<String, String> goodEnvironment(String bridgeUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", "/usr/bin:/bin");
        env.put("LOCALBRIDGE_CLAUDE", fakeClaude.toString());
        env.put("ANTHROPIC_BASE_URL", bridgeUrl);
        env.put("ANTHROPIC_AUTH_TOKEN", "local");
        env.put("CLAUDE_CODE_MAX_OUTPUT_TOKENS", "16384");
        env.put("CLAUDE_CODE_MAX_CONTEXT_TOKENS", "32768");
        return env;
    }

    static Map<String, String> with(Map<String, String> env, String name, String value) {
        Map<String, String> changed = new HashMap<>(env);
        if (value == null) {
            changed.remove(name);
        } else {
            changed.put(name, value);
        }
        return changed;
    }

    /** Runs {@code doctor} with this environment, capturing what it prints. */
    static Run doctor(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new DoctorCommand(env));
        cli.setOut(new PrintWriter(out));
        int exit = cli.execute(args);
        return new Run(exit, out.toString());
    }

    @Test
    void a_ready_chain_passes_every_check_and_exits_0() {
        try (Chain chain = Chain.of(LlamaProps.ready())) {
            Run run = doctor(goodEnvironment(chain.url()), chain.args());

            assertThat(run.exit()).as(run.out()).isZero();
            assertThat(run.line("bridge")).startsWith("✓").contains("Local Bridge", chain.url());
            assertThat(run.line("backend")).startsWith("✓").contains("llama.cpp b11669-Debian");
            assertThat(run.line("model")).startsWith("✓").contains(LlamaProps.MODEL);
            assertThat(run.line("context")).startsWith("✓").contains("32768 tokens of context");
            assertThat(run.line("tools")).startsWith("✓");
            assertThat(run.line("vision")).startsWith("·").contains("--mmproj");
            assertThat(run.line("thinking")).startsWith("·");
            assertThat(run.line("claude code")).startsWith("✓").contains("Claude Code 2.1.328");
            assertThat(run.line("ANTHROPIC_BASE_URL")).startsWith("✓");
            assertThat(run.line("credentials")).startsWith("✓");
            assertThat(run.line("CLAUDE_CODE_MAX_OUTPUT_TOKENS")).startsWith("✓");
            assertThat(run.line("CLAUDE_CODE_MAX_CONTEXT_TOKENS")).startsWith("✓");
            assertThat(run.out()).doesNotContain("✗", "! ").contains("Everything checked is ready for Claude Code.");
        }
    }

    @Test
    void no_bridge_on_the_port_fails_with_the_command_that_starts_one() throws IOException {
        try (ScriptedBackend backend = LlamaProps.ready().serve()) {
            int port = LlamaServer.freePort();
            Run run = doctor(goodEnvironment("http://127.0.0.1:" + port), "--port", Integer.toString(port),
                    "--backend", backend.url());

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.line("bridge")).startsWith("✗").contains("nothing answers at http://127.0.0.1:" + port)
                    .contains("→ start it: localbridge serve --port " + port + " --backend " + backend.url());
            assertThat(run.line("backend")).startsWith("✓");
        }
    }

    @Test
    void the_bridge_port_taken_by_another_http_server_fails_as_a_port_conflict() {
        try (ScriptedBackend llama = LlamaProps.ready().serve(); ScriptedBackend other = LlamaProps.ready().serve()) {
            Run run = doctor(goodEnvironment("http://127.0.0.1:" + other.port()), "--port",
                    Integer.toString(other.port()), "--backend", llama.url());

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.line("bridge")).startsWith("✗")
                    .contains("port " + other.port() + " is taken by something that is not Local Bridge")
                    .contains("GET /health answered 200 {\"status\":\"ok\"}", "looks like llama-server")
                    .contains("→ stop that program, or run the bridge on a free port");
        }
    }

    @Test
    void the_bridge_port_accepting_connections_but_not_http_fails_as_a_port_conflict() throws IOException {
        try (ScriptedBackend llama = LlamaProps.ready().serve(); NotHttpServer ssh = new NotHttpServer()) {
            Run run = doctor(goodEnvironment("http://127.0.0.1:" + ssh.port()), "--port",
                    Integer.toString(ssh.port()), "--backend", llama.url());

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.line("bridge")).startsWith("✗")
                    .contains("port " + ssh.port() + " is taken by something that is not an HTTP server")
                    .contains("→ stop that program");
        }
    }

    @Test
    void an_unreachable_backend_fails_with_how_to_start_llama_server() throws IOException {
        int dead = LlamaServer.freePort();
        try (BridgeServer bridge = Bridges.start("http://127.0.0.1:" + dead)) {
            Run run = doctor(goodEnvironment(Bridges.url(bridge)), "--port", Integer.toString(bridge.port()));

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.line("backend")).startsWith("✗")
                    .contains("no backend answers at http://127.0.0.1:" + dead + " (connection refused)")
                    .contains("→ start llama-server: llama-server -m MODEL.gguf --port " + dead);
            assertThat(run.line("context")).startsWith("-").contains("not checked");
        }
    }

    @Test
    void a_backend_still_loading_its_model_fails_with_wait_or_check_the_log() {
        try (ScriptedBackend loading = LlamaProps.loading(); BridgeServer bridge = Bridges.start(loading.url())) {
            Run run = doctor(goodEnvironment(Bridges.url(bridge)), "--port", Integer.toString(bridge.port()));

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.line("backend")).startsWith("✗").contains("still loading its model", "Loading model")
                    .contains("→ wait, or check the llama-server log");
        }
    }

    @Test
    void a_backend_port_answering_something_not_openai_compatible_fails_as_a_port_conflict() {
        try (ScriptedBackend web = new ScriptedBackend().routes(request -> {
            request.response().setStatusCode(404).putHeader("content-type", "text/html")
                    .end("<html><body>Not Found</body></html>");
            return true;
        }); BridgeServer bridge = Bridges.start(web.url())) {
            Run run = doctor(goodEnvironment(Bridges.url(bridge)), "--port", Integer.toString(bridge.port()));

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.line("backend")).startsWith("✗")
                    .contains("answers HTTP but is not an OpenAI-compatible server: GET /v1/models answered 404")
                    .contains("→ point --backend at your llama-server");
        }
    }

    @Test
    void context_split_over_slots_below_16k_fails_with_fewer_slots_or_more_context() {
        try (Chain chain = Chain.of(LlamaProps.ready().context(8192, 4))) {
            Run run = doctor(goodEnvironment(chain.url()), chain.args());

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.line("context").replaceAll(" {2,}", "  ")).isEqualTo("✗ context  32768 split over 4 slots = 8192 per slot: too"
                    + " small for Claude Code's ~15k-token system prompt → start llama-server with -np 1 or -c 131072");
        }
    }

    @Test
    void context_below_24k_warns_that_claude_code_will_compact_often_but_exits_0() {
        try (Chain chain = Chain.of(LlamaProps.ready().context(20480, 1))) {
            Run run = doctor(with(goodEnvironment(chain.url()), "CLAUDE_CODE_MAX_CONTEXT_TOKENS", "20480"),
                    chain.args());

            assertThat(run.exit()).as(run.out()).isZero();
            assertThat(run.line("context")).startsWith("!").contains("20480 tokens of context", "~5480 tokens left")
                    .contains("→ start llama-server with -c 32768");
        }
    }

    @Test
    void a_chat_template_without_tools_fails_with_the_jinja_fix() {
        try (Chain chain = Chain.of(LlamaProps.ready().withoutTools())) {
            Run run = doctor(goodEnvironment(chain.url()), chain.args());

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.line("tools")).startsWith("✗").contains("chat_template_caps.supports_tools: false")
                    .contains("→ start llama-server with --jinja / a tool-capable template");
        }
    }

    @Test
    void a_thinking_template_with_reasoning_format_none_warns_that_thinking_shows_as_text() {
        try (Chain chain = Chain.of(LlamaProps.ready().thinking("none"))) {
            Run run = doctor(goodEnvironment(chain.url()), chain.args());

            assertThat(run.exit()).isZero();
            assertThat(run.line("thinking")).startsWith("!").contains("--reasoning-format none")
                    .contains("→ restart llama-server without --reasoning-format none");
        }
    }

    @Test
    void a_thinking_template_with_reasoning_parsed_passes() {
        try (Chain chain = Chain.of(LlamaProps.ready().thinking("auto"))) {
            Run run = doctor(goodEnvironment(chain.url()), chain.args());

            assertThat(run.line("thinking")).startsWith("✓").contains("supports thinking");
        }
    }

    @Test
    void claude_code_not_installed_fails_with_the_npm_install_command() throws IOException {
        Path emptyDir = Files.createTempDirectory(tmp, "empty-path");
        try (Chain chain = Chain.of(LlamaProps.ready())) {
            Map<String, String> env = with(with(with(goodEnvironment(chain.url()), "LOCALBRIDGE_CLAUDE", null),
                    "PATH", emptyDir.toString()), "LOCALBRIDGE_CACHE", emptyDir.toString());
            Run run = doctor(env, chain.args());

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.line("claude code")).startsWith("✗").contains("Claude Code is not installed")
                    .contains("→ npm install -g @anthropic-ai/claude-code");
        }
    }

    @Test
    void the_pinned_install_that_localbridge_claude_uses_is_found_in_the_cache() throws IOException {
        Path cache = Files.createTempDirectory(tmp, "cache");
        Path bin = Files.createDirectories(cache.resolve("claude-code-2.1.328/node_modules/.bin"));
        Files.copy(fakeClaude, bin.resolve("claude"));
        try (Chain chain = Chain.of(LlamaProps.ready())) {
            Map<String, String> env = with(with(with(goodEnvironment(chain.url()), "LOCALBRIDGE_CLAUDE", null),
                    "PATH", "/nonexistent"), "LOCALBRIDGE_CACHE", cache.toString());
            Run run = doctor(env, chain.args());

            assertThat(run.line("claude code")).startsWith("✓").contains(bin.resolve("claude").toString());
        }
    }

    @Test
    void claude_code_found_on_the_path_reports_its_version() throws IOException {
        Path bin = Files.createTempDirectory(tmp, "bin");
        Files.copy(fakeClaude, bin.resolve("claude"));
        try (Chain chain = Chain.of(LlamaProps.ready())) {
            Map<String, String> env = with(with(goodEnvironment(chain.url()), "LOCALBRIDGE_CLAUDE", null),
                    "PATH", bin + ":/usr/bin:/bin");
            Run run = doctor(env, chain.args());

            assertThat(run.line("claude code")).startsWith("✓").contains("Claude Code 2.1.328", bin.toString());
        }
    }

    @Test
    void max_output_tokens_above_the_bridges_ceiling_warns_with_the_ceiling() {
        try (Chain chain = Chain.of(LlamaProps.ready())) {
            Run run = doctor(with(goodEnvironment(chain.url()), "CLAUDE_CODE_MAX_OUTPUT_TOKENS", "32000"),
                    chain.args());

            assertThat(run.exit()).isZero();
            assertThat(run.line("CLAUDE_CODE_MAX_OUTPUT_TOKENS")).startsWith("!")
                    .contains("32000 is more than the bridge's output ceiling of 16384")
                    .contains("→ export CLAUDE_CODE_MAX_OUTPUT_TOKENS=16384");
        }
    }

    @Test
    void max_context_tokens_above_the_backends_context_warns_with_the_real_size() {
        try (Chain chain = Chain.of(LlamaProps.ready())) {
            Run run = doctor(with(goodEnvironment(chain.url()), "CLAUDE_CODE_MAX_CONTEXT_TOKENS", "200000"),
                    chain.args());

            assertThat(run.exit()).isZero();
            assertThat(run.line("CLAUDE_CODE_MAX_CONTEXT_TOKENS")).startsWith("!")
                    .contains("200000 is more than the 32768 tokens the backend gives a request")
                    .contains("→ export CLAUDE_CODE_MAX_CONTEXT_TOKENS=32768");
        }
    }

    @Test
    void an_anthropic_api_key_warns_to_use_the_auth_token_instead() {
        try (Chain chain = Chain.of(LlamaProps.ready())) {
            Run run = doctor(with(goodEnvironment(chain.url()), "ANTHROPIC_API_KEY", "sk-ant-something"),
                    chain.args());

            assertThat(run.exit()).isZero();
            assertThat(run.line("credentials")).startsWith("!").contains("ANTHROPIC_API_KEY is set")
                    .contains("→ unset ANTHROPIC_API_KEY; export ANTHROPIC_AUTH_TOKEN=local");
        }
    }

    @Test
    void a_base_url_pointing_elsewhere_fails_with_this_bridges_url() {
        try (Chain chain = Chain.of(LlamaProps.ready())) {
            Run run = doctor(with(goodEnvironment(chain.url()), "ANTHROPIC_BASE_URL", "http://127.0.0.1:9999"),
                    chain.args());

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.line("ANTHROPIC_BASE_URL")).startsWith("✗")
                    .contains("http://127.0.0.1:9999 is not this bridge")
                    .contains("→ export ANTHROPIC_BASE_URL=" + chain.url());
        }
    }

    @Test
    void a_base_url_naming_the_bridge_as_localhost_passes() {
        try (Chain chain = Chain.of(LlamaProps.ready())) {
            String localhost = "http://localhost:" + chain.bridge().port() + "/";
            Run run = doctor(with(goodEnvironment(chain.url()), "ANTHROPIC_BASE_URL", localhost), chain.args());

            assertThat(run.line("ANTHROPIC_BASE_URL")).startsWith("✓");
        }
    }

    @Test
    void claude_code_max_tokens_warns_that_it_is_not_a_claude_code_variable() {
        try (Chain chain = Chain.of(LlamaProps.ready())) {
            Run run = doctor(with(goodEnvironment(chain.url()), "CLAUDE_CODE_MAX_TOKENS", "8192"), chain.args());

            assertThat(run.exit()).isZero();
            assertThat(run.line("CLAUDE_CODE_MAX_TOKENS")).startsWith("!")
                    .contains("not a Claude Code variable: it does nothing")
                    .contains("→ unset CLAUDE_CODE_MAX_TOKENS; to limit answers use CLAUDE_CODE_MAX_OUTPUT_TOKENS=16384");
        }
    }

    @Test
    void json_lists_every_check_with_name_status_detail_and_fix() {
        try (Chain chain = Chain.of(LlamaProps.ready().withoutTools())) {
            Run run = doctor(goodEnvironment(chain.url()), chain.args("--json"));

            assertThat(run.exit()).isEqualTo(1);
            JsonNode report = Json.parse(run.out());
            assertThat(report.path("ok").asBoolean(true)).isFalse();
            assertThat(report.path("failures").asInt()).isEqualTo(1);
            assertThat(report.path("checks").size()).isEqualTo(12);
            for (JsonNode check : report.path("checks")) {
                assertThat(check.path("name").isTextual()).isTrue();
                assertThat(check.path("status").asText()).isIn("pass", "info", "warn", "fail", "skip");
                assertThat(check.path("detail").isTextual()).isTrue();
                assertThat(check.has("fix")).isTrue();
            }
            JsonNode tools = find(report, "tools");
            assertThat(tools.path("status").asText()).isEqualTo("fail");
            assertThat(tools.path("fix").asText()).startsWith("start llama-server with --jinja");
            assertThat(find(report, "bridge").path("fix").isNull()).isTrue();
        }
    }

    @Test
    void help_shows_examples() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new DoctorCommand(Map.of()));
        cli.setOut(new PrintWriter(out));

        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).contains("Examples:", "localbridge doctor --json");
    }

    static JsonNode find(JsonNode report, String name) {
        for (JsonNode check : report.path("checks")) {
            if (check.path("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + report);
    }

    /** Accepts TCP connections and answers like an SSH server: not HTTP. */
    static final class NotHttpServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0);
        private final Thread acceptor = Thread.ofVirtual().start(this::serve);

        NotHttpServer() throws IOException {
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept(); OutputStream out = client.getOutputStream()) {
                    out.write("SSH-2.0-OpenSSH_9.6\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException closed) {
                    return;
                }
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
                acceptor.join();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
