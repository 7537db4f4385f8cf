package dev.localbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localbridge.config.UpstreamLimits;
import dev.localbridge.testing.BridgeClient;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.FakeLlamaControl;
import dev.localbridge.testing.Script;
import dev.localbridge.testing.ScriptedBackend;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bridge listens while its first backend probe is still running: {@code /health} answers at once and says
 * "probing", and a request that arrives meanwhile waits for the probe and is planned with what it finds.
 */
class FirstProbeTest {
    private static final String REQUEST = "{\"model\":\"claude-opus-4-5\",\"max_tokens\":16000,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}";
    private static final String LONG_REQUEST = "{\"model\":\"claude-opus-4-5\",\"max_tokens\":16000,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"" + "word ".repeat(1500) + "\"}]}";
    /** Its own threads: the common pool has a single one on a 2-core machine, and a starting bridge holds it. */
    private static final java.util.concurrent.Executor THREADS =
            java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    /**
     * The first bridge of a test JVM takes a while to load its classes; what these tests hold must not run into the
     * probe's own timeout (5 s) meanwhile.
     */
    @BeforeAll
    static void warmUp() {
        FakeLlamaControl control = new FakeLlamaControl(3000);
        try (ScriptedBackend backend = new ScriptedBackend().routes(control).fallback(body -> Script.text("ok"));
             BridgeServer bridge = Bridges.start(backend.url())) {
            BridgeClient client = new BridgeClient(Bridges.url(bridge));
            assertThat(client.post("/v1/messages", REQUEST).status()).isEqualTo(200);
            assertThat(client.post("/v1/messages/count_tokens", REQUEST).status()).isEqualTo(200);
        }
    }

    @Test
    void a_request_that_arrives_while_the_first_probe_runs_is_planned_with_what_the_probe_finds() throws Exception {
        FakeLlamaControl control = new FakeLlamaControl(3000);
        HeldProps props = new HeldProps(control);
        try (ScriptedBackend backend = new ScriptedBackend().routes(props).fallback(body -> Script.text("ok"))) {
            int port = freePort();
            CompletableFuture<BridgeServer> starting = CompletableFuture.supplyAsync(
                    () -> Bridges.start(backend.url(), b -> b.port(port)), THREADS);
            try {
                assertThat(props.asked.await(30, TimeUnit.SECONDS)).isTrue();
                BridgeClient client = new BridgeClient("http://127.0.0.1:" + port);
                JsonNode health = awaitAnswer(client, "/health", response -> true).json().path("backend");
                assertThat(health.path("kind").asText()).isEqualTo("probing");
                assertThat(health.path("serving").asBoolean()).isFalse();

                // Too long for the probed n_ctx (3000, less the 2048 kept for output): only the probed context and
                // tokenizer can tell; planned without them it would be sent uncounted and answered.
                CompletableFuture<BridgeClient.Response> answer = CompletableFuture.supplyAsync(
                        () -> client.post("/v1/messages", LONG_REQUEST), THREADS);
                awaitAnswer(client, "/metrics", FirstProbeTest::oneActiveExchange);
                assertThat(backend.receivedSoFar()).as("nothing is sent before the probe answers").isEmpty();
                assertThat(control.tokenizeCalls()).isZero();
                assertThat(starting).isNotDone();

                props.release();

                BridgeClient.Response response = answer.get(30, TimeUnit.SECONDS);
                assertThat(response.status()).as(response.body()).isEqualTo(400);
                assertThat(response.json().path("error").path("message").asText()).startsWith("prompt is too long");
                assertThat(control.tokenizeCalls()).isPositive();
                assertThat(starting.get(30, TimeUnit.SECONDS).backend().nCtx()).isEqualTo(3000);
                assertThat(client.get("/health").json().path("backend").path("kind").asText()).isEqualTo("llama.cpp");
            } finally {
                props.release();
                starting.get(30, TimeUnit.SECONDS).close();
            }
        }
    }

