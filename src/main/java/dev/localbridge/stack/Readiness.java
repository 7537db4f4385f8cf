package dev.localbridge.stack;

import dev.localbridge.backend.BackendProber;
import dev.localbridge.backend.BackendStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Waits until a backend serves, polling its health: while llama-server answers 503 "Loading model" a progress
 * line with the elapsed seconds is reported (at once, then every few seconds); while our process does not listen yet
 * (installing llama.cpp, downloading the model), a line says what it is doing. Stops early when the process
 * exits, when the backend we did not start goes away, or when a stop is requested.
 */
final class Readiness {
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    /** A process that listens within this long needs no line about what it is doing before. */
    private static final Duration QUIET_START = Duration.ofSeconds(2);

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
    static Outcome await(BackendProber prober, Optional<LlamaServerProcess> process,
                         CompletableFuture<?> stop, Consumer<String> progress) {
        return await(prober, process, stop, progress, () -> "starting");
    }

    /**
     * @param starting what our process is doing before it listens (installing llama.cpp, downloading the model), for
     *     the progress line; asked only when one is due
     */
    static Outcome await(BackendProber prober, Optional<LlamaServerProcess> process,
                         CompletableFuture<?> stop, Consumer<String> progress, Supplier<String> starting) {
        long start = System.nanoTime();
        long nextProgress = start;
        while (true) {
            BackendStatus status = prober.probe();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (System.nanoTime() >= nextProgress) {
                Optional<String> doing = doing(status, elapsed, process.isPresent(), starting);
                if (doing.isPresent()) {
                    progress.accept(label(process) + ": " + doing.get() + "… " + seconds(elapsed) + " s");
                    nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
                }
            }
            Optional<Outcome> outcome = outcome(status, elapsed, process.isPresent());
            if (outcome.isPresent()) {
                return outcome.get();
            }
            if (process.isPresent() && !process.get().alive()) {
                return new Outcome.Exited(process.get().exitCode());
            }
            if (pause(stop)) {
                return new Outcome.Stopped();
            }
        }
    }

    /** What to say the backend is doing: loading (its own words), or, ours and not listening yet, what it does. */
    private static Optional<String> doing(BackendStatus status, Duration elapsed, boolean ours,
                                          Supplier<String> starting) {
        if (status instanceof BackendStatus.Loading loading) {
            return Optional.of(loading.message());
        }
        boolean notListening = status instanceof BackendStatus.Absent || status instanceof BackendStatus.NotHttp;
        return ours && notListening && elapsed.compareTo(QUIET_START) >= 0 ? Optional.of(starting.get())
                : Optional.empty();
    }

    /** What a probe means while waiting; empty: keep waiting (not bound yet, or loading). */
    private static Optional<Outcome> outcome(BackendStatus status, Duration elapsed, boolean ours) {
        return switch (status) {
            case BackendStatus.Serving serving -> Optional.of(new Outcome.Ready(elapsed));
            // it serves; the bridge sends the key
            case BackendStatus.Unauthorized unauthorized -> Optional.of(new Outcome.Ready(elapsed));
            case BackendStatus.Loading loading -> Optional.empty();
            case BackendStatus.Absent absent -> gone(ours, "stopped answering: " + absent.reason());
            case BackendStatus.Foreign foreign -> gone(ours, foreign.answer());
            case BackendStatus.NotHttp notHttp -> gone(ours, notHttp.reason());
        };
    }

    /** Our own llama-server is not bound yet; a backend someone else started has gone. */
    private static Optional<Outcome> gone(boolean ours, String reason) {
        return ours ? Optional.empty() : Optional.of(new Outcome.Gone(reason));
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
