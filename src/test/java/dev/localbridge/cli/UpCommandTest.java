package dev.localbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localbridge.stack.GpuMemory;
import dev.localbridge.stack.ModelDiscovery;
import dev.localbridge.stack.ModelLocations;
import dev.localbridge.stack.Stack;
import dev.localbridge.stack.StackException;
import dev.localbridge.stack.Supervisor;
import dev.localbridge.testing.BridgeClient;
import dev.localbridge.testing.ExternalTools;
import dev.localbridge.testing.LlamaServer;
import dev.localbridge.testing.ScriptedBackend;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code up}'s options and start-up logic in-process, with the real llama-server and the tiny model. (Stopping the
 * real program with SIGTERM is {@link UpProcessTest}.)
 */
class UpCommandTest {
    static final String MESSAGE = "{\"model\":\"claude-opus-5-5\",\"max_tokens\":8,\"temperature\":0,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Name three colours.\"}]}";
    static String userHome;

    @TempDir
    static Path home;

    @TempDir
    Path dir;

    final List<Stack> stacks = new ArrayList<>();

    /** The bridge's install key goes to a temporary home, not the user's. */
    @BeforeAll
    static void temporaryHome() {
        userHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
    }

    @AfterAll
    static void restoreHome() {
        System.setProperty("user.home", userHome);
    }

    @AfterEach
    void stopStacks() {
        stacks.forEach(Stack::close);
    }

    UpCommand parse(String... args) {
        UpCommand up = new UpCommand(System.getenv());
        new CommandLine(up).parseArgs(args);
        return up;
    }

    StackLauncher.Started start(UpCommand up) throws InterruptedException {
        Stack stack = new Stack(line -> { });
        stacks.add(stack);
        return StackLauncher.start(stack, up.options, up.llama, up.extra, System.getenv(), true);
    }

