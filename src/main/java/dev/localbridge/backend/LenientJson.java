package dev.localbridge.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Lenient JSON reading for answers that may not be JSON at all: anything unreadable is an empty object. */
public final class LenientJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LenientJson() {
    }

    public static JsonNode parse(String text) {
        try {
            return orEmpty(MAPPER.readTree(text));
        } catch (IOException e) {
            return empty();
        }
    }

    public static JsonNode parse(byte[] bytes) {
        try {
            return orEmpty(MAPPER.readTree(bytes));
        } catch (IOException e) {
            return empty();
        }
    }

    public static JsonNode empty() {
        return MAPPER.createObjectNode();
    }

    private static JsonNode orEmpty(JsonNode node) {
        return node == null ? empty() : node;
    }
}
