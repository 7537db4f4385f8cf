package dev.localbridge.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localbridge.testing.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generated mutations of real request bodies, at the byte level and at the JSON tree level. */
public final class RequestMutations {
    private static final String[] SNIPPETS = {"null", "[", "]", "{", "}", "\"", "\\", "\\u", "\\ud800",
        "\\udfff\\ud800", "1e999999", "-0", "99999999999999999999999", "0x1F", "NaN", "\u0000", ",", ":", "]}",
        "true", "\"type\":",
        "\"image\"", "\"tool_use\"", "\"thinking\"", "\"url\"", "\"file:///etc/passwd\"", "\u00ff\u00fe",
        "\ud83d\ude00", "{\"type\":\"text\"}", "[[[[[[[[[[", "\"\\u0000\""};
    private static final String[] FIELDS = {"type", "text", "content", "role", "source", "url", "data", "media_type",
        "tool_use_id", "input", "name", "id", "thinking", "signature", "max_tokens", "system", "tools", "tool_choice",
        "stop_sequences", "temperature", "top_k", "metadata", "output_config", "input_schema", "is_error",
        "cache_control"};

    private RequestMutations() {
    }

    enum Kind { TRUNCATE, FLIP, INSERT, DELETE, DUPLICATE, REPLACE_NODE, SET_FIELD, DEEPEN }

    record Mutation(Kind kind, double at, double span, int choice, JsonNode value) {
    }

    public static Arbitrary<byte[]> of(List<byte[]> fixtures) {
        Arbitrary<Integer> fixture = Arbitraries.integers().between(0, fixtures.size() - 1);
        Arbitrary<List<Mutation>> mutations = mutation().list().ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(fixture, mutations).as((index, list) -> apply(fixtures.get(index), list));
    }

    static Arbitrary<Mutation> mutation() {
        Arbitrary<Double> fraction = Arbitraries.doubles().between(0, 1);
        Arbitrary<Integer> choice = Arbitraries.integers().between(0, 999);
        return Combinators.combine(Arbitraries.of(Kind.class), fraction, fraction, choice, values()).as(Mutation::new);
    }

    /** Values of every JSON type, including the awkward ones. */
    static Arbitrary<JsonNode> values() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return Arbitraries.oneOf(
                Arbitraries.just(f.nullNode()),
                Arbitraries.of(true, false).map(f::booleanNode),
                Arbitraries.integers().map(f::numberNode),
                Arbitraries.longs().map(f::numberNode),
                Arbitraries.doubles().map(f::numberNode),
                Arbitraries.strings().ofMaxLength(40).map(f::textNode),
                Arbitraries.strings().all().ofMaxLength(12).map(f::textNode),
                Arbitraries.of("text", "image", "tool_use", "tool_result", "thinking", "redacted_thinking", "document",
                        "url", "base64", "user", "assistant", "system", "auto", "any", "tool", "none", "enabled",
                        "adaptive", "http://169.254.169.254/", "gopher://x/", "https://example.com/a.png")
                        .map(f::textNode),
                Arbitraries.just(f.arrayNode()),
                Arbitraries.just(f.objectNode()),
                Arbitraries.integers().between(1, 60).map(RequestMutations::nested));
    }

    static JsonNode nested(int depth) {
        JsonNode node = JsonNodeFactory.instance.textNode("x");
        for (int i = 0; i < depth; i++) {
            node = i % 2 == 0 ? JsonNodeFactory.instance.arrayNode().add(node)
                    : JsonNodeFactory.instance.objectNode().set("content", node);
        }
        return node;
    }

    static byte[] apply(byte[] original, List<Mutation> mutations) {
        byte[] body = original;
        for (Mutation mutation : mutations) {
            body = apply(body, mutation);
        }
        return body;
    }

    private static byte[] apply(byte[] body, Mutation m) {
        int at = (int) (m.at() * body.length);
        int span = Math.min(body.length - at, 1 + (int) (m.span() * 64));
        return switch (m.kind()) {
            case TRUNCATE -> Arrays.copyOf(body, at);
            case FLIP -> {
                byte[] copy = body.clone();
                if (at < copy.length) {
                    copy[at] = (byte) m.choice();
                }
                yield copy;
            }
            case INSERT -> splice(body, at, 0, SNIPPETS[m.choice() % SNIPPETS.length].getBytes(StandardCharsets.UTF_8));
            case DELETE -> splice(body, at, span, new byte[0]);
            case DUPLICATE -> splice(body, at, 0, Arrays.copyOfRange(body, at, at + span));
            case REPLACE_NODE, SET_FIELD, DEEPEN -> tree(body, m);
        };
    }

    private static byte[] splice(byte[] body, int at, int remove, byte[] insert) {
        byte[] out = new byte[body.length - remove + insert.length];
        System.arraycopy(body, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(body, at + remove, out, at + insert.length, body.length - at - remove);
        return out;
    }

    /** On a body that still parses: replaces a node, sets a known field on an object, or wraps a node deeply. */
    private static byte[] tree(byte[] body, Mutation m) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (Exception unparsable) {
            return body;
        }
        if (root == null || !root.isContainerNode()) {
            return body;
        }
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = containers.get((int) (m.at() * containers.size()) % containers.size());
        JsonNode value = m.kind() == Kind.DEEPEN ? nested(20 + m.choice() % 900) : m.value();
        if (target instanceof ObjectNode object) {
            String field = m.kind() == Kind.SET_FIELD || object.isEmpty() ? FIELDS[m.choice() % FIELDS.length]
                    : nthField(object, m.choice());
            object.set(field, value);
        } else if (target instanceof ArrayNode array) {
            if (array.isEmpty() || m.kind() == Kind.SET_FIELD) {
                array.add(value);
            } else {
                array.set(m.choice() % array.size(), value);
            }
        }
        try {
            return Json.MAPPER.writeValueAsBytes(root);
        } catch (Exception tooDeepToWrite) {
            return body;
        }
    }

    private static String nthField(ObjectNode object, int n) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names.get(n % names.size());
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            node.forEach(child -> collect(child, out));
        }
    }
}
