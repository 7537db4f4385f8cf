package dev.localbridge.loadbench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.localbridge.openai.SseDecoder;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What the harness's client reads from an event stream, Anthropic or OpenAI: the characters of streamed text
 * (Anthropic {@code text}, OpenAI {@code content} string fields) and the first error event. The project's
 * {@link SseDecoder} splits the stream into payloads.
 */
final class SseText implements SseDecoder.Listener {
    private static final JsonFactory JSON = new JsonFactory();
    private static final int MAX_LINE_BYTES = 1 << 20;
    private final SseDecoder decoder = new SseDecoder(MAX_LINE_BYTES, this);
    private long characters;
    private String error;

    /** Feeds bytes as they arrive; returns the total characters of text seen so far. */
    long feed(Buffer buffer) {
        try {
            decoder.feed(buffer.getBytes(), 0, buffer.length());
        } catch (IOException e) {
            noteError("unreadable stream: " + e.getMessage());
        }
        return characters;
    }

    /** The first error event's data, or null. */
    String error() {
        return error;
    }

    @Override
    public void onPayload(String event, byte[] bytes, int start, int length) {
        if ("error".equals(event)) {
            noteError(new String(bytes, start, length, StandardCharsets.UTF_8));
        }
        try (JsonParser parser = JSON.createParser(bytes, start, length)) {
            int depth = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                switch (token) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> depth--;
                    case FIELD_NAME -> onField(parser, depth, bytes, start, length);
                    default -> {
                    }
                }
            }
        } catch (IOException e) {
            noteError("unreadable event: " + new String(bytes, start, length, StandardCharsets.UTF_8));
        }
    }

    @Override
    public void onDone() {
    }

    private void onField(JsonParser parser, int depth, byte[] bytes, int start, int length) throws IOException {
        String name = parser.currentName();
        if (name.equals("text") || name.equals("content")) {
            if (parser.nextToken() == JsonToken.VALUE_STRING) {
                characters += parser.getTextLength();
            } else {
                parser.skipChildren();
            }
        } else if (depth == 1 && name.equals("error")) {
            noteError(new String(bytes, start, length, StandardCharsets.UTF_8));
        }
    }

    private void noteError(String text) {
        if (error == null) {
            error = text;
        }
    }
}
