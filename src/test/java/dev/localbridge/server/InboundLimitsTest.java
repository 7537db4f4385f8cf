package dev.localbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.config.InboundLimits;
import dev.localbridge.testing.BridgeClient;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.Json;
import dev.localbridge.testing.RawHttp;
import dev.localbridge.testing.Script;
import dev.localbridge.testing.ScriptedBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clients that hold connections or bytes without finishing their requests are cut off by the limits, and
 * normal clients keep being served meanwhile. Bounded: at most a few hundred loopback connections.
 */
class InboundLimitsTest {
    static final String MESSAGE = "{\"model\":\"m\",\"max_tokens\":10,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    static ScriptedBackend backend;
    static BridgeServer bridge;
    static BridgeClient client;

    @BeforeAll
    static void start() {
        backend = new ScriptedBackend().fallback(body -> Script.text("ok"));
        bridge = Bridges.start(backend.url(), b -> b.inboundLimits(InboundLimits.DEFAULTS
                .withHeaderTimeout(Duration.ofMillis(800))
                .withBodyTimeout(Duration.ofMillis(800))
                .withConnections(400, 50)
                .withRequests(256, 256 * 1024)));
        client = new BridgeClient(Bridges.url(bridge));
    }

    @AfterAll
    static void stop() {
        bridge.close();
        backend.close();
    }

    @Test
    void headers_that_never_end_are_cut_off_at_the_header_timeout() {
        try (RawHttp slow = RawHttp.connect(bridge.port())) {
            slow.send("POST /v1/messages HTTP/1.1\r\nhost: x\r\n");
            assertThat(slow.readUntilClosed(20)).isEmpty();
        }
    }

    @Test
    void a_body_shorter_than_its_content_length_gets_408_and_the_connection_closes() {
        try (RawHttp slow = RawHttp.connect(bridge.port())) {
            slow.send("POST /v1/messages HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n"
                    + "content-length: 1000\r\n\r\n{\"model\":");
            String response = slow.readUntilClosed(20);
            assertThat(RawHttp.status(response)).isEqualTo(408);
            assertThat(Json.parse(RawHttp.body(response)).path("error").path("type").asText())
                    .isEqualTo("invalid_request_error");
        }
    }

    @Test
    void bodies_beyond_the_in_flight_byte_budget_get_529_overloaded() {
        try (RawHttp holder = RawHttp.connect(bridge.port())) {
            holder.send("POST /v1/messages HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n"
                    + "content-length: 200000\r\n\r\n{");
            BridgeClient.Response second = client.post("/v1/messages",
                    MESSAGE.replace("hi", "x".repeat(100_000)));
            assertThat(second.status()).isEqualTo(529);
            assertThat(second.json().path("error").path("type").asText()).isEqualTo("overloaded_error");
            assertThat(second.headers().firstValue("x-should-retry")).hasValue("true");
        }
        assertThat(client.post("/v1/messages", MESSAGE).status()).isEqualTo(200);
    }

    /** Time to serve 20 normal requests, in ms: the figure the attack tests compare with. */
    static double twentyRequestsMillis() {
        long started = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            assertThat(client.post("/v1/messages", MESSAGE).status()).isEqualTo(200);
        }
        return (System.nanoTime() - started) / 1e6;
    }

    @Test
    void slowloris_from_one_address_does_not_keep_other_clients_from_being_served() {
        List<RawHttp> attackers = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                RawHttp slow = RawHttp.connect(bridge.port(), "127.0.0.2");
                slow.send("POST /v1/messages HTTP/1.1\r\nhost: x\r\ncontent-len");
                attackers.add(slow);
            }
            double baseline = twentyRequestsMillis();
            System.out.printf("slowloris: 200 partial requests held, 20 normal requests served in %.1f ms"
                    + " (%.1f ms just before)%n", twentyRequestsMillis(), baseline);
            for (RawHttp slow : attackers) {
                assertThat(slow.readUntilClosed(20)).isEmpty();
            }
        } finally {
            attackers.forEach(RawHttp::close);
        }
    }

    @Test
    void a_connection_flood_from_one_address_is_refused_beyond_its_share_and_others_are_served() {
        List<RawHttp> flood = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                flood.add(RawHttp.connect(bridge.port(), "127.0.0.3"));
            }
            double baseline = twentyRequestsMillis();
            System.out.printf("flood: 300 idle connections opened, 20 normal requests served in %.1f ms"
                    + " (%.1f ms just before)%n", twentyRequestsMillis(), baseline);
            long closed = flood.stream().filter(c -> c.readUntilClosed(20).isEmpty()).count();
            assertThat(closed).isEqualTo(300);
        } finally {
            flood.forEach(RawHttp::close);
        }
    }
}
