package dev.localbridge.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses upstream chunks with Jackson's streaming parser: no tree is built per token, and fields the bridge
 * does not use are skipped without being materialised.
 */
public final class ChunkParser {
    private static final JsonFactory JSON = new JsonFactory();

    private ChunkParser() {
    }

    public static ChatChunk parse(byte[] data, int offset, int length) throws IOException {
        try (JsonParser p = JSON.createParser(data, offset, length)) {
            return parse(p);
        }
    }

    /**
     * A whole {@code chat.completion} (a backend that ignored {@code stream: true}) as one chunk; it must be complete,
     * with a {@code finish_reason}, or an error object.
     */
    public static ChatChunk completion(byte[] body) throws IOException {
        ChatChunk chunk;
        try {
            chunk = parse(body, 0, body.length);
        } catch (IOException e) {
            throw new IOException("a JSON body that is not a chat completion (" + e.getMessage() + ")", e);
        }
        if (chunk.error() == null && chunk.finishReason() == null) {
            throw new IOException("a JSON body that is not a complete chat completion");
        }
        return chunk;
    }

    /**
     * A parser for one stream: a single non-blocking Jackson parser is fed each chunk in turn, so parsing a token
     * allocates the chunk's values and nothing for the parser itself. Not thread-safe; one per stream.
     */
    public static Reader reader() {
        try {
            return new Reader(JSON.createNonBlockingByteArrayParser());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static final class Reader {
        private JsonParser parser;
        private com.fasterxml.jackson.core.async.ByteArrayFeeder feeder;

        private Reader(JsonParser parser) {
            use(parser);
        }

        private void use(JsonParser fresh) {
            this.parser = fresh;
            this.feeder = (com.fasterxml.jackson.core.async.ByteArrayFeeder) fresh.getNonBlockingInputFeeder();
        }

        /**
         * Parses one complete chunk; {@code data} must not change until this returns. A chunk cut short is an error,
         * and the reader starts afresh for the next one rather than read it as the rest of this.
         */
        public ChatChunk read(byte[] data, int offset, int length) throws IOException {
            feeder.feedInput(data, offset, offset + length);
            try {
                ChatChunk chunk = parse(parser);
                if (!parser.getParsingContext().inRoot()) {
                    throw new IOException("a chunk whose JSON object is cut short");
                }
                if (parser.nextToken() != JsonToken.NOT_AVAILABLE) {
                    throw new IOException("unexpected data after the chunk's JSON object");
                }
                return chunk;
            } catch (IOException e) {
                parser.close();
                use(JSON.createNonBlockingByteArrayParser());
                throw e instanceof com.fasterxml.jackson.core.JsonProcessingException
                        ? new IOException("a chunk that is not valid JSON", e) : e;
            }
        }
    }

    public static ChatChunk parse(JsonParser p) throws IOException {
        expect(p.nextToken(), JsonToken.START_OBJECT);
        Builder chunk = new Builder();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (value == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (field) {
                case "choices" -> readChoices(p, chunk);
                case "usage" -> chunk.usage = readUsage(p);
                case "timings" -> chunk.timings = readTimings(p);
                case "prompt_progress" -> chunk.progress = value == JsonToken.START_OBJECT ? readProgress(p) : null;
                case "error" -> chunk.error = readError(p);
                default -> p.skipChildren();
            }
        }
        return chunk.build();
    }

    private static void readChoices(JsonParser p, Builder chunk) throws IOException {
        expect(p.currentToken(), JsonToken.START_ARRAY);
        while (p.nextToken() == JsonToken.START_OBJECT) {
            int index = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_NULL) {
                    continue;
                }
                switch (field) {
                    case "index" -> index = p.getIntValue();
                    case "delta", "message" -> {
                        if (index == 0) {
                            readDelta(p, chunk);
                        } else {
                            p.skipChildren();
                        }
                    }
                    case "finish_reason" -> {
                        if (index == 0) {
                            chunk.finishReason = FinishReason.fromWire(p.getText());
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        }
    }

    private static void readDelta(JsonParser p, Builder chunk) throws IOException {
        expect(p.currentToken(), JsonToken.START_OBJECT);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (value == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (field) {
                case "content" -> chunk.content = p.getText();
                case "reasoning_content", "reasoning" -> chunk.reasoning = p.getText();
                case "tool_calls" -> readToolCalls(p, chunk);
                default -> p.skipChildren();
            }
        }
    }

    private static void readToolCalls(JsonParser p, Builder chunk) throws IOException {
        expect(p.currentToken(), JsonToken.START_ARRAY);
        int position = 0;
        while (p.nextToken() == JsonToken.START_OBJECT) {
            int index = position++;
            String id = null;
            String name = null;
            String arguments = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_NULL) {
                    continue;
                }
                switch (field) {
                    case "index" -> index = p.getIntValue();
                    case "id" -> id = p.getText();
                    case "function" -> {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String f = p.currentName();
                            JsonToken v = p.nextToken();
                            if (v == JsonToken.VALUE_NULL) {
                                continue;
                            }
                            switch (f) {
                                case "name" -> name = p.getText();
                                case "arguments" -> arguments = v == JsonToken.VALUE_STRING ? p.getText()
                                        : readRaw(p);
                                default -> p.skipChildren();
                            }
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (chunk.toolCalls == null) {
                chunk.toolCalls = new ArrayList<>(1);
            }
            chunk.toolCalls.add(new ChatChunk.ToolCallDelta(index, id, name, arguments));
        }
    }

    /** Some servers send arguments as an object instead of a JSON string. */
    private static String readRaw(JsonParser p) throws IOException {
        StringBuilder out = new StringBuilder();
        try (var writer = new java.io.StringWriter();
             var generator = JSON.createGenerator(writer)) {
            generator.copyCurrentStructure(p);
            generator.flush();
            out.append(writer);
        }
        return out.toString();
    }

    private static ChatChunk.UpstreamUsage readUsage(JsonParser p) throws IOException {
        long prompt = 0;
        long completion = 0;
        long cached = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "prompt_tokens" -> prompt = value.isNumeric() ? p.getLongValue() : prompt;
                case "completion_tokens" -> completion = value.isNumeric() ? p.getLongValue() : completion;
                case "prompt_tokens_details" -> cached = value == JsonToken.START_OBJECT ? readCached(p) : 0;
                default -> p.skipChildren();
            }
        }
        return new ChatChunk.UpstreamUsage(prompt, completion, cached);
    }

    private static long readCached(JsonParser p) throws IOException {
        long cached = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("cached_tokens") && value.isNumeric()) {
                cached = p.getLongValue();
            } else {
                p.skipChildren();
            }
        }
        return cached;
    }

    private static ChatChunk.Timings readTimings(JsonParser p) throws IOException {
        long[] counts = new long[3];
        double[] millis = new double[2];
        forEachNumber(p, field -> {
            switch (field) {
                case "cache_n" -> counts[0] = p.getLongValue();
                case "prompt_n" -> counts[1] = p.getLongValue();
                case "prompt_ms" -> millis[0] = p.getDoubleValue();
                case "predicted_n" -> counts[2] = p.getLongValue();
                case "predicted_ms" -> millis[1] = p.getDoubleValue();
                default -> {
                }
            }
        });
        return new ChatChunk.Timings(counts[0], counts[1], millis[0], counts[2], millis[1]);
    }

    /** llama-server's {@code prompt_progress}; null without a {@code total}. */
    private static ChatChunk.PromptProgress readProgress(JsonParser p) throws IOException {
        long[] values = {-1, 0, 0};
        forEachNumber(p, field -> {
            switch (field) {
                case "total" -> values[0] = p.getLongValue();
                case "cache" -> values[1] = p.getLongValue();
                case "processed" -> values[2] = p.getLongValue();
                default -> {
                }
            }
        });
        return values[0] < 0 ? null : new ChatChunk.PromptProgress(values[0], values[1], values[2]);
    }

    private interface NumberField {
        void read(String field) throws IOException;
    }

    /** Reads the members of the object at hand: the numeric ones through {@code field}, the others skipped. */
    private static void forEachNumber(JsonParser p, NumberField field) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (p.nextToken().isNumeric()) {
                field.read(name);
            } else {
                p.skipChildren();
            }
        }
    }

    private static ChatChunk.UpstreamError readError(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            return new ChatChunk.UpstreamError(0, null, p.getText());
        }
        int code = 0;
        String type = null;
        String message = "";
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "code" -> code = value.isNumeric() ? p.getIntValue() : 0;
                case "type" -> type = value == JsonToken.VALUE_STRING ? p.getText() : null;
                case "message" -> message = value == JsonToken.VALUE_STRING ? p.getText() : message;
                default -> p.skipChildren();
            }
        }
        return new ChatChunk.UpstreamError(code, type, message);
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + " but found " + actual);
        }
    }

    private static final class Builder {
        String content;
        String reasoning;
        List<ChatChunk.ToolCallDelta> toolCalls;
        FinishReason finishReason;
        ChatChunk.UpstreamUsage usage;
        ChatChunk.Timings timings;
        ChatChunk.UpstreamError error;
        ChatChunk.PromptProgress progress;

        ChatChunk build() {
            return new ChatChunk(content, reasoning, toolCalls == null ? List.of() : toolCalls, finishReason, usage,
                    timings, error, progress);
        }
    }
}
