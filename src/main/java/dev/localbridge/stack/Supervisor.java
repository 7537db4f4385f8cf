package dev.localbridge.stack;

import dev.localbridge.backend.BackendProber;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Keeps one llama-server running: starts it, waits until its model is loaded, and restarts it when it dies
 * unexpectedly (with backoff, within the {@link RestartPolicy}'s budget). All processes are started from the
 * supervisor's own platform thread, which lives until the last one is stopped (see {@link LlamaServerProcess}).
 * {@link #close()} stops llama-server (SIGTERM, wait, SIGKILL) and returns once it is gone.
 */
public final class Supervisor implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Supervisor.class.getName());
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Launch launch;
    private final RestartPolicy policy;
    private final Consumer<String> progress;
    private final BackendProber prober;
    private final CompletableFuture<Void> stop = new CompletableFuture<>();
    private final CompletableFuture<Duration> firstReady = new CompletableFuture<>();
    private final CompletableFuture<String> ended = new CompletableFuture<>();
    private final Deque<Instant> restarts = new ArrayDeque<>();
    private final Thread thread;
    private volatile LlamaServerProcess current;
    private volatile int restartCount;

    /** What to run: the binary, its arguments (which say where it listens) and the log file. */
    public record Launch(Path binary, LlamaServerArgs args, Path log) {
        public URI url() {
            return args.url();
        }
    }

    private Supervisor(Launch launch, RestartPolicy policy, Consumer<String> progress) {
        this.launch = launch;
        this.policy = policy;
        this.progress = progress;
        this.prober = new BackendProber(launch.url(), null, Readiness.PROBE_TIMEOUT);
        this.thread = new Thread(this::supervise, "llama-server-supervisor");
    }

    /** Starts llama-server and returns at once; {@link #awaitReady()} waits for the model. */
    public static Supervisor launch(Launch launch, RestartPolicy policy, Consumer<String> progress) {
        Supervisor supervisor = new Supervisor(launch, policy, progress);
        supervisor.thread.start();
        return supervisor;
    }

    /** Waits until the first llama-server has loaded its model; fails with its log's tail if it exits first. */
    public Duration awaitReady() throws InterruptedException {
        try {
            return firstReady.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StackException stack ? stack : new StackException(e.getCause().toString());
        }
    }

    public URI url() {
        return launch.url();
    }

    public Path log() {
        return launch.log();
    }

    /** The running llama-server's PID, if one runs. */
    public Optional<Long> pid() {
        LlamaServerProcess process = current;
        return process != null && process.alive() ? Optional.of(process.pid()) : Optional.empty();
    }

    public int restarts() {
        return restartCount;
    }

    /** Completes when supervision ends: with the reason when restarts ran out, or "stopped" after {@link #close()}. */
    public CompletableFuture<String> ended() {
        return ended;
    }

    private void supervise() {
        String reason = "stopped";
        try {
            LlamaServerProcess process = start();
            switch (Readiness.await(prober, Optional.of(process), stop, progress, activity(process))) {
                case Readiness.Outcome.Ready ready -> firstReady.complete(ready.took());
                case Readiness.Outcome.Exited exited -> throw failedToStart(process, exited.code());
                case Readiness.Outcome.Gone gone -> {
                    return;
                }
                case Readiness.Outcome.Stopped stopped -> {
                    return;
                }
            }
            reason = keepRunning(process);
        } catch (RuntimeException e) {
            firstReady.completeExceptionally(e);
            reason = e.getMessage();
        } finally {
            stopCurrent();
            firstReady.completeExceptionally(new StackException("llama-server was stopped before its model loaded"));
            ended.complete(reason);
        }
    }

    /** Restarts llama-server whenever it dies, until stopped or out of budget; returns why supervision ends. */
    private String keepRunning(LlamaServerProcess process) {
        while (true) {
            CompletableFuture.anyOf(process.onExit(), stop).join();
            if (stop.isDone()) {
                return "stopped";
            }
            Optional<Duration> backoff = policy.nextBackoff(restarts, Instant.now());
            String exit = "llama-server (pid " + process.pid() + ") exited unexpectedly with code "
                    + process.exitCode();
            if (backoff.isEmpty()) {
                String reason = exit + "; giving up after " + policy.maxRestarts() + " restarts within "
                        + policy.window().toSeconds() + " s (--max-restarts). Its log (" + launch.log() + ") ends:\n"
                        + process.logTail(20);
                LOG.severe(reason);
                return reason;
            }
            LOG.warning(() -> exit + "; restarting in " + Readiness.seconds(backoff.get()) + " s (log: "
                    + launch.log() + ")");
            if (waitOrStop(backoff.get())) {
                return "stopped";
            }
            restarts.addLast(Instant.now());
            restartCount++;
            process = restart();
            if (process == null) {
                return "stopped";
            }
        }
    }

    /** Starts a new llama-server and waits for it; null when stopped meanwhile. One that dies loading is returned. */
    private LlamaServerProcess restart() {
        LlamaServerProcess process = start();
        switch (Readiness.await(prober, Optional.of(process), stop, progress, activity(process))) {
            case Readiness.Outcome.Ready ready -> LOG.info(() -> "llama-server restarted (pid " + process.pid()
                    + "), model loaded in " + Readiness.seconds(ready.took()) + " s");
            case Readiness.Outcome.Stopped stopped -> {
                return null;
            }
            case Readiness.Outcome.Exited exited -> {
                // exited while loading: the loop counts it as the next crash
            }
            case Readiness.Outcome.Gone gone -> {
                // only a backend we did not start can be gone
            }
        }
        return process;
    }

    /** What the process is doing before it listens, read from its log and the download caches when asked. */
    private java.util.function.Supplier<String> activity(LlamaServerProcess process) {
        java.util.List<Path> caches = StartupActivity.caches(System.getenv(), Path.of(System.getProperty("user.home")));
        return () -> StartupActivity.describe(process.logTail(3), launch.args().hfRepo(), caches);
    }

    private LlamaServerProcess start() {
        synchronized (this) {
            if (stop.isDone()) {
                throw new StackException("stopped");
            }
            current = LlamaServerProcess.spawn(launch.binary(), launch.args(), launch.log(), current == null);
            return current;
        }
    }

    private StackException failedToStart(LlamaServerProcess process, int code) {
        return new StackException("llama-server exited with code " + code + " before its model loaded. Its log ("
                + launch.log() + ") ends:\n" + process.logTail(30));
    }

    private boolean waitOrStop(Duration backoff) {
        try {
            stop.get(backoff.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException restartNow) {
            return false;
        } catch (InterruptedException | ExecutionException e) {
            return true;
        }
    }

    private void stopCurrent() {
        LlamaServerProcess process;
        synchronized (this) {
            process = current;
        }
        if (process != null) {
            process.stop(STOP_GRACE);
        }
    }

    /** Stops llama-server and supervision; returns once the process is gone. Safe to call more than once. */
    @Override
    public void close() {
        synchronized (this) {
            stop.complete(null);
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(STOP_GRACE.plusSeconds(15).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
