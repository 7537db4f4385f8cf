package dev.localbridge.anthropic;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Encodes events as server-sent events ({@code event: …\ndata: {…}\n\n}). One encoder per stream: its buffer and
 * its JSON generator are made once and reused, each event written as a new root value, so encoding a token
 * allocates only the bytes that go to the socket.
 */
public final class EventEncoder {
    private static final JsonFactory JSON = new ObjectMapper().getFactory();
    private final ByteArrayBuilder buffer = new ByteArrayBuilder(512);
    private final JsonGenerator json;

    public EventEncoder() {
        try {
            json = JSON.createGenerator(buffer, JsonEncoding.UTF8);
            json.setRootValueSeparator(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The encoded bytes of one event; the array is fresh and owned by the caller. */
    public byte[] encode(StreamEvent event) {
        buffer.reset();
        try {
            buffer.write(Sse.prefix(event));
            writeData(json, event);
            json.flush();
            buffer.write(Sse.SUFFIX);
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeData(JsonGenerator json, StreamEvent event) throws IOException {
        json.writeStartObject();
        json.writeStringField("type", Sse.name(event));
        switch (event) {
            case StreamEvent.MessageStart start -> writeMessageStart(json, start);
            case StreamEvent.BlockStart start -> {
                json.writeNumberField("index", start.index());
                json.writeFieldName("content_block");
                AnthropicJson.writeBlock(json, start.block());
            }
            case StreamEvent.BlockDelta delta -> {
                json.writeNumberField("index", delta.index());
                json.writeFieldName("delta");
                writeDelta(json, delta.delta());
            }
            case StreamEvent.BlockStop stop -> json.writeNumberField("index", stop.index());
            case StreamEvent.MessageDelta delta -> writeMessageDelta(json, delta);
            case StreamEvent.MessageStop ignored -> {
            }
            case StreamEvent.Ping ignored -> {
            }
            case StreamEvent.Error error -> AnthropicJson.writeErrorObject(json, error.type(), error.message());
        }
        json.writeEndObject();
    }

    private static void writeMessageStart(JsonGenerator json, StreamEvent.MessageStart start) throws IOException {
        json.writeFieldName("message");
        json.writeStartObject();
        json.writeStringField("id", start.id());
        json.writeStringField("type", "message");
        json.writeStringField("role", "assistant");
        json.writeArrayFieldStart("content");
        json.writeEndArray();
        json.writeStringField("model", start.model());
        json.writeNullField("stop_reason");
        json.writeNullField("stop_sequence");
        AnthropicJson.writeUsage(json, start.usage());
        json.writeEndObject();
    }

    private static void writeMessageDelta(JsonGenerator json, StreamEvent.MessageDelta delta) throws IOException {
        json.writeObjectFieldStart("delta");
        json.writeStringField("stop_reason", delta.stopReason().wireName());
        if (delta.stopSequence() == null) {
            json.writeNullField("stop_sequence");
        } else {
            json.writeStringField("stop_sequence", delta.stopSequence());
        }
        json.writeEndObject();
        AnthropicJson.writeUsage(json, delta.usage());
    }

    private static void writeDelta(JsonGenerator json, StreamEvent.Delta delta) throws IOException {
        json.writeStartObject();
        switch (delta) {
            case StreamEvent.Delta.Text text -> {
                json.writeStringField("type", "text_delta");
                json.writeStringField("text", text.text());
            }
            case StreamEvent.Delta.Thinking thinking -> {
                json.writeStringField("type", "thinking_delta");
                json.writeStringField("thinking", thinking.thinking());
            }
            case StreamEvent.Delta.Signature signature -> {
                json.writeStringField("type", "signature_delta");
                json.writeStringField("signature", signature.signature());
            }
            case StreamEvent.Delta.InputJson input -> {
                json.writeStringField("type", "input_json_delta");
                json.writeStringField("partial_json", input.partialJson());
            }
        }
        json.writeEndObject();
    }
}
