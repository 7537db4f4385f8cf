package dev.localbridge.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localbridge.server.BridgeServer;
import dev.localbridge.testing.BridgeClient;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.Script;
import dev.localbridge.testing.ScriptedBackend;
import dev.localbridge.testing.SseEvent;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The token counters of /metrics are the sums of the usage the clients were given, streamed or not. */
class TokenCountersTest {
    ScriptedBackend backend;
    BridgeServer bridge;
    BridgeClient client;

    @BeforeEach
    void start() {
        backend = new ScriptedBackend();
        bridge = Bridges.start(backend.url());
        client = new BridgeClient(Bridges.url(bridge));
    }

    @AfterEach
    void stop() {
        bridge.close();
        backend.close();
    }

    @Test
    void input_output_and_cache_read_counters_equal_the_usage_clients_received() {
        long[] received = new long[3];
        for (int i = 0; i < 6; i++) {
            backend.enqueue(Script.named("turn " + i).role().content("a").content("b").finish("stop")
                    .usage(100 + i * 10, 2 + i, i * 7).done().build());
            JsonNode usage = i % 2 == 0 ? streamedUsage() : plainUsage();
            received[0] += usage.path("input_tokens").asLong();
            received[1] += usage.path("output_tokens").asLong();
            received[2] += usage.path("cache_read_input_tokens").asLong();
        }

        String metrics = client.get("/metrics").body();

        assertThat(received[0]).isPositive();
        assertThat(counter(metrics, "localbridge_input_tokens_total")).isEqualTo(received[0]);
        assertThat(counter(metrics, "localbridge_output_tokens_total")).isEqualTo(received[1]);
        assertThat(counter(metrics, "localbridge_cache_read_tokens_total")).isEqualTo(received[2]);
    }

    private JsonNode streamedUsage() {
        try (BridgeClient.Stream stream = client.stream(request(true))) {
            List<SseEvent> events = stream.all();
            return events.stream().filter(e -> e.name().equals("message_delta")).findFirst().orElseThrow()
                    .data().path("usage");
        }
    }

    private JsonNode plainUsage() {
        BridgeClient.Response response = client.post("/v1/messages", request(false));
        assertThat(response.status()).isEqualTo(200);
        return response.json().path("usage");
    }

    private static long counter(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? ([0-9.eE+]+)$").matcher(metrics);
        assertThat(m.find()).as(name + " in /metrics").isTrue();
        return (long) Double.parseDouble(m.group(1));
    }

    private static String request(boolean stream) {
        return "{\"model\":\"m\",\"max_tokens\":10,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }
}
