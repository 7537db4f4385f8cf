package dev.localbridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localbridge.config.BackendKind;
import dev.localbridge.config.PoolConfig;
import dev.localbridge.server.BridgeServer;
import dev.localbridge.testing.BridgeClient;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.LlamaServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two real llama-servers of two slots each as a pool of equals ({@code --backend A --backend B --slot-affinity}), 4 Claude
 * Code-shaped conversations interleaved: each stays on its backend and slot. Then one server is killed between two
 * turns: its conversations move to the other without a client seeing an error, and it rejoins when restarted.
 */
class PoolOfLlamaServersEndToEndTest {

    @Test
    void two_servers_keep_four_conversations_warm_survive_losing_one_and_take_it_back() throws Exception {
        LlamaServer a = SlotAffinityBenchmark.start(2);
        LlamaServer b = SlotAffinityBenchmark.start(2);
        int bPort = b.port();
        PoolConfig pool = PoolConfig.of(List.of(URI.create(a.url()), URI.create(b.url())), null,
                BackendKind.LLAMA_SERVER);
        try (BridgeServer bridge = Bridges.start(a.url(), c -> c.pool(pool).probeInterval(Duration.ofHours(1)))) {
            BridgeClient client = new BridgeClient(Bridges.url(bridge));
            CacheWarmth warmth = new CacheWarmth(Bridges.url(bridge), 4, "pool");

            CacheWarmth.Result warm = warmth.run(6, false);
            System.out.println(warm.summary("two servers of 2 slots, 4 conversations"));
            assertThat(warm.failures()).isEmpty();
            assertThat(warm.reprocessedLaterTurns()).as(warm.summary("two servers")).isLessThanOrEqualTo(0.10);
            assertThat(requests(client, "127.0.0.1:" + a.port())).isEqualTo(12);
            assertThat(requests(client, "127.0.0.1:" + bPort)).isEqualTo(12);

            b.close();
            CacheWarmth.Result afterLoss = warmth.run(3, false);
            assertThat(afterLoss.failures()).as("no client sees an error").isEmpty();
            assertThat(up(client, "127.0.0.1:" + bPort)).isFalse();
            System.out.println(afterLoss.summary("after losing one server (turns 7-9)"));
            afterLoss.samples().forEach(System.out::println);

            b = LlamaServer.startOn(bPort, SlotAffinityBenchmark.CTX_PER_SLOT * 2, 2,
                    SlotAffinityBenchmark.startArgs());
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!up(client, "127.0.0.1:" + bPort) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(up(client, "127.0.0.1:" + bPort)).as("the restarted server rejoins").isTrue();
            CacheWarmth fresh = new CacheWarmth(Bridges.url(bridge), 2, "fresh");
            assertThat(fresh.run(1, true).failures()).isEmpty();
            assertThat(requests(client, "127.0.0.1:" + bPort)).as("new conversations reach it again")
                    .isGreaterThan(12);
        } finally {
            a.close();
            b.close();
        }
    }

    static boolean up(BridgeClient client, String name) {
        return backend(client, name).path("up").asBoolean();
    }

    static JsonNode backend(BridgeClient client, String name) {
        for (JsonNode backend : client.get("/health").json().path("backends")) {
            if (backend.path("name").asText().equals(name)) {
                return backend;
            }
        }
        throw new AssertionError("no backend " + name);
    }

    static long requests(BridgeClient client, String name) {
        String prefix = "localbridge_backend_requests_total{backend=\"" + name + "\"} ";
        return client.get("/metrics").body().lines().filter(line -> line.startsWith(prefix))
                .mapToLong(line -> Long.parseLong(line.substring(prefix.length()))).sum();
    }
}
