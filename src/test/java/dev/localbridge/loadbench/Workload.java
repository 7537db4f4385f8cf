package dev.localbridge.loadbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Claude Code-shaped conversations from the recorded fixtures: a small side request (the title request, a new
 * conversation of its own), then a 50 KB first turn with 12 tools (a new conversation) and a 50 KB second turn of
 * the same conversation (known: its prefix was seen). Each body carries a conversation nonce in its first user
 * message, so every conversation is new to every cache, and the request's {@link Marker} in its last one.
 */
final class Workload {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CONVERSATION = "@@LBCONV@@";
    private static final String REQUEST = "@@LBREQ@@";
    private static final String PREVIOUS = "@@LBPREV@@";

    /** One request of a conversation. */
    enum Kind {
        SMALL_NEW("small, new conversation"),
        LARGE_NEW("50 KB, new conversation"),
        LARGE_KNOWN("50 KB, known conversation");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    record Step(Kind kind, String template) {
        /** The body of request {@code request}; {@code previous} is the conversation's previous request. */
        byte[] body(long conversation, long request, long previous) {
            return template.replace(CONVERSATION, Long.toString(conversation)).replace(REQUEST, Marker.of(request))
                    .replace(PREVIOUS, Marker.of(previous)).getBytes(StandardCharsets.UTF_8);
        }
    }

    private final List<Step> steps;

    private Workload(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    static Workload fromFixtures(Path dir) throws IOException {
        return new Workload(List.of(
                new Step(Kind.SMALL_NEW, template(dir.resolve("interactive-title-000.json"), false)),
                new Step(Kind.LARGE_NEW, template(dir.resolve("tool-loop-000.json"), false)),
                new Step(Kind.LARGE_KNOWN, template(dir.resolve("tool-loop-001.json"), true))));
    }

    List<Step> steps() {
        return steps;
    }

    Step step(Kind kind) {
        return steps.stream().filter(s -> s.kind() == kind).findFirst().orElseThrow();
    }

    /**
     * The fixture's request body with the placeholders in place. A later turn repeats the first user message as
     * the first turn sent it, marker included, so its prefix is the one already seen.
     */
    static String template(Path fixture, boolean laterTurn) throws IOException {
        ObjectNode body = (ObjectNode) MAPPER.readTree(fixture.toFile()).path("body").deepCopy();
        body.put("stream", true);
        ArrayNode messages = (ArrayNode) body.path("messages");
        JsonNode first = firstOf(messages, "user");
        JsonNode last = lastOf(messages, "user");
        prependText((ObjectNode) first, "[conversation " + CONVERSATION + "] ");
        if (laterTurn) {
            appendText((ObjectNode) first, PREVIOUS);
        }
        appendText((ObjectNode) last, REQUEST);
        return MAPPER.writeValueAsString(body);
    }

    private static JsonNode firstOf(ArrayNode messages, String role) {
        for (JsonNode message : messages) {
            if (message.path("role").asText().equals(role)) {
                return message;
            }
        }
        throw new IllegalArgumentException("no " + role + " message in the fixture");
    }

    private static JsonNode lastOf(ArrayNode messages, String role) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).path("role").asText().equals(role)) {
                return messages.get(i);
            }
        }
        throw new IllegalArgumentException("no " + role + " message in the fixture");
    }

    private static void prependText(ObjectNode message, String text) {
        JsonNode content = message.path("content");
        if (content.isTextual()) {
            message.put("content", text + content.asText());
            return;
        }
        for (JsonNode block : content) {
            if (block.path("type").asText().equals("text")) {
                ((ObjectNode) block).put("text", text + block.path("text").asText());
                return;
            }
        }
        ((ArrayNode) content).insertObject(0).put("type", "text").put("text", text);
    }

    private static void appendText(ObjectNode message, String text) {
        JsonNode content = message.path("content");
        if (content.isTextual()) {
            message.put("content", content.asText() + "\n" + text);
        } else {
            ((ArrayNode) content).addObject().put("type", "text").put("text", text);
        }
    }
}
