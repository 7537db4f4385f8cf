package dev.localbridge.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.backend.BackendProber;
import dev.localbridge.testing.ScriptedBackend;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReadinessTest {
    static final String LOADING = "{\"error\":{\"message\":\"Loading model\",\"type\":\"unavailable_error\",\"code\":503}}";
    final ScriptedBackend backend = new ScriptedBackend();
    final List<String> progress = new ArrayList<>();

    @AfterEach
    void stop() {
        backend.close();
    }

    /** /health answers 503 "Loading model" the first {@code loadingPolls} times, then 200 (or 404 when {@code vanish}). */
    void loadingFor(int loadingPolls, boolean vanish) {
        AtomicInteger polls = new AtomicInteger();
        backend.routes(request -> {
            if (!request.path().equals("/health")) {
                return false;
            }
            boolean loading = polls.incrementAndGet() <= loadingPolls;
            request.response().setStatusCode(loading ? 503 : vanish ? 404 : 200)
                    .end(loading ? LOADING : "{\"status\":\"ok\"}");
            return true;
        });
    }

    Readiness.Outcome await(CompletableFuture<?> stop) {
        return Readiness.await(new BackendProber(URI.create(backend.url()), null, Duration.ofSeconds(2)),
                Optional.empty(), stop, progress::add);
    }

    @Test
    void waits_while_the_model_loads_and_reports_progress_with_the_elapsed_seconds() {
        loadingFor(3, false);

        Readiness.Outcome outcome = await(new CompletableFuture<>());

        assertThat(outcome).isInstanceOf(Readiness.Outcome.Ready.class);
        assertThat(progress).hasSize(1).first().asString().matches("backend: Loading model… \\d+\\.\\d s");
    }

    @Test
    void a_backend_that_stops_answering_like_one_while_loading_is_gone() {
        loadingFor(2, true);

        assertThat(await(new CompletableFuture<>())).isInstanceOf(Readiness.Outcome.Gone.class);
    }

    @Test
    void a_stop_request_ends_the_wait() {
        loadingFor(Integer.MAX_VALUE, false);

        assertThat(await(CompletableFuture.completedFuture(null))).isInstanceOf(Readiness.Outcome.Stopped.class);
    }
}
