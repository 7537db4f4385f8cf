package dev.localbridge.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localbridge.backend.BackendProber;
import dev.localbridge.backend.BackendStatus;
import dev.localbridge.testing.ExternalTools;
import dev.localbridge.testing.LlamaServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor with the real llama-server (Debian's llama.cpp) and the tiny model. */
class SupervisorTest {
    @TempDir
    Path dir;

    final List<Supervisor> started = new ArrayList<>();
    final List<String> progress = new ArrayList<>();
    /** How the one prober reads the backend at {@code url}. */
    static BackendStatus probe(URI url) {
        return new BackendProber(url, null, Duration.ofSeconds(5)).probe();
    }

    @AfterEach
    void stopAll() {
        started.forEach(Supervisor::close);
    }

    Supervisor launch(RestartPolicy policy, Path model) throws IOException {
        LlamaServerArgs args = LlamaServerArgs.of("127.0.0.1", LlamaServer.freePort(),
                new LlamaServerArgs.Model.File(model), 1024, 1, List.of());
        Supervisor supervisor = Supervisor.launch(new Supervisor.Launch(ExternalTools.llamaServer(), args,
                dir.resolve("llama-server.log")), policy, line -> {
            synchronized (progress) {
                progress.add(line);
            }
        });
        started.add(supervisor);
        return supervisor;
    }

    @Test
    void starts_llama_server_and_returns_once_the_model_is_loaded() throws Exception {
        Files.writeString(dir.resolve("llama-server.log"), "an earlier session\n");
        Supervisor supervisor = launch(RestartPolicy.perMinute(3), ExternalTools.tinyModel());

        Duration took = supervisor.awaitReady();

        assertThat(probe(supervisor.url())).isInstanceOf(BackendStatus.Serving.class);
        assertThat(supervisor.pid()).isPresent();
        assertThat(Files.readString(dir.resolve("llama-server.log"))).contains("localbridge starts")
                .contains("--jinja").doesNotContain("an earlier session");
        System.err.println("figure: llama-server (tiny model) healthy " + took.toMillis() + " ms after start");
    }

    @Test
    void a_llama_server_killed_with_sigkill_is_restarted_and_serves_again() throws Exception {
        Supervisor supervisor = launch(RestartPolicy.perMinute(3), ExternalTools.tinyModel());
        supervisor.awaitReady();
        long first = supervisor.pid().orElseThrow();

        long killedAt = System.nanoTime();
        ProcessHandle.of(first).orElseThrow().destroyForcibly();

        awaitTrue(() -> supervisor.pid().filter(pid -> pid != first).isPresent()
                && probe(supervisor.url()) instanceof BackendStatus.Serving, Duration.ofSeconds(30));
        System.err.println("figure: llama-server serving again " + (System.nanoTime() - killedAt) / 1_000_000
                + " ms after SIGKILL (includes the 500 ms backoff)");
        assertThat(supervisor.restarts()).isEqualTo(1);
        assertThat(ProcessHandle.of(first).filter(ProcessHandle::isAlive)).isEmpty();
        String log = Files.readString(dir.resolve("llama-server.log"));
        assertThat(log.split("localbridge starts", -1)).as("the restart appends to the log").hasSize(3);
        assertThat(supervisor.ended()).isNotDone();
    }

    @Test
    void closing_stops_llama_server_so_no_process_is_left() throws Exception {
        Supervisor supervisor = launch(RestartPolicy.perMinute(3), ExternalTools.tinyModel());
        supervisor.awaitReady();
        long pid = supervisor.pid().orElseThrow();

        supervisor.close();

        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(supervisor.ended()).isCompletedWithValue("stopped");
        assertThat(probe(supervisor.url())).isInstanceOf(BackendStatus.Absent.class);
    }

    @Test
    void once_the_restart_budget_is_spent_supervision_ends_with_the_reason() throws Exception {
        Supervisor supervisor = launch(RestartPolicy.perMinute(0), ExternalTools.tinyModel());
        supervisor.awaitReady();

        ProcessHandle.of(supervisor.pid().orElseThrow()).orElseThrow().destroyForcibly();

        String reason = supervisor.ended().get(30, TimeUnit.SECONDS);
        assertThat(reason).contains("exited unexpectedly").contains("giving up").contains("llama-server.log");
        assertThat(supervisor.pid()).isEmpty();
    }

    @Test
    void a_llama_server_that_exits_while_loading_fails_the_start_with_the_tail_of_its_log() throws Exception {
        Path notAModel = Files.writeString(dir.resolve("broken.gguf"), "this is not a GGUF file\n");
        Supervisor supervisor = launch(RestartPolicy.perMinute(3), notAModel);

        assertThatThrownBy(supervisor::awaitReady).isInstanceOf(StackException.class)
                .hasMessageContaining("exited with code").hasMessageContaining("before its model loaded")
                .hasMessageContaining("broken.gguf");
        assertThat(supervisor.ended().get(10, TimeUnit.SECONDS)).contains("exited with code");
        assertThat(supervisor.restarts()).isZero();
    }

    @Test
    void closing_while_the_model_loads_stops_llama_server_too() throws Exception {
        Supervisor supervisor = launch(RestartPolicy.perMinute(3), ExternalTools.tinyModel());
        awaitTrue(() -> supervisor.pid().isPresent(), Duration.ofSeconds(10));
        long pid = supervisor.pid().orElseThrow();

        supervisor.close();

        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThatThrownBy(supervisor::awaitReady).isInstanceOf(StackException.class);
    }

    /** Polls an external process's state until it holds, failing after the deadline. */
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
