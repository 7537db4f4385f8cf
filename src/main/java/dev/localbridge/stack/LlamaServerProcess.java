package dev.localbridge.stack;

import dev.localbridge.install.Programs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One llama-server process, its output in a log file. Where {@code setsid} and {@code setpriv} exist (Linux), it runs
 * in its own session, so a Ctrl-C in the terminal reaches only us and we stop it with exactly one SIGTERM; and with a
 * parent-death signal, so it goes when we go even if we are killed with SIGKILL. That signal is SIGKILL, not SIGTERM:
 * the kernel sends it again each time the dying JVM hands the child on to its next thread, and with SIGTERMs arriving
 * like that llama-server was seen to log "Received second interrupt, terminating immediately" and then hang. Both
 * tools exec, so the PID is llama-server's own.
 *
 * <p>The parent-death signal fires when the <em>thread</em> that started the process ends: {@link #spawn} must be
 * called from a thread that lives as long as the process (the {@link Supervisor}'s).
 */
public final class LlamaServerProcess {
    private final Process process;
    private final Path log;

    private LlamaServerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** @param fresh whether the log starts over (a new session) or is appended to (a restart) */
    static LlamaServerProcess spawn(Path binary, LlamaServerArgs args, Path log, boolean fresh) {
        List<String> command = new ArrayList<>(isolation());
        command.add(binary.toString());
        command.addAll(args.args());
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Files.writeString(log, "== " + LocalDateTime.now() + " localbridge starts: " + String.join(" ", command)
                    + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    fresh ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            return new LlamaServerProcess(process, log);
        } catch (IOException e) {
            throw new StackException("cannot start " + binary + ": " + e.getMessage(), e);
        }
    }

    /** {@code setsid} and {@code setpriv --pdeathsig KILL} where both are available, else nothing. */
    private static List<String> isolation() {
        String path = System.getenv("PATH");
        Optional<Path> setsid = Programs.onPath("setsid", path);
        Optional<Path> setpriv = Programs.onPath("setpriv", path);
        if (setsid.isEmpty() || setpriv.isEmpty()) {
            return List.of();
        }
        return List.of(setpriv.get().toString(), "--pdeathsig", "KILL", setsid.get().toString());
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** The exit code; only once it has exited. */
    public int exitCode() {
        return process.exitValue();
    }

    /** SIGTERM, then up to {@code grace} for llama-server to clean up, then SIGKILL. Returns once it is gone. */
    public void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The last {@code lines} lines of the log, for error messages. */
    public String logTail(int lines) {
        return tail(log, lines);
    }

    static String tail(Path log, int lines) {
        try (var file = java.nio.channels.FileChannel.open(log, StandardOpenOption.READ)) {
            long start = Math.max(0, file.size() - 64 * 1024);
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate((int) (file.size() - start));
            while (bytes.hasRemaining() && file.read(bytes, start + bytes.position()) > 0) {
                // read on
            }
            List<String> all = new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
