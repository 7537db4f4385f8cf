package dev.localbridge.openai;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits a server-sent event stream into payloads as its bytes arrive: the one SSE decoder of the project, for the
 * upstream stream, the bench and the test clients alike.
 *
 * <p>Every OpenAI-compatible server and Anthropic send one {@code data:} line per event, so each payload is handed
 * on as soon as its line ends, without waiting for the blank line that closes the event. Besides {@code data:},
 * llama-server's {@code error:} lines (reported with the event name {@code "error"}) and lines that are bare JSON
 * objects (servers that forget the {@code data:} prefix) are payloads; {@code data: [DONE]} is the end marker;
 * comments ({@code :}) and other fields are skipped. A line whose payload starts within the bytes of one
 * {@link #feed} call is passed to the listener in place, without a copy; only a line split across two network reads
 * is gathered in a reused buffer. Not thread-safe: one decoder per stream.
 */
public final class SseDecoder {
    private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

    /** Receives what the stream carries. The bytes are valid only during the call. */
    public interface Listener {
        /**
         * @param event the stream's last {@code event:} name since the previous blank line, {@code "error"} for an
         *     {@code error:} line, or null
         */
        void onPayload(String event, byte[] bytes, int start, int length) throws IOException;

        /** {@code data: [DONE]}. */
        void onDone() throws IOException;
    }

    /** A line longer than the decoder accepts: the stream is not something it can follow. */
    public static final class LineTooLongException extends IOException {
        LineTooLongException(int limit) {
            super("a line of the event stream is longer than " + limit + " bytes");
        }
    }

    private final int maxLineBytes;
    private final Listener listener;
    private byte[] partial = new byte[256];
    private int partialLength;
    private String event;

    public SseDecoder(int maxLineBytes, Listener listener) {
        this.maxLineBytes = maxLineBytes;
        this.listener = listener;
    }

    /** Decodes the next bytes of the stream. */
    public void feed(byte[] bytes, int offset, int length) throws IOException {
        int end = offset + length;
        int lineStart = offset;
        for (int i = offset; i < end; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            if (partialLength > 0) {
                gather(bytes, lineStart, i - lineStart);
                int gathered = partialLength;
                partialLength = 0;
                line(partial, 0, gathered);
            } else {
                line(bytes, lineStart, i - lineStart);
            }
            lineStart = i + 1;
        }
        if (lineStart < end) {
            gather(bytes, lineStart, end - lineStart);
        }
    }

    /** The stream ended: a last line without its newline still counts. */
    public void finish() throws IOException {
        if (partialLength > 0) {
            int gathered = partialLength;
            partialLength = 0;
            line(partial, 0, gathered);
        }
    }

    /** Reads a blocking stream to its end (the bench's and test clients' way). */
    public static void readAll(InputStream in, int maxLineBytes, Listener listener) throws IOException {
        SseDecoder decoder = new SseDecoder(maxLineBytes, listener);
        byte[] buffer = new byte[8192];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            decoder.feed(buffer, 0, read);
        }
        decoder.finish();
    }

    private void gather(byte[] bytes, int start, int length) throws LineTooLongException {
        int needed = partialLength + length;
        if (needed > maxLineBytes) {
            partialLength = 0;
            throw new LineTooLongException(maxLineBytes);
        }
        if (needed > partial.length) {
            byte[] grown = new byte[Math.min(maxLineBytes, Math.max(needed, partial.length * 2))];
            System.arraycopy(partial, 0, grown, 0, partialLength);
            partial = grown;
        }
        System.arraycopy(bytes, start, partial, partialLength, length);
        partialLength = needed;
    }

    private void line(byte[] bytes, int start, int length) throws IOException {
        if (length > maxLineBytes) {
            throw new LineTooLongException(maxLineBytes);
        }
        int end = start + length;
        if (end > start && bytes[end - 1] == '\r') {
            end--;
        }
        if (end == start) {
            event = null;
        } else if (startsWith(bytes, start, end, "data:")) {
            payload(event, bytes, start + 5, end);
        } else if (startsWith(bytes, start, end, "error:")) {
            payload("error", bytes, start + 6, end);
        } else if (startsWith(bytes, start, end, "event:")) {
            event = new String(bytes, start + 6, end - start - 6, StandardCharsets.UTF_8).strip();
        } else if (bytes[start] == '{') {
            payload(event, bytes, start, end);
        }
    }

    private void payload(String name, byte[] bytes, int start, int end) throws IOException {
        while (start < end && bytes[start] == ' ') {
            start++;
        }
        if (start == end) {
            return;
        }
        if (end - start == DONE.length && startsWith(bytes, start, end, "[DONE]")) {
            listener.onDone();
            return;
        }
        listener.onPayload(name, bytes, start, end - start);
    }

    private static boolean startsWith(byte[] bytes, int start, int end, String prefix) {
        if (end - start < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[start + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
