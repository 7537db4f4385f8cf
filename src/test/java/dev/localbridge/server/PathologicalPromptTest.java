package dev.localbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.testing.BridgeClient;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.FakeLlamaControl;
import dev.localbridge.testing.Script;
import dev.localbridge.testing.ScriptedBackend;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A 21-million-character prompt without a newline, counted exactly against a backend with a small window, is
 * answered {@code prompt is too long}; meanwhile no event loop is blocked long enough for Vert.x's own blocked
 * thread check (2 s) to notice, and other clients keep being served. The latency figures are printed, not asserted.
 */
class PathologicalPromptTest {
    static final String SMALL = "{\"model\":\"m\",\"max_tokens\":10,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    static final Logger BLOCKED = Logger.getLogger("io.vertx.core.internal.threadchecker.BlockedThreadChecker");
    static final List<LogRecord> blocked = new CopyOnWriteArrayList<>();
    static final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            blocked.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    static ScriptedBackend backend;
    static BridgeServer bridge;
    static BridgeClient client;

    @BeforeAll
    static void start() {
        BLOCKED.addHandler(capture);
        backend = new ScriptedBackend().routes(new FakeLlamaControl(32768)).fallback(body -> Script.text("ok"));
        bridge = Bridges.start(backend.url());
        client = new BridgeClient(Bridges.url(bridge));
    }

    @AfterAll
    static void stop() {
        bridge.close();
        backend.close();
        BLOCKED.removeHandler(capture);
    }

    @Test
    void a_huge_prompt_without_newlines_is_too_long_and_does_not_stall_other_clients() {
        smallRequests(() -> false, 100);
        List<Double> before = smallRequests(() -> false, 300);
        String prompt = "ab ".repeat(7_000_000);
        String big = "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\""
                + prompt + "\"}]}";
        long started = System.nanoTime();
        CompletableFuture<BridgeClient.Response> answer = CompletableFuture.supplyAsync(
                () -> client.post("/v1/messages", big));
        List<Double> during = smallRequests(answer::isDone, Integer.MAX_VALUE);
        BridgeClient.Response response = answer.join();
        double bigMillis = (System.nanoTime() - started) / 1e6;

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("error").path("message").asText()).startsWith("prompt is too long: ");
        assertThat(blocked).as("event loops blocked for seconds").isEmpty();
        System.out.printf("pathological prompt (21 M chars, no newline): answered in %.0f ms; small requests before:"
                + " %s; during (%d): %s%n", bigMillis, summary(before), during.size(), summary(during));
    }

    private static List<Double> smallRequests(java.util.function.BooleanSupplier stop, int most) {
        List<Double> millis = new ArrayList<>();
        while (millis.size() < most && !stop.getAsBoolean()) {
            long started = System.nanoTime();
            assertThat(client.post("/v1/messages", SMALL).status()).isEqualTo(200);
            millis.add((System.nanoTime() - started) / 1e6);
        }
        return millis;
    }

    private static String summary(List<Double> millis) {
        if (millis.isEmpty()) {
            return "none";
        }
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms", sorted.get(sorted.size() / 2),
                sorted.get((int) Math.min(sorted.size() - 1, Math.floor(sorted.size() * 0.99))), sorted.getLast());
    }
}
