package dev.localbridge.loadbench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * The harness's minimal reader of a server-sent event stream, Anthropic or OpenAI: it counts the characters of
 * streamed text (Anthropic {@code text}, OpenAI {@code content} string fields) and notices error events. Kept
 * apart so it can be swapped for the project's SSE decoder.
 */
final class SseText {
    private static final JsonFactory JSON = new JsonFactory();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
    private long characters;
    private String error;

    /** Feeds bytes as they arrive; returns the total characters of text seen so far. */
    long feed(Buffer buffer) {
        int length = buffer.length();
        for (int i = 0; i < length; i++) {
            byte b = buffer.getByte(i);
            if (b == '\n') {
                onLine();
                line.reset();
            } else if (b != '\r') {
                line.write(b);
            }
        }
        return characters;
    }

    long characters() {
        return characters;
    }

    /** The first error event's data, or null. */
    String error() {
        return error;
    }

    private void onLine() {
        byte[] bytes = line.toByteArray();
        if (bytes.length < 6 || bytes[0] != 'd' || bytes[4] != ':') {
            return;
        }
        int from = bytes[5] == ' ' ? 6 : 5;
        if (bytes.length - from == 6 && bytes[from] == '[') {
            return; // [DONE]
        }
        try (JsonParser parser = JSON.createParser(bytes, from, bytes.length - from)) {
            int depth = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                switch (token) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> depth--;
                    case FIELD_NAME -> onField(parser, depth, bytes, from);
                    default -> {
                    }
                }
            }
        } catch (IOException e) {
            noteError("unreadable event: " + new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private void onField(JsonParser parser, int depth, byte[] bytes, int from) throws IOException {
        String name = parser.currentName();
        if (name.equals("text") || name.equals("content")) {
            if (parser.nextToken() == JsonToken.VALUE_STRING) {
                characters += parser.getTextLength();
            } else {
                parser.skipChildren();
            }
        } else if (depth == 1 && name.equals("error")) {
            noteError(new String(bytes, from, bytes.length - from, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private void noteError(String text) {
        if (error == null) {
            error = text;
        }
    }
}
