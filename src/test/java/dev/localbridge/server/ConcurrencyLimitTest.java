package dev.localbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.config.InboundLimits;
import dev.localbridge.testing.BridgeClient;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.Script;
import dev.localbridge.testing.ScriptedBackend;
import dev.localbridge.testing.SseEvent;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Requests beyond the concurrency limit get 529 overloaded_error; places free up when responses end. */
class ConcurrencyLimitTest {
    static final String STREAM = "{\"model\":\"m\",\"max_tokens\":10,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    static ScriptedBackend backend;
    static BridgeServer bridge;
    static BridgeClient client;

    @BeforeAll
    static void start() {
        backend = new ScriptedBackend();
        bridge = Bridges.start(backend.url(), b -> b.inboundLimits(InboundLimits.DEFAULTS.withRequests(2, 1 << 20)));
        client = new BridgeClient(Bridges.url(bridge));
    }

    @AfterAll
    static void stop() {
        bridge.close();
        backend.close();
    }

    @Test
    void a_request_beyond_the_limit_gets_529_and_a_place_frees_when_a_stream_ends() throws InterruptedException {
        backend.enqueue(Script.named("first").role().content("a").waitForever().build());
        backend.enqueue(Script.named("second").role().content("b").waitForever().build());
        try (BridgeClient.Stream first = client.stream(STREAM); BridgeClient.Stream second = client.stream(STREAM)) {
            first.until(e -> e.name().equals("content_block_delta"));
            second.until(e -> e.name().equals("content_block_delta"));

            BridgeClient.Response third = client.post("/v1/messages", STREAM);
            assertThat(third.status()).isEqualTo(529);
            assertThat(third.json().path("error").path("type").asText()).isEqualTo("overloaded_error");
            assertThat(third.headers().firstValue("x-should-retry")).hasValue("true");

            first.close();
            assertThat(backend.awaitHangup(10, TimeUnit.SECONDS)).isNotNull();
        }
        backend.fallback(body -> Script.text("ok"));
        assertThat(client.post("/v1/messages", STREAM.replace("\"stream\":true", "\"stream\":false")).status())
                .isEqualTo(200);
    }
}
