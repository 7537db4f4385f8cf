package dev.localbridge.anthropic;

import java.nio.charset.StandardCharsets;

/** Event names and the constant framing bytes of server-sent events. */
final class Sse {
    static final byte[] SUFFIX = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MESSAGE_START = prefixOf("message_start");
    private static final byte[] BLOCK_START = prefixOf("content_block_start");
    private static final byte[] BLOCK_DELTA = prefixOf("content_block_delta");
    private static final byte[] BLOCK_STOP = prefixOf("content_block_stop");
    private static final byte[] MESSAGE_DELTA = prefixOf("message_delta");
    private static final byte[] MESSAGE_STOP = prefixOf("message_stop");
    private static final byte[] PING = prefixOf("ping");
    private static final byte[] ERROR = prefixOf("error");

    private Sse() {
    }

    static String name(StreamEvent event) {
        return switch (event) {
            case StreamEvent.MessageStart ignored -> "message_start";
            case StreamEvent.BlockStart ignored -> "content_block_start";
            case StreamEvent.BlockDelta ignored -> "content_block_delta";
            case StreamEvent.BlockStop ignored -> "content_block_stop";
            case StreamEvent.MessageDelta ignored -> "message_delta";
            case StreamEvent.MessageStop ignored -> "message_stop";
            case StreamEvent.Ping ignored -> "ping";
            case StreamEvent.Error ignored -> "error";
        };
    }

    static byte[] prefix(StreamEvent event) {
        return switch (event) {
            case StreamEvent.MessageStart ignored -> MESSAGE_START;
            case StreamEvent.BlockStart ignored -> BLOCK_START;
            case StreamEvent.BlockDelta ignored -> BLOCK_DELTA;
            case StreamEvent.BlockStop ignored -> BLOCK_STOP;
            case StreamEvent.MessageDelta ignored -> MESSAGE_DELTA;
            case StreamEvent.MessageStop ignored -> MESSAGE_STOP;
            case StreamEvent.Ping ignored -> PING;
            case StreamEvent.Error ignored -> ERROR;
        };
    }

    private static byte[] prefixOf(String name) {
        return ("event: " + name + "\ndata: ").getBytes(StandardCharsets.US_ASCII);
    }
}
