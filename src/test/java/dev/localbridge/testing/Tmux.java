package dev.localbridge.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A program in a real pseudo-terminal: a tmux server of its own (its own socket, no user config) running one command
 * in a window of a fixed size. Tests read the screen with {@code capture-pane}, polling until what they expect shows
 * (never sleeping), and type with {@code send-keys}. {@link #close()} kills this tmux server only.
 */
public final class Tmux implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(100);
    private final Path tmux;
    private final String socket = "localbridge-test-" + UUID.randomUUID();
    private final Map<String, String> environment;

    private final Path status;

    private Tmux(Path tmux, Map<String, String> environment, Path status) {
        this.tmux = tmux;
        this.environment = environment;
        this.status = status;
    }

    /** tmux, installed by {@code apt-get install -y tmux}: skipped where missing, except under CI. */
    public static Path require() {
        Optional<Path> found = dev.localbridge.install.Programs.onPath("tmux", System.getenv("PATH"));
        if (found.isEmpty()) {
            String reason = "tmux is not installed (apt-get install -y tmux)";
            if (ExternalTools.inCi()) {
                Assertions.fail(reason + " (CI=true: the terminal tests must run)");
            }
            Assumptions.abort(reason);
        }
        return found.get();
    }

    /**
     * Starts {@code command} in a {@code columns}×{@code rows} window with a UTF-8 locale. The window stays after the
     * command exits, so its exit status can be read.
     */
    public static Tmux start(Path config, int columns, int rows, List<String> command) throws IOException,
            InterruptedException {
        Files.writeString(config, "set -g remain-on-exit on\nset -g default-terminal screen-256color\n");
        Path status = config.resolveSibling(config.getFileName() + ".status");
        Files.deleteIfExists(status);
        Tmux session = new Tmux(require(), Map.of("LANG", "C.UTF-8", "LC_ALL", "C.UTF-8"), status);
        List<String> args = new ArrayList<>(List.of("-f", config.toString(), "new-session", "-d", "-s", "test",
                "-x", Integer.toString(columns), "-y", Integer.toString(rows)));
        // A shell runs the command and writes its exit status: tmux 3.3 does not always collect the status of a
        // program that leaves the alternate screen and exits.
        String program = String.join(" ", command.stream().map(Tmux::quote).toList());
        args.add("sh -c " + quote(program + "; printf %s \"$?\" > " + quote(status.toString())));
        session.run(args);
        return session;
    }

    /** The screen as text, one line per row. */
    public String screen() throws IOException, InterruptedException {
        return run(List.of("capture-pane", "-p", "-t", "test"));
    }

    /** Polls the screen until {@code expected} holds; fails with the last screen after {@code timeout}. */
    public String awaitScreen(Predicate<String> expected, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String screen = screen();
        while (!expected.test(screen)) {
            if (System.nanoTime() > deadline) {
                Assertions.fail("the screen did not show what was expected within " + timeout + "; it shows:\n"
                        + screen);
            }
            TimeUnit.NANOSECONDS.sleep(POLL.toNanos()); // a poll interval, not a synchronisation: the loop checks
            screen = screen();
        }
        return screen;
    }

    public void sendKeys(String... keys) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", "test"));
        args.addAll(List.of(keys));
        run(args);
    }

    /** The command's exit status once it has exited, polling until then. */
    public int awaitExit(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (Files.exists(status)) {
                String written = Files.readString(status).strip();
                if (!written.isEmpty()) {
                    int code = Integer.parseInt(written);
                    if (code > 128) {
                        Assertions.fail("the program was killed by signal " + (code - 128) + "; the screen shows:\n"
                                + screen());
                    }
                    return code;
                }
            }
            if (System.nanoTime() > deadline) {
                Assertions.fail("the program did not exit within " + timeout + "; the screen shows:\n" + screen());
            }
            TimeUnit.NANOSECONDS.sleep(POLL.toNanos());
        }
    }

    private String run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(tmux.toString(), "-L", socket));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().remove("TMUX");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("tmux " + args + " hung");
        }
        if (process.exitValue() != 0) {
            throw new IOException("tmux " + args + " failed with " + process.exitValue() + ": " + out);
        }
        return out;
    }

    private static String quote(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    /** Kills this tmux server and what runs in it. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            run(List.of("kill-server"));
        } catch (IOException alreadyGone) {
            // the server ended with its last window
        }
    }
}
