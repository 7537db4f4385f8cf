package dev.localbridge.map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Build files in TOML ({@code Cargo.toml}, {@code pyproject.toml}) read with Jackson's TOML module. */
final class TomlFiles {
    private static final TomlMapper MAPPER = new TomlMapper();

    private TomlFiles() {
    }

    /** The document as a tree; one that is not valid TOML reads as empty, so its facts simply do not show up. */
    static JsonNode parse(String text) {
        try {
            JsonNode root = MAPPER.readTree(text);
            return root == null ? MAPPER.createObjectNode() : root;
        } catch (IOException e) {
            return MAPPER.createObjectNode();
        }
    }

    /** The node at a dotted table name such as {@code tool.poetry.scripts}; missing when absent. */
    static JsonNode at(JsonNode root, String dotted) {
        JsonNode node = root;
        for (String key : dotted.split("\\.")) {
            node = node.path(key);
        }
        return node;
    }

    /** The text of {@code table.key}; empty when absent or not a string. */
    static String text(JsonNode root, String table, String key) {
        return at(root, table).path(key).asText("");
    }

    /** The strings of an array such as {@code workspace.members}. */
    static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(item -> {
            if (item.isTextual()) {
                strings.add(item.textValue());
            }
        });
        return strings;
    }
}
