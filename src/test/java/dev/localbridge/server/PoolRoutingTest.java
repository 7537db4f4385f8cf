package dev.localbridge.server;

import static dev.localbridge.server.PoolFailoverTest.await;
import static dev.localbridge.server.PoolFailoverTest.backend;
import static dev.localbridge.server.PoolFailoverTest.pool;
import static dev.localbridge.server.PoolFailoverTest.spec;
import static dev.localbridge.server.PoolFailoverTest.start;
import static dev.localbridge.server.PoolFailoverTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localbridge.config.BackendKind;
import dev.localbridge.routing.ConversationKey;
import dev.localbridge.config.ModelMap;
import dev.localbridge.config.ScenarioModels;
import dev.localbridge.testing.BridgeClient;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.FakeLlamaControl;
import dev.localbridge.testing.Json;
import dev.localbridge.testing.Script;
import dev.localbridge.testing.ScriptedBackend;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Conversations stick to their backend and slot; scenarios pick the model; each backend's budget is its own. */
class PoolRoutingTest {

    static String turn(String first, int extraTurns, String model) {
        StringBuilder messages = new StringBuilder("[{\"role\":\"user\",\"content\":" + Json.quote(first) + "}");
        for (int i = 1; i <= extraTurns; i++) {
            messages.append(",{\"role\":\"assistant\",\"content\":\"answer ").append(i).append("\"}")
                    .append(",{\"role\":\"user\",\"content\":\"follow-up ").append(i).append("\"}");
        }
        return "{\"model\":\"" + model + "\",\"max_tokens\":10,\"messages\":" + messages + "]}";
    }

    static int inFlight(BridgeClient client, String name) {
        for (JsonNode backend : client.get("/health").json().path("backends")) {
            if (backend.path("name").asText().equals(name)) {
                return backend.path("in_flight").asInt();
            }
        }
        throw new AssertionError("no backend " + name);
    }

    /**
     * Both backends idle, a new conversation would go to {@code a} (first of equals); {@code a} is kept busy while
     * the conversation starts, so it begins on {@code b}; then, {@code a} idle again, its later turns stay on b.
     */
    void stickiness(String header1, String header2, String firstMessage2) throws Exception {
        try (ScriptedBackend a = backend("a"); ScriptedBackend b = backend("b");
             BridgeServer bridge = start(pool(ScenarioModels.NONE, spec("a", a.url(), 1), spec("b", b.url(), 1)))) {
            BridgeClient client = new BridgeClient(Bridges.url(bridge));
            a.enqueue(Script.named("held").head().waitForever().build());
            try (BridgeClient.Stream held = client.stream(turn("someone else's work", 0, "m")
                    .replace("{\"model\"", "{\"stream\":true,\"model\""))) {
                assertThat(held.status()).isEqualTo(200);
                assertThat(text(post(client, turn("my task", 0, "m"), header1))).isEqualTo("from b");
            }
            assertThat(a.awaitHangup(10, TimeUnit.SECONDS)).isEqualTo("held");
            await("a is idle", () -> inFlight(client, "a") == 0);
            assertThat(text(post(client, turn(firstMessage2, 1, "m"), header2))).isEqualTo("from b");
            assertThat(text(post(client, turn(firstMessage2, 2, "m"), header2))).isEqualTo("from b");
            assertThat(text(post(client, turn("a brand new task", 0, "m"), null))).isEqualTo("from a");
        }
    }

    static BridgeClient.Response post(BridgeClient client, String body, String session) {
        return session == null ? client.post("/v1/messages", body)
                : client.post("/v1/messages", body, ConversationKey.SESSION_HEADER, session);
    }

    @Test
    void a_conversation_sticks_to_its_backend_by_claude_codes_session_header() throws Exception {
        // Same session, and a first message that changed (say, after compaction): the header alone keeps it.
        stickiness("session-1", "session-1", "my task, compacted");
    }

    @Test
    void a_conversation_without_a_session_header_sticks_to_its_backend_by_its_prompt_prefix() throws Exception {
        stickiness(null, null, "my task");
    }

