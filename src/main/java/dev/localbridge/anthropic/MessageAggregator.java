package dev.localbridge.anthropic;

import dev.localbridge.json.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a complete message from the event stream, for non-streaming requests: the bridge always streams
 * from the backend, so both kinds of request share one translation path. Blocks come out in the order
 * thinking → text → tool_use.
 */
public final class MessageAggregator implements EventSink {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private String id;
    private String model;
    private final List<PartialBlock> blocks = new ArrayList<>();
    private StreamEvent.MessageDelta end;
    private StreamEvent.Error error;
    private boolean stopped;

    private static final class PartialBlock {
        final ContentBlock start;
        final StringBuilder text = new StringBuilder();
        String signature = "";

        PartialBlock(ContentBlock start) {
            this.start = start;
        }
    }

    @Override
    public void accept(StreamEvent event) {
        switch (event) {
            case StreamEvent.MessageStart start -> {
                id = start.id();
                model = start.model();
            }
            case StreamEvent.BlockStart start -> blocks.add(new PartialBlock(start.block()));
            case StreamEvent.BlockDelta delta -> append(blocks.get(delta.index()), delta.delta());
            case StreamEvent.BlockStop ignored -> {
            }
            case StreamEvent.MessageDelta delta -> end = delta;
            case StreamEvent.MessageStop ignored -> stopped = true;
            case StreamEvent.Ping ignored -> {
            }
            case StreamEvent.Error failure -> error = failure;
        }
    }

    private static void append(PartialBlock block, StreamEvent.Delta delta) {
        switch (delta) {
            case StreamEvent.Delta.Text text -> block.text.append(text.text());
            case StreamEvent.Delta.Thinking thinking -> block.text.append(thinking.thinking());
            case StreamEvent.Delta.InputJson input -> block.text.append(input.partialJson());
            case StreamEvent.Delta.Signature signature -> block.signature = signature.signature();
        }
    }

    /** The error the stream ended with, or null. */
    public StreamEvent.Error error() {
        return error;
    }

    public boolean complete() {
        return stopped && end != null;
    }

    public MessageResponse build() {
        if (!complete()) {
            throw new IllegalStateException("the message is not complete");
        }
        List<ContentBlock> thinking = new ArrayList<>();
        List<ContentBlock> text = new ArrayList<>();
        List<ContentBlock> tools = new ArrayList<>();
        for (PartialBlock block : blocks) {
            switch (block.start) {
                case ContentBlock.Thinking ignored ->
                        thinking.add(new ContentBlock.Thinking(block.text.toString(), block.signature));
                case ContentBlock.Text ignored -> text.add(new ContentBlock.Text(block.text.toString()));
                case ContentBlock.ToolUse use -> tools.add(new ContentBlock.ToolUse(use.id(), use.name(),
                        JsonValue.adopt(parseInput(block.text.toString()))));
                case ContentBlock.Image ignored -> throw notStreamed(block.start);
                case ContentBlock.ToolResult ignored -> throw notStreamed(block.start);
                case ContentBlock.RedactedThinking ignored -> throw notStreamed(block.start);
                case ContentBlock.Document ignored -> throw notStreamed(block.start);
            }
        }
        List<ContentBlock> content = new ArrayList<>(thinking);
        content.addAll(text);
        content.addAll(tools);
        return new MessageResponse(id, model, content, end.stopReason(), end.stopSequence(), end.usage());
    }

    private static IllegalStateException notStreamed(ContentBlock block) {
        return new IllegalStateException("a " + block.getClass().getSimpleName() + " block is never streamed");
    }

    /** Tool arguments the model left as invalid JSON become an empty input, as llama-server's own API does. */
    static JsonNode parseInput(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // fall through
        }
        return JsonNodeFactory.instance.objectNode();
    }
}
