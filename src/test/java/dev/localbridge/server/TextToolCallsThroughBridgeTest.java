package dev.localbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localbridge.anthropic.Tool;
import dev.localbridge.testing.BridgeClient;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.Script;
import dev.localbridge.testing.ScriptedBackend;
import dev.localbridge.testing.SseEvent;
import dev.localbridge.translate.toolcall.ToolCallCorpusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole tool-call corpus through a running bridge: the scripted backend streams each case as content in
 * random fragment sizes; the client gets the same calls (or the same text) streaming and not.
 */
class TextToolCallsThroughBridgeTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static ScriptedBackend backend;
    static BridgeServer bridge;
    static BridgeClient client;

    @BeforeAll
    static void start() {
        backend = new ScriptedBackend();
        bridge = Bridges.start(backend.url(), b -> b);
        client = new BridgeClient(Bridges.url(bridge));
    }

    @AfterAll
    static void stop() {
        bridge.close();
        backend.close();
    }

    private static String request(boolean stream) {
        ObjectNode body = MAPPER.createObjectNode().put("model", "claude-opus-5-5").put("max_tokens", 1024)
                .put("stream", stream);
        body.putArray("messages").addObject().put("role", "user").put("content", "go");
        ArrayNode tools = body.putArray("tools");
        for (Tool tool : ToolCallCorpusTest.tools()) {
            tools.addObject().put("name", tool.name()).put("description", tool.description())
                    .set("input_schema", tool.inputSchema().tree());
        }
        return body.toString();
    }

    private static Script script(List<String> fragments) {
        Script.Builder builder = Script.named("corpus").role();
        fragments.forEach(builder::content);
        return builder.finish("stop").usage(10, fragments.size(), 0).done().build();
    }

    /** "name canonical-input" per tool_use block and the joined text, from a message's content. */
    private static List<String> summary(JsonNode content) throws Exception {
        List<String> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (JsonNode block : content) {
            if (block.path("type").asText().equals("tool_use")) {
                out.add(block.path("name").asText() + " " + canonical(block.path("input")));
            } else if (block.path("type").asText().equals("text")) {
                text.append(block.path("text").asText());
            }
        }
        out.add("text:" + text);
        return out;
    }

    private static String canonical(JsonNode node) throws Exception {
        Object value = MAPPER.treeToValue(node, Object.class);
        return MAPPER.copy().configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS,
                true).writeValueAsString(value);
    }

    /** The streamed events assembled into content blocks, as a client does; tool inputs must parse. */
    private static JsonNode assemble(List<SseEvent> events) throws Exception {
        ArrayNode content = MAPPER.createArrayNode();
        List<StringBuilder> parts = new ArrayList<>();
        for (SseEvent event : events) {
            switch (event.name()) {
                case "content_block_start" -> {
                    content.add(event.data().path("content_block").deepCopy());
                    parts.add(new StringBuilder());
                }
                case "content_block_delta" -> {
                    JsonNode delta = event.data().path("delta");
                    parts.get(event.data().path("index").asInt()).append(delta.has("text")
                            ? delta.path("text").asText() : delta.path("partial_json").asText());
                }
                default -> {
                }
            }
        }
        for (int i = 0; i < content.size(); i++) {
            ObjectNode block = (ObjectNode) content.get(i);
            if (block.path("type").asText().equals("tool_use")) {
                block.set("input", MAPPER.readTree(parts.get(i).toString()));
            } else if (block.path("type").asText().equals("text")) {
                block.put("text", parts.get(i).toString());
            }
        }
        return content;
    }

    @Test
    void every_corpus_case_gives_the_same_blocks_streaming_and_not_in_random_fragments() throws Exception {
        Random random = new Random(7);
        int calls = 0;
        for (ToolCallCorpusTest.Case c : ToolCallCorpusTest.corpus()) {
            backend.enqueue(script(ToolCallCorpusTest.fragments(c.text(), random)));
            JsonNode message = client.post("/v1/messages", request(false)).json();
            backend.enqueue(script(ToolCallCorpusTest.fragments(c.text(), random)));
            List<SseEvent> events;
            try (BridgeClient.Stream stream = client.stream(request(true))) {
                events = stream.all();
            }
            List<String> plain = summary(message.path("content"));
            assertThat(summary(assemble(events))).as(c.name()).isEqualTo(plain);
            assertThat(plain.size() - 1).as(c.name() + " tool calls").isEqualTo(c.expectedCalls().size());
            calls += plain.size() - 1;
            if (c.kind().equals("positive")) {
                assertThat(message.path("stop_reason").asText()).as(c.name()).isEqualTo("tool_use");
            }
        }
        assertThat(calls).isGreaterThanOrEqualTo(40);
    }
}
