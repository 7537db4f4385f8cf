package dev.localbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.testing.BridgeClient;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.FakeLlamaControl;
import dev.localbridge.testing.Json;
import dev.localbridge.testing.Script;
import dev.localbridge.testing.ScriptedBackend;
import dev.localbridge.testing.SseEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A prompt that may not fit goes to the backend at once and is counted meanwhile; its answer waits for the count.
 * The stream is never silent while it waits: past the count grace it commits and pings, and still shows no content
 * before the count; an overflow the count finds after that is Anthropic's "prompt is too long" as an error event
 * (Claude Code 2.1.328 then asks again without streaming, and the HTTP 400 it gets makes it compact), and the
 * backend's request is cancelled.
 */
class CountingSilenceTest {
    static final int N_CTX = 8192;
    FakeLlamaControl control;
    ScriptedBackend backend;
    BridgeServer bridge;
    BridgeClient client;

    @BeforeEach
    void start() {
        control = new FakeLlamaControl(N_CTX);
        backend = new ScriptedBackend().routes(control).fallback(body -> Script.text("ok"));
        bridge = Bridges.start(backend.url(), b -> b.outputCeiling(4096).minOutputTokens(1024)
                .countGrace(Duration.ofMillis(300)).pingInterval(Duration.ofMillis(100)));
        client = new BridgeClient(Bridges.url(bridge));
    }

    @AfterEach
    void stop() {
        control.release();
        bridge.close();
        backend.close();
    }

    static String request(String text) {
        return "{\"model\":\"m\",\"max_tokens\":4096,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":"
                + Json.quote(text) + "}]}";
    }

    /** About 3,000 tokens in a window of 8192: it fits, but its bytes alone cannot prove it. */
    static final String MAY_NOT_FIT = "word ".repeat(3000);

    @Test
    void a_stream_whose_count_is_slow_commits_and_pings_after_the_count_grace_with_no_content_before_the_count() {
        control.hold();
        try (BridgeClient.Stream stream = client.stream(request(MAY_NOT_FIT))) {
            assertThat(stream.status()).isEqualTo(200);
            List<SseEvent> first = stream.until(e -> e.name().equals("ping"));
            assertThat(first).extracting(SseEvent::name).containsExactly("message_start", "ping");
            assertThat(Duration.ofNanos(first.getLast().arrivedNanos() - stream.startedNanos))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(300));
            // Sent before it was counted: the backend answered "ok" long ago, and the bridge holds it back.
            assertThat(backend.receivedSoFar()).hasSize(1);
            List<SseEvent> more = stream.until(e -> e.name().equals("ping"));
            assertThat(more).extracting(SseEvent::name).containsOnly("ping");

            control.release();
            List<SseEvent> rest = stream.all();
            assertThat(rest.getLast().name()).isEqualTo("message_stop");
            assertThat(rest.stream().filter(e -> e.name().equals("content_block_delta"))
                    .map(e -> e.data().path("delta").path("text").asText())).containsExactly("ok");
        }
    }

    @Test
    void an_overflow_found_after_the_stream_committed_is_an_error_event_and_the_backend_request_is_cancelled()
            throws Exception {
        backend.fallback(body -> Script.named("prefilling").waitForever().build());
        control.hold();
        try (BridgeClient.Stream stream = client.stream(request("word ".repeat(9000)))) {
            assertThat(stream.status()).isEqualTo(200);
            stream.until(e -> e.name().equals("ping"));
            control.release();
            List<SseEvent> rest = stream.all();
            SseEvent last = rest.getLast();
            assertThat(last.name()).isEqualTo("error");
            assertThat(last.data().path("error").path("type").asText()).isEqualTo("invalid_request_error");
            assertThat(last.data().path("error").path("message").asText())
                    .matches("prompt is too long: \\d+ tokens > 7168 maximum");
            assertThat(rest).extracting(SseEvent::name).doesNotContain("content_block_start", "content_block_delta");
        }
        assertThat(backend.awaitHangup(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("prefilling");
    }

    @Test
    void a_client_that_hangs_up_while_its_prompt_is_counted_cancels_the_request_sent_meanwhile() throws Exception {
        backend.fallback(body -> Script.named("prefilling").waitForever().build());
        control.hold();
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", bridge.port())) {
            byte[] body = request(MAY_NOT_FIT).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            socket.getOutputStream().write(("POST /v1/messages HTTP/1.1\r\nhost: x\r\ncontent-type: application/json"
                    + "\r\ncontent-length: " + body.length + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            awaitUntil(() -> control.rendersInFlight() > 0 && backend.receivedSoFar().size() == 1);
        }
        assertThat(backend.awaitHangup(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("prefilling");
        awaitUntil(() -> bridge.metrics().clientHangups() == 1);
        control.release();
        awaitUntil(() -> control.rendersInFlight() == 0 && bridge.metrics().activeExchanges() == 0);
    }

    /** Polls a condition the bridge reaches on its own; fails after 5 s. */
    private static void awaitUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition reached within 5 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
