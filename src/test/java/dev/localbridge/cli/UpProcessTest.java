package dev.localbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.testing.BridgeClient;
import dev.localbridge.testing.ExternalTools;
import dev.localbridge.testing.LlamaServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real program ({@code Main up}) in its own JVM, stopped the way users and systems stop it. */
class UpProcessTest {
    static final Pattern LLAMA_PID = Pattern.compile("llama-server pid (\\d+), log: (\\S+)");

    @TempDir
    Path dir;

    Process up;

    @AfterEach
    void killLeftovers() throws InterruptedException {
        if (up != null && up.isAlive()) {
            up.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    record Running(int bridgePort, long llamaPid, Path log) {
    }

    Running startUp() throws Exception {
        int bridgePort = LlamaServer.freePort();
        Path log = dir.resolve("llama-server.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java,
                "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "dev.localbridge.cli.Main", "up",
                "--model", ExternalTools.tinyModel().toString(),
                "--llama-server", ExternalTools.llamaServer().toString(),
                "--llama-port", Integer.toString(LlamaServer.freePort()), "--port", Integer.toString(bridgePort),
                "--ctx", "1024", "--log-file", log.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("up.out").toFile());
        builder.environment().put("LOCALBRIDGE_HOME", dir.resolve("home").toString());
        up = builder.start();
        Matcher announced = awaitOutput(LLAMA_PID, Duration.ofSeconds(60));
        assertThat(new BridgeClient("http://127.0.0.1:" + bridgePort).get("/health").status()).isEqualTo(200);
        long llamaPid = Long.parseLong(announced.group(1));
        assertThat(up.toHandle().children().map(ProcessHandle::pid)).contains(llamaPid);
        return new Running(bridgePort, llamaPid, Path.of(announced.group(2)));
    }

    @Test
    void sigterm_stops_the_bridge_and_llama_server_and_leaves_no_process() throws Exception {
        Running running = startUp();
        assertThat(running.log()).isEqualTo(dir.resolve("llama-server.log"));

        long signalled = System.nanoTime();
        up.destroy();

        assertThat(up.waitFor(30, TimeUnit.SECONDS)).isTrue();
        System.err.println("figure: up stopped " + (System.nanoTime() - signalled) / 1_000_000 + " ms after SIGTERM");
        assertThat(up.exitValue()).isEqualTo(143);
        assertThat(gone(running.llamaPid())).isTrue();
        assertThat(BridgeFacts.runningBridge("http://127.0.0.1:" + running.bridgePort())).isEmpty();
        assertThat(Files.readString(running.log())).contains("cleaning up before exit");
    }

    @Test
    void sigkill_of_up_takes_llama_server_with_it() throws Exception {
        Running running = startUp();

        up.destroyForcibly();

        assertThat(up.waitFor(30, TimeUnit.SECONDS)).isTrue();
        awaitGone(running.llamaPid(), Duration.ofSeconds(15));
    }

    Matcher awaitOutput(Pattern pattern, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String output = Files.readString(dir.resolve("up.out"), StandardCharsets.UTF_8);
            Matcher matcher = pattern.matcher(output);
            if (matcher.find()) {
                return matcher;
            }
            if (!up.isAlive()) {
                throw new AssertionError("up exited with " + up.exitValue() + ":\n" + output);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("up did not announce llama-server within " + timeout + ":\n"
                + Files.readString(dir.resolve("up.out")));
    }

    /** Gone: no such process, or a zombie waiting for PID 1 to reap it (it no longer runs). */
    static boolean gone(long pid) {
        if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException vanished) {
            return true;
        }
    }

    static void awaitGone(long pid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!gone(pid)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("llama-server (pid " + pid + ") still runs " + timeout
                        + " after up was killed");
            }
            Thread.sleep(20);
        }
    }
}