    @Test
    void on_llama_server_each_conversation_keeps_its_own_slot_and_side_requests_do_not_take_it() {
        try (ScriptedBackend llama = new ScriptedBackend()) {
            llama.routes(new FakeLlamaControl(32768).slots(4)).fallback(body -> Script.text("ok"));
            try (BridgeServer bridge = start(pool(ScenarioModels.NONE, spec("llama", llama.url(), 0)
                    .withKind(BackendKind.LLAMA_SERVER)))) {
                BridgeClient client = new BridgeClient(Bridges.url(bridge));
                int[] slots = new int[3];
                for (int round = 0; round < 3; round++) {
                    for (int c = 0; c < 3; c++) {
                        post(client, turn("task " + c, round, "m"), "session-" + c);
                        int slot = llama.takeRequest().path("id_slot").asInt(-1);
                        assertThat(slot).isBetween(0, 3);
                        if (round == 0) {
                            slots[c] = slot;
                        } else {
                            assertThat(slot).as("conversation %d, round %d", c, round).isEqualTo(slots[c]);
                        }
                    }
                }
                assertThat(slots).doesNotHaveDuplicates();
                post(client, "{\"model\":\"m\",\"max_tokens\":10,\"system\":\"Name this session\",\"messages\":"
                        + "[{\"role\":\"user\",\"content\":\"task 0\"}],\"output_config\":{\"format\":{\"type\":"
                        + "\"json_schema\",\"schema\":{\"type\":\"object\"}}}}", "session-0");
                assertThat(llama.takeRequest().path("id_slot").asInt()).isNotIn(slots[0], slots[1], slots[2]);
                assertThat(client.get("/health").json().path("backends").get(0).path("conversations_in_slots")
                        .asInt()).isEqualTo(4);
            }
        }
    }

    @Test
    void without_being_told_it_is_a_llama_server_with_a_slot_per_kv_cache_no_slot_is_pinned() {
        try (ScriptedBackend llama = new ScriptedBackend()) {
            llama.routes(new FakeLlamaControl(32768).slots(4)).fallback(body -> Script.text("ok"));
            try (BridgeServer bridge = start(pool(ScenarioModels.NONE, spec("llama", llama.url(), 0)))) {
                post(new BridgeClient(Bridges.url(bridge)), turn("task", 0, "m"), "session");
                assertThat(llama.takeRequest().has("id_slot")).isFalse();
            }
        }
    }

    @Test
    void side_and_haiku_requests_go_to_the_small_model_thinking_to_the_reasoning_model_the_rest_to_the_main()
            throws Exception {
        try (ScriptedBackend big = backend("big"); ScriptedBackend small = backend("small");
             ScriptedBackend thinker = backend("thinker");
             BridgeServer bridge = Bridges.start(big.url(), b -> b.models(ModelMap.of(Map.of("default", "big-model")))
                     .pool(pool(new ScenarioModels("small-model", "thinking-model"), spec("big", big.url(), 0, "big-model"),
                             spec("small", small.url(), 0, "small-model"),
                             spec("thinker", thinker.url(), 0, "thinking-model"))))) {
            BridgeClient client = new BridgeClient(Bridges.url(bridge));
            String main = turn("fix the bug", 0, "claude-opus-5-5");
            // The shapes of Claude Code's own side requests (its real traffic: the title's system prompt, the
            // compaction's last turn).
            String title = main.replace("\"messages\"", "\"system\":\"You are naming a coding session so the user "
                    + "can pick it out.\",\"output_config\":{\"format\":{\"type\":\"json_schema\","
                    + "\"schema\":{\"type\":\"object\"}}},\"messages\"");
            String compaction = turn("fix the bug", 1, "claude-opus-5-5").replace("follow-up 1",
                    "Your task is to summarize. Respond with TEXT ONLY. Do NOT call any tools.");
            String haiku = turn("quick question", 0, "claude-haiku-4-5");
            String oneToken = turn("Is 7 prime? Answer Y or N.", 0, "claude-opus-5-5")
                    .replace("\"max_tokens\":10", "\"max_tokens\":1");
            String thinking = main.replace("\"messages\"", "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":"
                    + "2048},\"messages\"").replace("\"max_tokens\":10", "\"max_tokens\":4096");

            assertThat(text(client.post("/v1/messages", main))).isEqualTo("from big");
            assertThat(big.takeRequest().path("model").asText()).isEqualTo("big-model");
            for (String side : new String[] {title, compaction, haiku}) {
                BridgeClient.Response response = client.post("/v1/messages", side);
                assertThat(response.status()).as(response.body()).isEqualTo(200);
                assertThat(small.takeRequest().path("model").asText()).isEqualTo("small-model");
            }
            BridgeClient.Response hinted = client.post("/v1/messages", turn("look around", 0, "claude-opus-5-5"),
                    "x-claude-code-request-class", "auxiliary");
            assertThat(hinted.status()).isEqualTo(200);
            assertThat(small.takeRequest().path("model").asText()).isEqualTo("small-model");
            // Another client's one-token question is a turn of its own: it needs the model the user chose.
            assertThat(text(client.post("/v1/messages", oneToken))).isEqualTo("from big");
            assertThat(big.takeRequest().path("model").asText()).isEqualTo("big-model");
            assertThat(client.post("/v1/messages", thinking).status()).isEqualTo(200);
            assertThat(thinker.takeRequest().path("model").asText()).isEqualTo("thinking-model");
            assertThat(big.receivedSoFar()).isEmpty();
        }
    }
}
