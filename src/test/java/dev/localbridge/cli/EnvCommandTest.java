package dev.localbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.server.BridgeServer;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.ExternalTools;
import dev.localbridge.testing.LlamaServer;
import dev.localbridge.testing.ScriptedBackend;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code env}'s output, evaluated by the real shells it is written for. */
class EnvCommandTest {
    static final String PROPS = "{\"default_generation_settings\":{\"n_ctx\":8192},\"total_slots\":1,"
            + "\"model_path\":\"m.gguf\",\"chat_template_caps\":{\"supports_tools\":true,"
            + "\"supports_parallel_tool_calls\":true}}";
    static final String AWKWARD_KEY = "it's a \"quoted\" key with spaces; a \\ backslash plus $HOME and `ls`";

    static ScriptedBackend backend;

    @TempDir
    Path dir;

    @BeforeAll
    static void backendWithProps() {
        backend = new ScriptedBackend().routes(request -> {
            if (!request.path().equals("/props")) {
                return false;
            }
            request.response().putHeader("content-type", "application/json").end(PROPS);
            return true;
        });
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    record Run(int code, String out, String err) {
    }

    static Run env(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new EnvCommand(environment)).setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Run env(String... args) {
        return env(Map.of(), args);
    }

    static String freePort() throws IOException {
        return Integer.toString(LlamaServer.freePort());
    }

    Map<String, String> expected(String port, String token, String ctx) {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("ANTHROPIC_BASE_URL", "http://127.0.0.1:" + port);
        expected.put("ANTHROPIC_AUTH_TOKEN", token);
        expected.put("CLAUDE_CODE_MAX_OUTPUT_TOKENS", "16384");
        if (ctx != null) {
            expected.put("CLAUDE_CODE_MAX_CONTEXT_TOKENS", ctx);
            expected.put("ANTHROPIC_MODEL", "claude-opus-local");
        }
        expected.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        expected.put("DISABLE_AUTOUPDATER", "1");
        return expected;
    }

    @Test
    void bash_sets_exactly_the_expected_variables_with_the_context_from_the_backends_props() throws Exception {
        String port = freePort();
        Run run = env("--shell", "bash", "--port", port, "--backend", backend.url());

        assertThat(run.code()).isZero();
        assertThat(added(List.of("bash", "--norc", "--noprofile", "-c"), "eval \"$(cat %s)\"", run.out()))
                .isEqualTo(expected(port, "local", "8192"));
        assertThat(run.out()).contains("# Context tokens one request may use").contains("llama-server /props");
        assertThat(run.err()).contains("no bridge answers at http://127.0.0.1:" + port);
    }

    @Test
    void values_with_quotes_spaces_and_dollars_survive_bash() throws Exception {
        String port = freePort();
        Run run = env("--shell", "bash", "--port", port, "--backend", backend.url(), "--api-keys", AWKWARD_KEY);

        assertThat(added(List.of("bash", "--norc", "--noprofile", "-c"), "eval \"$(cat %s)\"", run.out()))
                .isEqualTo(expected(port, AWKWARD_KEY, "8192"));
    }

    @Test
    void fish_sets_exactly_the_expected_variables_and_values_survive() throws Exception {
        Path fish = requireFish();
        String port = freePort();
        Run run = env("--shell", "fish", "--port", port, "--backend", backend.url(), "--api-keys", AWKWARD_KEY);

        assertThat(run.out()).contains("set -gx ANTHROPIC_BASE_URL");
        assertThat(added(List.of(fish.toString(), "--no-config", "-c"), "source %s", run.out()))
                .isEqualTo(expected(port, AWKWARD_KEY, "8192"));
    }

    @Test
    void an_unknown_context_is_printed_commented_out_with_the_reason() throws Exception {
        String port = freePort();
        String closed = "http://127.0.0.1:" + freePort();
        Run run = env("--shell", "bash", "--port", port, "--backend", closed);

        assertThat(run.out()).contains("# export CLAUDE_CODE_MAX_CONTEXT_TOKENS='<tokens per request>'")
                .doesNotContain("export ANTHROPIC_MODEL")
                .containsPattern("# Unknown: the backend is unreachable: " + closed + ".*--ctx N");
        assertThat(added(List.of("bash", "--norc", "--noprofile", "-c"), "eval \"$(cat %s)\"", run.out()))
                .isEqualTo(expected(port, "local", null));
    }

    @Test
    void the_context_comes_from_the_running_bridge_which_knows_its_backend() {
        BridgeServer bridge = Bridges.start(backend.url());
        try {
            Run run = env("--shell", "bash", "--port", Integer.toString(bridge.port()),
                    "--backend", "http://127.0.0.1:1", "--output-ceiling", "999");

            assertThat(run.out()).contains("export CLAUDE_CODE_MAX_CONTEXT_TOKENS='8192'")
                    .contains("export CLAUDE_CODE_MAX_OUTPUT_TOKENS='16384'");
            assertThat(run.err()).isEmpty();
        } finally {
            bridge.close();
        }
    }

    @Test
    void a_bridge_reporting_only_its_backends_url_in_health_gets_that_backend_probed() {
        EnvCommand command = new EnvCommand(Map.of());
        new CommandLine(command).parseArgs("--backend", "http://127.0.0.1:1");
        var health = dev.localbridge.testing.Json.parse("{\"status\":\"ok\",\"backend\":\"" + backend.url() + "\"}");

        assertThat(BridgeFacts.fromHealth(health.path("backend"), command.options))
                .isEqualTo(new dev.localbridge.diagnose.ContextWindow.Known(8192, "llama-server /props"));
    }

    @Test
    void a_configured_context_needs_no_backend() throws Exception {
        Run run = env("--shell", "bash", "--port", freePort(), "--backend", "http://127.0.0.1:1", "--ctx", "65536");

        assertThat(run.out()).contains("export CLAUDE_CODE_MAX_CONTEXT_TOKENS='65536'")
                .contains("configured (--ctx 65536)");
    }

    @Test
    void the_shell_defaults_to_the_one_named_by_the_shell_variable() throws Exception {
        Run fish = env(Map.of("SHELL", "/usr/bin/fish"), "--port", freePort(), "--ctx", "4096");
        Run pwsh = env(Map.of("SHELL", "/opt/microsoft/powershell/7/pwsh"), "--port", freePort(), "--ctx", "4096");
        Run none = env(Map.of(), "--port", freePort(), "--ctx", "4096");

        assertThat(fish.out()).contains("set -gx ANTHROPIC_AUTH_TOKEN 'local'");
        assertThat(pwsh.out()).contains("$env:ANTHROPIC_AUTH_TOKEN = 'local'");
        assertThat(none.out()).contains("export ANTHROPIC_AUTH_TOKEN='local'");
    }

    @Test
    void the_api_key_variable_is_never_set_only_advised_against_in_the_shells_own_syntax() throws Exception {
        Run bash = env("--shell", "bash", "--port", freePort(), "--ctx", "4096");
        Run fish = env("--shell", "fish", "--port", freePort(), "--ctx", "4096");
        Run pwsh = env("--shell", "powershell", "--port", freePort(), "--ctx", "4096");

        assertThat(bash.out()).doesNotContain("export ANTHROPIC_API_KEY")
                .containsPattern("(?m)^# .*unset ANTHROPIC_API_KEY$");
        assertThat(fish.out()).containsPattern("(?m)^# .*set -e ANTHROPIC_API_KEY$");
        assertThat(pwsh.out()).containsPattern("(?m)^# .*Remove-Item Env:ANTHROPIC_API_KEY$");
    }

    @Test
    void every_variable_has_a_comment_line_above_it() throws Exception {
        String[] lines = env("--shell", "bash", "--port", freePort(), "--ctx", "4096").out().split("\n");

        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("export ")) {
                assertThat(lines[i - 1]).as("line above " + lines[i]).startsWith("# ");
            }
        }
    }

    @Test
    void an_unknown_shell_is_a_usage_error() {
        Run run = env("--shell", "tcsh");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("unknown shell 'tcsh'");
    }

    @Test
    void help_shows_examples_for_each_shell() {
        String help = new CommandLine(new EnvCommand()).getUsageMessage();

        assertThat(help).contains("Examples:").contains("eval \"$(localbridge env)\"").contains("--shell fish | source")
                .contains("--shell powershell");
    }

    /**
     * The variables the shell has after running the printed lines that it did not have before (or had with another
     * value): the file is evaluated with {@code evalTemplate} in an otherwise empty environment.
     */
    Map<String, String> added(List<String> shell, String evalTemplate, String printed) throws Exception {
        Path file = Files.writeString(dir.resolve("env.out"), printed);
        Map<String, String> before = shellEnvironment(shell, "true");
        Map<String, String> after = shellEnvironment(shell, evalTemplate.formatted(file));
        Map<String, String> added = new LinkedHashMap<>(after);
        added.entrySet().removeIf(e -> e.getValue().equals(before.get(e.getKey())));
        return added;
    }

    static Map<String, String> shellEnvironment(List<String> shell, String script) throws Exception {
        List<String> command = new java.util.ArrayList<>(
                List.of("env", "-i", "PATH=/usr/bin:/bin", "HOME=/nonexistent"));
        command.addAll(shell);
        command.add(script + "; env -0");
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("the shell's exit code").isZero();
        Map<String, String> environment = new HashMap<>();
        for (String entry : out.split("\0")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                environment.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        environment.keySet().removeAll(List.of("SHLVL", "_", "PWD", "OLDPWD"));
        return environment;
    }

    /** fish, installed by {@code apt-get install -y fish}: skipped where missing, except under CI. */
    static Path requireFish() {
        Optional<Path> fish = dev.localbridge.install.Programs.onPath("fish", System.getenv("PATH"));
        if (fish.isEmpty()) {
            String reason = "fish is not installed (apt-get install -y fish)";
            if (ExternalTools.inCi()) {
                Assertions.fail(reason + " (CI=true: the fish test must run)");
            }
            Assumptions.abort(reason);
        }
        return fish.get();
    }
}
