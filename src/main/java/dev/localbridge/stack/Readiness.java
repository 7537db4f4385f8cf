package dev.localbridge.stack;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Waits until a backend serves, polling its health: while llama-server answers 503 "Loading model" a progress
 * line with the elapsed seconds is reported (at once, then every few seconds). Stops early when the process
 * exits, when the backend we did not start goes away, or when a stop is requested.
 */
final class Readiness {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    sealed interface Outcome {
        record Ready(Duration took) implements Outcome {
        }

        /** Our process exited while loading. */
        record Exited(int code) implements Outcome {
        }

        /** A backend we did not start stopped answering like one. */
        record Gone(String reason) implements Outcome {
        }

        record Stopped() implements Outcome {
        }
    }

    private Readiness() {
    }

    /**
     * @param process our llama-server, or empty for a backend someone else started
     * @param stop completes when the wait should end early
     */
    static Outcome await(BackendHealth health, URI url, Optional<LlamaServerProcess> process,
                         CompletableFuture<?> stop, Consumer<String> progress) {
        long start = System.nanoTime();
        long nextProgress = start;
        while (true) {
            BackendHealth.State state = health.check(url);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            boolean progressDue = System.nanoTime() >= nextProgress;
            switch (state) {
                case BackendHealth.State.Ready ready -> {
                    return new Outcome.Ready(elapsed);
                }
                case BackendHealth.State.Loading loading when progressDue -> {
                    progress.accept(label(process) + ": " + loading.message() + "… " + seconds(elapsed) + " s");
                    nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
                }
                case BackendHealth.State.Absent absent when process.isEmpty() -> {
                    return new Outcome.Gone("stopped answering: " + absent.reason());
                }
                case BackendHealth.State.Foreign foreign when process.isEmpty() -> {
                    return new Outcome.Gone(foreign.detail());
                }
                default -> {
                    // not bound yet, or loading between progress lines
                }
            }
            if (process.isPresent() && !process.get().alive()) {
                return new Outcome.Exited(process.get().exitCode());
            }
            if (pause(stop)) {
                return new Outcome.Stopped();
            }
        }
    }

    /** Waits one poll interval; true when a stop was requested meanwhile. */
    private static boolean pause(CompletableFuture<?> stop) {
        try {
            stop.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException pollAgain) {
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static String label(Optional<LlamaServerProcess> process) {
        return process.map(p -> "llama-server (pid " + p.pid() + ")").orElse("backend");
    }

    static String seconds(Duration elapsed) {
        return String.format(java.util.Locale.ROOT, "%.1f", elapsed.toMillis() / 1000.0);
    }
}