    @Test
    void count_tokens_that_arrives_while_the_first_probe_runs_counts_with_the_probed_tokenizer() throws Exception {
        FakeLlamaControl control = new FakeLlamaControl(3000);
        HeldProps props = new HeldProps(control);
        try (ScriptedBackend backend = new ScriptedBackend().routes(props)) {
            int port = freePort();
            CompletableFuture<BridgeServer> starting = CompletableFuture.supplyAsync(
                    () -> Bridges.start(backend.url(), b -> b.port(port)), THREADS);
            try {
                assertThat(props.asked.await(30, TimeUnit.SECONDS)).isTrue();
                BridgeClient client = new BridgeClient("http://127.0.0.1:" + port);
                awaitAnswer(client, "/health", response -> true);
                CompletableFuture<BridgeClient.Response> counted = CompletableFuture.supplyAsync(
                        () -> client.post("/v1/messages/count_tokens", REQUEST), THREADS);
                // count_tokens shows in no gauge: a messages request sent after it does, once it waits too.
                CompletableFuture<BridgeClient.Response> later = CompletableFuture.supplyAsync(
                        () -> client.post("/v1/messages", REQUEST), THREADS);
                awaitAnswer(client, "/metrics", FirstProbeTest::oneActiveExchange);
                assertThat(counted).isNotDone();
                assertThat(control.tokenizeCalls()).isZero();

                props.release();

                BridgeClient.Response response = counted.get(30, TimeUnit.SECONDS);
                assertThat(response.status()).as(response.body()).isEqualTo(200);
                assertThat(response.headers().firstValue("x-localbridge-token-count")).hasValue("exact");
                assertThat(control.tokenizeCalls()).isPositive();
                assertThat(later.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
            } finally {
                props.release();
                starting.get(30, TimeUnit.SECONDS).close();
            }
        }
    }

    @Test
    void a_backend_that_never_answers_the_probe_gives_the_request_that_waited_the_error_of_one_sent_after()
            throws Exception {
        try (SilentBackend silent = new SilentBackend()) {
            int port = freePort();
            UpstreamLimits quick = new UpstreamLimits(Duration.ofSeconds(1), Duration.ofSeconds(1),
                    Duration.ofSeconds(1), 64 * 1024);
            CompletableFuture<BridgeServer> starting = CompletableFuture.supplyAsync(
                    () -> Bridges.start(silent.url(), b -> b.port(port).upstreamLimits(quick)), THREADS);
            try {
                BridgeClient client = new BridgeClient("http://127.0.0.1:" + port);
                awaitAnswer(client, "/health", response -> true);
                assertThat(starting).as("the probe is still waiting for its answer").isNotDone();
                BridgeClient.Response during = client.post("/v1/messages", REQUEST);
                starting.get(30, TimeUnit.SECONDS);
                BridgeClient.Response after = client.post("/v1/messages", REQUEST);

                assertThat(after.status()).as(after.body()).isEqualTo(529);
                assertThat(during.status()).as(during.body()).isEqualTo(after.status());
                assertThat(during.json().path("error").path("type").asText())
                        .isEqualTo(after.json().path("error").path("type").asText())
                        .isEqualTo("overloaded_error");
            } finally {
                starting.get(30, TimeUnit.SECONDS).close();
            }
        }
    }

    /** The gauge of requests in flight (one line of the exposition: {@code localbridge_active_exchanges 1.0}). */
    private static boolean oneActiveExchange(BridgeClient.Response metrics) {
        return metrics.body().lines().filter(line -> line.startsWith("localbridge_active_exchanges "))
                .anyMatch(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1).strip()) == 1);
    }

    /** Asks {@code path} until the bridge answers it and the answer passes {@code until} (bounded above). */
    private static BridgeClient.Response awaitAnswer(BridgeClient client, String path,
                                                     Predicate<BridgeClient.Response> until) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            BridgeClient.Response response = null;
            try {
                response = client.get(path);
            } catch (java.io.UncheckedIOException notListeningYet) {
                // the port is not bound yet
            }
            if (response != null && response.status() == 200 && until.test(response)) {
                return response;
            }
            assertThat(System.nanoTime()).as("the bridge answered " + path + " in time").isLessThan(deadline);
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000); // polling a condition, bounded above
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** llama-server's control endpoints, with {@code /props} held unanswered until {@link #release}. */
    private static final class HeldProps implements Function<HttpServerRequest, Boolean> {
        final CountDownLatch asked = new CountDownLatch(1);
        private final FakeLlamaControl control;
        private final List<Runnable> held = new CopyOnWriteArrayList<>();
        private volatile boolean holding = true;

        HeldProps(FakeLlamaControl control) {
            this.control = control;
        }

        @Override
        public Boolean apply(HttpServerRequest request) {
            if (holding && request.path().equals("/props")) {
                request.pause();
                io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
                held.add(() -> context.runOnContext(v -> {
                    control.apply(request);
                    request.resume();
                }));
                asked.countDown();
                return true;
            }
            return control.apply(request);
        }

        synchronized void release() {
            holding = false;
            held.forEach(Runnable::run);
            held.clear();
        }
    }

    /** A port that accepts connections and never answers anything on them. */
    private static final class SilentBackend implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();

        SilentBackend() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        accepted.add(server.accept());
                    }
                } catch (IOException closed) {
                    // closed by the test
                }
            });
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }
}
