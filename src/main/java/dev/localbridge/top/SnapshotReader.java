package dev.localbridge.top;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the live view's JSON into a {@link LiveSnapshot}. Every field of the contract is required; fields it does not
 * know are ignored. Anything else is a {@link IllegalArgumentException} naming the field, which {@code top} shows.
 */
public final class SnapshotReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SnapshotReader() {
    }

    public static LiveSnapshot read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the live view is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the live view is not a JSON object");
        }
        JsonNode bridge = object(root, "bridge");
        JsonNode totals = object(root, "totals");
        JsonNode rates = object(root, "rates");
        JsonNode ttft = object(root, "ttftMs");
        return new LiveSnapshot(integer(root, "time"),
                new LiveSnapshot.Bridge(text(bridge, "version"), integer(bridge, "uptimeMs"),
                        (int) integer(bridge, "outputCeiling")),
                new LiveSnapshot.Totals(integer(totals, "requests"), integer(totals, "errors"),
                        integer(totals, "hangups"), integer(totals, "inputTokens"), integer(totals, "outputTokens"),
                        integer(totals, "cacheReadTokens")),
                new LiveSnapshot.Rates(number(rates, "outputTokensPerSecond"), number(rates, "requestsPerMinute")),
                new LiveSnapshot.Ttft(number(ttft, "p50"), number(ttft, "p90")),
                number(root, "cacheHitRate"),
                list(root, "active", SnapshotReader::active),
                list(root, "recent", SnapshotReader::recent),
                list(root, "backends", SnapshotReader::backend));
    }

    private static LiveSnapshot.Active active(JsonNode node) {
        return new LiveSnapshot.Active(text(node, "id"), text(node, "model"), text(node, "requestedModel"),
                phase(text(node, "phase")), integer(node, "promptTokens"), integer(node, "nCtx"),
                integer(node, "outputTokens"), number(node, "tokensPerSecond"), integer(node, "ageMs"),
                bool(node, "stream"));
    }

    private static LiveSnapshot.Recent recent(JsonNode node) {
        return new LiveSnapshot.Recent(text(node, "id"), text(node, "model"), text(node, "requestedModel"),
                outcome(text(node, "outcome")), nullableText(node, "stopReason"), nullableText(node, "errorType"),
                nullableText(node, "message"), integer(node, "promptTokens"), integer(node, "nCtx"),
                integer(node, "cachedTokens"), integer(node, "outputTokens"), number(node, "ttftMs"),
                number(node, "tokensPerSecond"), integer(node, "durationMs"), integer(node, "endedAt"));
    }

    private static LiveSnapshot.Backend backend(JsonNode node) {
        return new LiveSnapshot.Backend(text(node, "url"), text(node, "kind"), nullableText(node, "model"),
                integer(node, "nCtx"), (int) integer(node, "slots"), backendState(text(node, "state")),
                bool(node, "healthy"));
    }

    private static LiveSnapshot.Phase phase(String wire) {
        for (LiveSnapshot.Phase phase : LiveSnapshot.Phase.values()) {
            if (phase.wire().equals(wire)) {
                return phase;
            }
        }
        throw new IllegalArgumentException("unknown phase \"" + wire + "\" in the live view");
    }

    private static LiveSnapshot.Outcome outcome(String wire) {
        for (LiveSnapshot.Outcome outcome : LiveSnapshot.Outcome.values()) {
            if (outcome.wire().equals(wire)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("unknown outcome \"" + wire + "\" in the live view");
    }

    private static LiveSnapshot.BackendState backendState(String wire) {
        for (LiveSnapshot.BackendState state : LiveSnapshot.BackendState.values()) {
            if (state.wire().equals(wire)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown backend state \"" + wire + "\" in the live view");
    }

    private static <T> List<T> list(JsonNode parent, String field, Function<JsonNode, T> item) {
        JsonNode array = field(parent, field);
        if (!array.isArray()) {
            throw new IllegalArgumentException("\"" + field + "\" in the live view is not an array");
        }
        List<T> items = new ArrayList<>(array.size());
        for (JsonNode element : array) {
            if (!element.isObject()) {
                throw new IllegalArgumentException("an element of \"" + field + "\" in the live view is not an object");
            }
            items.add(item.apply(element));
        }
        return items;
    }

    private static JsonNode object(JsonNode parent, String field) {
        return typed(parent, field, JsonNode::isObject, "an object");
    }

    private static String text(JsonNode parent, String field) {
        return typed(parent, field, JsonNode::isTextual, "a string").asText();
    }

    private static String nullableText(JsonNode parent, String field) {
        JsonNode node = field(parent, field);
        return node.isNull() ? null : text(parent, field);
    }

    private static long integer(JsonNode parent, String field) {
        return typed(parent, field, JsonNode::isNumber, "a number").asLong();
    }

    private static double number(JsonNode parent, String field) {
        return typed(parent, field, JsonNode::isNumber, "a number").asDouble();
    }

    private static boolean bool(JsonNode parent, String field) {
        return typed(parent, field, JsonNode::isBoolean, "true or false").asBoolean();
    }

    /** The field, which must be there and of the kind {@code what} names. */
    private static JsonNode typed(JsonNode parent, String field, java.util.function.Predicate<JsonNode> kind,
                                  String what) {
        JsonNode node = field(parent, field);
        if (!kind.test(node)) {
            throw new IllegalArgumentException("\"" + field + "\" in the live view is not " + what);
        }
        return node;
    }

    private static JsonNode field(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null) {
            throw new IllegalArgumentException("the live view lacks \"" + field + "\"");
        }
        return node;
    }
}
