package dev.localbridge.bench;

import dev.localbridge.openai.SseDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads a server-sent event stream as it arrives with the project's one decoder, stamping each payload. */
final class SseLines {
    private static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    private SseLines() {
    }

    interface Handler {
        /** @param event the payload's {@code event:} name, or ""; {@code data} is "[DONE]" for the end marker */
        void onData(String event, String data, long nanos) throws IOException;
    }

    static void read(InputStream body, Handler handler) throws IOException {
        SseDecoder.readAll(body, MAX_LINE_BYTES, new SseDecoder.Listener() {
            @Override
            public void onPayload(String event, byte[] bytes, int start, int length) throws IOException {
                handler.onData(event == null ? "" : event, new String(bytes, start, length, StandardCharsets.UTF_8),
                        System.nanoTime());
            }

            @Override
            public void onDone() throws IOException {
                handler.onData("", "[DONE]", System.nanoTime());
            }
        });
    }
}
