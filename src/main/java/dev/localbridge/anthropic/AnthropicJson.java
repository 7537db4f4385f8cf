package dev.localbridge.anthropic;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localbridge.error.ApiException;
import dev.localbridge.error.ErrorType;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON bodies of non-streaming responses: messages, errors, token counts. */
public final class AnthropicJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AnthropicJson() {
    }

    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    public static byte[] toBytes(Body body) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(1024);
             JsonGenerator json = MAPPER.getFactory().createGenerator(out)) {
            body.write(json);
            json.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] message(MessageResponse message) {
        return toBytes(json -> {
            json.writeStartObject();
            json.writeStringField("id", message.id());
            json.writeStringField("type", "message");
            json.writeStringField("role", "assistant");
            json.writeStringField("model", message.model());
            json.writeArrayFieldStart("content");
            for (ContentBlock block : message.content()) {
                writeBlock(json, block);
            }
            json.writeEndArray();
            json.writeStringField("stop_reason", message.stopReason().wireName());
            if (message.stopSequence() == null) {
                json.writeNullField("stop_sequence");
            } else {
                json.writeStringField("stop_sequence", message.stopSequence());
            }
            writeUsage(json, message.usage());
            json.writeEndObject();
        });
    }

    /** {@code {"type":"error","error":{"type","message"},"request_id"}} */
    public static byte[] error(ApiException error, String requestId) {
        return toBytes(json -> {
            json.writeStartObject();
            writeErrorBody(json, error);
            if (requestId != null) {
                json.writeStringField("request_id", requestId);
            }
            json.writeEndObject();
        });
    }

    public static byte[] tokenCount(long inputTokens) {
        return toBytes(json -> {
            json.writeStartObject();
            json.writeNumberField("input_tokens", inputTokens);
            json.writeEndObject();
        });
    }

    /** Writes {@code "type":"error","error":{…}} into an object already started. */
    static void writeErrorBody(JsonGenerator json, ApiException error) throws IOException {
        json.writeStringField("type", "error");
        writeErrorObject(json, error);
    }

    /** Writes {@code "error":{"type","message"}} into an object already started. */
    static void writeErrorObject(JsonGenerator json, ApiException error) throws IOException {
        writeErrorObject(json, error.type(), error.getMessage());
    }

    static void writeErrorObject(JsonGenerator json, ErrorType type, String message) throws IOException {
        json.writeObjectFieldStart("error");
        json.writeStringField("type", type.wireName());
        json.writeStringField("message", message);
        json.writeEndObject();
    }

    static void writeUsage(JsonGenerator json, Usage usage) throws IOException {
        json.writeObjectFieldStart("usage");
        json.writeNumberField("input_tokens", usage.inputTokens());
        json.writeNumberField("cache_creation_input_tokens", 0);
        json.writeNumberField("cache_read_input_tokens", usage.cacheReadInputTokens());
        json.writeNumberField("output_tokens", usage.outputTokens());
        json.writeEndObject();
    }

    static void writeBlock(JsonGenerator json, ContentBlock block) throws IOException {
        json.writeStartObject();
        switch (block) {
            case ContentBlock.Text text -> {
                json.writeStringField("type", "text");
                json.writeStringField("text", text.text());
            }
            case ContentBlock.Thinking thinking -> {
                json.writeStringField("type", "thinking");
                json.writeStringField("thinking", thinking.thinking());
                json.writeStringField("signature", thinking.signature());
            }
            case ContentBlock.ToolUse use -> {
                json.writeStringField("type", "tool_use");
                json.writeStringField("id", use.id());
                json.writeStringField("name", use.name());
                json.writeFieldName("input");
                use.input().write(json);
            }
            case ContentBlock.RedactedThinking redacted -> {
                json.writeStringField("type", "redacted_thinking");
                json.writeStringField("data", redacted.data());
            }
            case ContentBlock.Image ignored -> throw new IllegalArgumentException("responses carry no images");
            case ContentBlock.ToolResult ignored -> throw new IllegalArgumentException("responses carry no tool results");
            case ContentBlock.Document ignored -> throw new IllegalArgumentException("responses carry no documents");
        }
        json.writeEndObject();
    }
}
