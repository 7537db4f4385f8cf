package dev.localbridge.server;

import static dev.localbridge.server.PoolFailoverTest.pool;
import static dev.localbridge.server.PoolFailoverTest.spec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localbridge.config.ModelMap;
import dev.localbridge.config.ScenarioModels;
import dev.localbridge.testing.BridgeClient;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.FakeLlamaControl;
import dev.localbridge.testing.Json;
import dev.localbridge.testing.Script;
import dev.localbridge.testing.ScriptedBackend;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each backend's budget is its own: its n_ctx, its template and tokenizer; a prompt too long moves to a larger one. */
class PoolBudgetTest {
    static String request(String model, int words, int maxTokens) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":" + maxTokens + ",\"messages\":[{\"role\":\"user\","
                + "\"content\":" + Json.quote("word ".repeat(words)) + "}]}";
    }

    /** What the fake tokenizer counts for the request the backend received (its template, one token per word). */
    static long counted(JsonNode received) {
        return FakeLlamaControl.tokens(FakeLlamaControl.render(received));
    }

    @Test
    void each_backend_gets_max_tokens_from_its_own_context_and_count() {
        FakeLlamaControl smallControl = new FakeLlamaControl(8000);
        FakeLlamaControl bigControl = new FakeLlamaControl(60000);
        try (ScriptedBackend small = new ScriptedBackend(); ScriptedBackend big = new ScriptedBackend()) {
            small.routes(smallControl).fallback(BudgetTest::endless);
            big.routes(bigControl).fallback(body -> Script.text("big"));
            try (BridgeServer bridge = Bridges.start(small.url(), b -> b
                    .models(ModelMap.of(Map.of("opus", "small-model", "haiku", "big-model")))
                    .pool(pool(ScenarioModels.NONE, spec("small", small.url(), 0, "small-model"),
                            spec("big", big.url(), 0, "big-model"))))) {
                BridgeClient client = new BridgeClient(Bridges.url(bridge));

                BridgeClient.Response onSmallAnswer = client.post("/v1/messages", request("claude-opus-5", 5000, 16384));
                assertThat(onSmallAnswer.status()).isEqualTo(200);
                assertThat(client.post("/v1/messages", request("claude-haiku-4", 5000, 16384)).status())
                        .isEqualTo(200);

                // The small one's answer is held to exactly the room its context leaves, whether it was counted
                // before it was sent (while the pool could still move it) or after.
                JsonNode onSmall = small.takeRequest();
                assertThat(onSmallAnswer.json().path("usage").path("output_tokens").asLong())
                        .isEqualTo(8000 - counted(onSmall));
                assertThat(big.takeRequest().path("max_tokens").asInt()).isEqualTo(16384);
                // Only the prompt that may not fit is counted (by its own backend's tokenizer); the other's size
                // would come from llama-server's first chunk.
                assertThat(smallControl.tokenizeCalls()).isPositive();
            }
        }
    }

    @Test
    void a_prompt_longer_than_its_backends_context_goes_to_one_with_a_larger_context() {
        FakeLlamaControl smallControl = new FakeLlamaControl(4000);
        FakeLlamaControl bigControl = new FakeLlamaControl(60000);
        try (ScriptedBackend small = new ScriptedBackend(); ScriptedBackend big = new ScriptedBackend()) {
            small.routes(smallControl).fallback(body -> Script.text("small"));
            big.routes(bigControl).fallback(body -> Script.text("big"));
            try (BridgeServer bridge = Bridges.start(big.url(), b -> b.pool(pool(new ScenarioModels("small-model", null),
                    spec("big", big.url(), 0, "big-model"), spec("small", small.url(), 0, "small-model"))))) {
                BridgeClient client = new BridgeClient(Bridges.url(bridge));

                BridgeClient.Response fits = client.post("/v1/messages", request("claude-haiku-4", 500, 1000));
                BridgeClient.Response tooLong = client.post("/v1/messages", request("claude-haiku-4", 10000, 16384));

                assertThat(fits.json().path("content").get(0).path("text").asText()).isEqualTo("small");
                assertThat(tooLong.status()).as(tooLong.body()).isEqualTo(200);
                assertThat(tooLong.json().path("content").get(0).path("text").asText()).isEqualTo("big");
                JsonNode onBig = big.takeRequest();
                assertThat(onBig.path("max_tokens").asLong()).isEqualTo(Math.min(16384, 60000 - counted(onBig)));
            }
        }
    }

    @Test
    void count_tokens_counts_with_the_backend_the_request_would_go_to() {
        FakeLlamaControl smallControl = new FakeLlamaControl(8000);
        FakeLlamaControl bigControl = new FakeLlamaControl(60000);
        try (ScriptedBackend small = new ScriptedBackend(); ScriptedBackend big = new ScriptedBackend()) {
            small.routes(smallControl);
            big.routes(bigControl);
            try (BridgeServer bridge = Bridges.start(big.url(), b -> b.pool(pool(new ScenarioModels("small-model", null),
                    spec("big", big.url(), 0, "big-model"), spec("small", small.url(), 0, "small-model"))))) {
                BridgeClient client = new BridgeClient(Bridges.url(bridge));

                client.post("/v1/messages/count_tokens", request("claude-haiku-4", 50, 10));

                assertThat(smallControl.tokenizeCalls()).isPositive();
                assertThat(bigControl.tokenizeCalls()).isZero();
            }
        }
    }
}
