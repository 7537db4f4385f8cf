package dev.localbridge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localbridge.routing.ConversationKey;
import dev.localbridge.testing.BridgeClient;
import dev.localbridge.testing.ExternalTools;
import dev.localbridge.testing.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Drives conversations shaped like Claude Code's through a bridge and records how much of each prompt the backend
 * processed and how much it read from its cache: the real {@code single-turn-000} request (~13k tokens with the
 * chatml-tools template), each conversation with its own task in the first message and its own session id, each
 * turn appending the model's answer and ~1.5 KB of new user text. Turns are interleaved (every conversation's turn
 * t before any turn t+1), one request at a time or all conversations at once.
 */
final class CacheWarmth {
    /** One request's usage as the bridge reported it. */
    record Sample(int conversation, int turn, int status, long processed, long cached, String error) {
        long prompt() {
            return processed + cached;
        }
    }

    /** What a run measured. */
    record Result(List<Sample> samples) {
        long processed(boolean laterTurnsOnly) {
            return samples.stream().filter(s -> !laterTurnsOnly || s.turn() > 1).mapToLong(Sample::processed).sum();
        }

        long prompt(boolean laterTurnsOnly) {
            return samples.stream().filter(s -> !laterTurnsOnly || s.turn() > 1).mapToLong(Sample::prompt).sum();
        }

        /** The share of later turns' prompt tokens the backend processed again (not read from its cache). */
        double reprocessedLaterTurns() {
            return (double) processed(true) / Math.max(1, prompt(true));
        }

        List<Sample> failures() {
            return samples.stream().filter(s -> s.status() != 200 || s.error() != null).toList();
        }

        String summary(String label) {
            return String.format("%-44s later turns re-processed %5.1f %% (%d of %d), all turns processed %d of %d,"
                            + " failures %d", label, 100 * reprocessedLaterTurns(), processed(true), prompt(true),
                    processed(false), prompt(false), failures().size());
        }
    }

    private final BridgeClient client;
    private final List<ObjectNode> conversations = new ArrayList<>();
    private final String runId;
    private int turnsDone;

    CacheWarmth(String bridgeUrl, int count, String runId) throws IOException {
        this.client = new BridgeClient(bridgeUrl);
        this.runId = runId;
        ObjectNode fixture = (ObjectNode) Json.parse(Files.readString(ExternalTools.shared()
                .resolve("fixtures/claude-code-2.1.328/single-turn-000.json"))).path("body");
        for (int i = 0; i < count; i++) {
            ObjectNode body = fixture.deepCopy();
            body.put("stream", false);
            body.put("max_tokens", 24);
            body.remove("thinking");
            ArrayNode firstContent = (ArrayNode) body.path("messages").path(0).path("content");
            ObjectNode task = (ObjectNode) firstContent.get(firstContent.size() - 1);
            task.put("text", task.path("text").asText() + "\nTask " + i + " of run " + runId + ": " + filler(i, 0, 200));
            conversations.add(body);
        }
    }

    /**
     * Runs the next {@code turns} turns of every conversation (numbered on from the last run), interleaved;
     * {@code concurrent}: each turn's requests at once.
     */
    Result run(int turns, boolean concurrent) throws Exception {
        List<Sample> samples = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(conversations.size())) {
            for (int turn = turnsDone + 1; turn <= turnsDone + turns; turn++) {
                int t = turn;
                if (concurrent) {
                    List<Future<Sample>> pending = new ArrayList<>();
                    for (int c = 0; c < conversations.size(); c++) {
                        int conversation = c;
                        pending.add(pool.submit(() -> turn(conversation, t)));
                    }
                    for (Future<Sample> sample : pending) {
                        samples.add(sample.get());
                    }
                } else {
                    for (int c = 0; c < conversations.size(); c++) {
                        samples.add(turn(c, t));
                    }
                }
            }
        }
        turnsDone += turns;
        return new Result(List.copyOf(samples));
    }

    /** Sends the conversation's next request; on success appends the answer and the next user text. */
    Sample turn(int conversation, int turn) {
        ObjectNode body = conversations.get(conversation);
        String json;
        synchronized (body) {
            json = body.toString();
        }
        BridgeClient.Response response = client.post("/v1/messages", json, ConversationKey.SESSION_HEADER,
                "session-" + runId + "-" + conversation);
        if (response.status() != 200) {
            return new Sample(conversation, turn, response.status(), 0, 0, response.body());
        }
        JsonNode answer = response.json();
        JsonNode usage = answer.path("usage");
        StringBuilder text = new StringBuilder();
        answer.path("content").forEach(block -> text.append(block.path("text").asText("")));
        synchronized (body) {
            ArrayNode messages = (ArrayNode) body.path("messages");
            ObjectNode assistant = messages.addObject();
            assistant.put("role", "assistant");
            assistant.putArray("content").addObject().put("type", "text")
                    .put("text", text.isEmpty() ? "(no text)" : text.toString());
            ObjectNode user = messages.addObject();
            user.put("role", "user");
            user.putArray("content").addObject().put("type", "text").put("text", filler(conversation, turn, 1500));
        }
        return new Sample(conversation, turn, 200, usage.path("input_tokens").asLong(),
                usage.path("cache_read_input_tokens").asLong(), null);
    }

    /** About {@code bytes} of English-like text, distinct per conversation and turn. */
    static String filler(int conversation, int turn, int bytes) {
        String[] words = {"refactor", "the", "parser", "so", "that", "each", "module", "reads", "its", "config",
            "from", "one", "place", "and", "tests", "cover", "every", "branch", "of", "routing", "logic", "then",
            "update", "docs"};
        StringBuilder text = new StringBuilder("Conversation " + conversation + ", turn " + turn + ": ");
        long seed = conversation * 7919L + turn * 104729L + 17;
        while (text.length() < bytes) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            text.append(words[(int) Math.floorMod(seed >>> 33, (long) words.length)]).append(' ');
        }
        return text.toString();
    }
}