    String[] tinyModelArgs(int llamaPort, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--model", ExternalTools.tinyModel().toString(),
                "--llama-server", ExternalTools.llamaServer().toString(), "--llama-port", Integer.toString(llamaPort),
                "--log-file", dir.resolve("llama.log").toString()));
        args.addAll(List.of(more));
        if (!args.contains("--port")) {
            args.addAll(List.of("--port", Integer.toString(LlamaServer.freePort())));
        }
        return args.toArray(String[]::new);
    }

    @Test
    void up_starts_llama_server_and_the_bridge_which_answers_health_and_messages() throws Exception {
        UpCommand up = parse(tinyModelArgs(LlamaServer.freePort(), "--ctx", "1024"));

        StackLauncher.Started started = start(up);

        BridgeClient bridge = new BridgeClient(up.options.bridgeUrl());
        assertThat(bridge.get("/health").status()).isEqualTo(200);
        BridgeClient.Response answer = bridge.post("/v1/messages", MESSAGE);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("content").get(0).path("type").asText()).isEqualTo("text");
        assertThat(started.llamaServer()).isPresent();
        assertThat(Files.readString(dir.resolve("llama.log"))).contains("-c 1024 -np 1 --jinja");
    }

    @Test
    void the_bridge_reads_back_the_context_llama_server_really_has() throws Exception {
        UpCommand up = parse(tinyModelArgs(LlamaServer.freePort(), "--ctx", "16384", "--parallel", "2"));

        StackLauncher.Started started = start(up);

        assertThat(Files.readString(dir.resolve("llama.log"))).contains("-c 32768 -np 2");
        assertThat(started.bridge().backend().nCtx()).as("capped at the tiny model's training context").isEqualTo(4096);
        assertThat(started.bridge().backend().ctxSource()).isEqualTo("llama-server /props");
    }

    @Test
    void the_start_up_line_warns_loudly_when_the_models_training_context_caps_the_slot() throws Exception {
        UpCommand up = parse(tinyModelArgs(LlamaServer.freePort(), "--ctx", "16384"));

        StartupFacts facts = up.startupFacts(start(up));

        assertThat(facts.level()).isEqualTo(java.util.logging.Level.WARNING);
        assertThat(facts.line()).isEqualTo("!! Window: 4096 tokens per request (llama-server /props; llama-server"
                + " capped --ctx 16384 at the model's training context) is too small for Claude Code: its first"
                + " request alone is ~13k tokens, so every request will be answered 'prompt is too long'. Use a"
                + " model trained for 32768+ tokens of context (`localbridge up` without --model chooses one).");
    }

    @Test
    void a_llama_server_killed_with_sigkill_is_restarted_and_the_bridge_serves_again() throws Exception {
        UpCommand up = parse(tinyModelArgs(LlamaServer.freePort(), "--ctx", "1024"));
        Supervisor supervisor = start(up).llamaServer().orElseThrow();
        long first = supervisor.pid().orElseThrow();
        BridgeClient bridge = new BridgeClient(up.options.bridgeUrl());

        ProcessHandle.of(first).orElseThrow().destroyForcibly();

        awaitTrue(() -> supervisor.pid().filter(pid -> pid != first).isPresent()
                && bridge.post("/v1/messages", MESSAGE).status() == 200, Duration.ofSeconds(30));
        assertThat(supervisor.restarts()).isEqualTo(1);
    }

    @Test
    void a_backend_already_answering_is_reused_and_no_second_llama_server_is_started() throws Exception {
        try (LlamaServer running = LlamaServer.start(1024, 1)) {
            Set<Long> before = childPids();
            UpCommand up = parse(tinyModelArgs(Integer.parseInt(running.url().replaceAll(".*:", ""))));

            StackLauncher.Started started = start(up);

            assertThat(started.llamaServer()).isEmpty();
            assertThat(childPids()).isEqualTo(before);
            assertThat(new BridgeClient(up.options.bridgeUrl()).post("/v1/messages", MESSAGE).status()).isEqualTo(200);
            assertThat(dir.resolve("llama.log")).doesNotExist();
        }
    }

    @Test
    void a_port_answering_but_not_like_a_backend_is_used_with_a_warning_not_started_on() throws Exception {
        try (ScriptedBackend unclear = new ScriptedBackend()) {
            UpCommand up = parse(tinyModelArgs(unclear.port()));

            StackLauncher.Started started = start(up);

            assertThat(started.llamaServer()).isEmpty();
            assertThat(started.backend().toString()).isEqualTo(unclear.url());
        }
    }

    @Test
    void a_backend_still_loading_its_model_is_waited_for_not_started_again() throws Exception {
        java.util.concurrent.atomic.AtomicInteger polls = new java.util.concurrent.atomic.AtomicInteger();
        try (ScriptedBackend loading = new ScriptedBackend().routes(request -> {
            if (!request.path().equals("/health")) {
                return false;
            }
            boolean stillLoading = polls.incrementAndGet() <= 3;
            request.response().setStatusCode(stillLoading ? 503 : 200).end(stillLoading
                    ? "{\"error\":{\"message\":\"Loading model\",\"code\":503}}" : "{\"status\":\"ok\"}");
            return true;
        })) {
            StackLauncher.Started started = start(parse(tinyModelArgs(loading.port())));

            assertThat(started.llamaServer()).isEmpty();
            assertThat(polls.get()).isGreaterThan(3);
        }
    }

    /** Chooses among no models, with no GPU: {@code up} without a model refuses (UpChoosesModelTest has the rest). */
    static final ModelDiscovery NOTHING_HERE = new ModelDiscovery(new ModelLocations(List.of(), List.of(), List.of(),
            List.of()), GpuMemory.fixed(GpuMemory.Reading.none("nvidia-smi is not installed")), () -> false);

    @Test
    void without_a_backend_or_a_model_up_says_what_to_pass() throws Exception {
        UpCommand up = parse("--llama-port", Integer.toString(LlamaServer.freePort()),
                "--port", Integer.toString(LlamaServer.freePort()));
        Stack stack = new Stack(line -> { });
        stacks.add(stack);

        assertThatThrownBy(() -> StackLauncher.start(stack, up.options, up.llama, up.extra, System.getenv(), true,
                NOTHING_HERE)).isInstanceOf(StackException.class)
                .hasMessageContaining("no backend answers at").hasMessageContaining("no --model was named. No GPU found")
                .hasMessageContaining("pass --model PATH.gguf");
    }

    @Test
    void when_the_bridge_cannot_listen_the_llama_server_already_started_is_stopped() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            UpCommand up = parse(tinyModelArgs(LlamaServer.freePort(), "--ctx", "1024", "--port",
                    Integer.toString(taken.getLocalPort())));

            assertThatThrownBy(() -> start(up)).isInstanceOf(StackException.class)
                    .hasMessageContaining("cannot serve on 127.0.0.1:" + taken.getLocalPort());
            Stack stack = stacks.getLast();
            long pid = stack.supervisor().orElseThrow().pid().orElseThrow();
            stack.close();
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        }
    }

    @Test
    void a_model_file_that_does_not_exist_is_reported_before_anything_starts() throws Exception {
        UpCommand up = parse("--model", dir.resolve("missing.gguf").toString(),
                "--llama-port", Integer.toString(LlamaServer.freePort()));

        assertThatThrownBy(() -> start(up)).isInstanceOf(StackException.class).hasMessageContaining("missing.gguf");
    }

    @Test
    void the_command_fails_with_a_one_line_reason_and_exit_code_1() throws Exception {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new UpCommand(System.getenv(), NOTHING_HERE)).setErr(new PrintWriter(err));

        int code = cli.execute("--llama-port", Integer.toString(LlamaServer.freePort()),
                "--port", Integer.toString(LlamaServer.freePort()));

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).startsWith("localbridge up: no backend answers at");
    }

    @Test
    void help_shows_examples() {
        String help = new CommandLine(new UpCommand()).getUsageMessage();

        assertThat(help).contains("Examples:").contains("localbridge up --model").contains("--llama-port")
                .contains("--max-restarts").contains("--reasoning-format deepseek");
    }

    static Set<Long> childPids() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    static void awaitTrue(Supplier<Boolean> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(20);
        }
    }
}
