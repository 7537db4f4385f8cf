package dev.localbridge.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.util.Objects;

/**
 * An immutable JSON value of arbitrary shape, for the parts of the wire types that are JSON by nature (a tool's input
 * schema, a tool call's input, a structured-output schema). The tree inside is never handed out: {@link #tree()}
 * gives a copy, {@link #write} and {@link #toString()} read it. Equal when the JSON is equal.
 */
public final class JsonValue {
    public static final JsonValue EMPTY_OBJECT = new JsonValue(JsonNodeFactory.instance.objectNode());

    private final JsonNode tree;

    private JsonValue(JsonNode tree) {
        this.tree = tree;
    }

    /** Takes over a tree no one else keeps (one just parsed, or just built): it must not be changed afterwards. */
    public static JsonValue adopt(JsonNode tree) {
        return new JsonValue(Objects.requireNonNull(tree));
    }

    /** A copy of the tree, the caller's to change. */
    public JsonNode tree() {
        return tree.deepCopy();
    }

    public boolean isObject() {
        return tree.isObject();
    }

    /** Writes the value where the generator is (its codec must be able to write trees). */
    public void write(JsonGenerator json) throws IOException {
        json.writeTree(tree);
    }

    /** The value as compact JSON. */
    @Override
    public String toString() {
        return tree.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonValue value && tree.equals(value.tree);
    }

    @Override
    public int hashCode() {
        return tree.hashCode();
    }
}
