package dev.localbridge.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Reads a server-sent event stream line by line as it arrives, handing each {@code data:} line to a handler. */
final class SseLines {
    private SseLines() {
    }

    interface Handler {
        /** @param event the last {@code event:} name since the previous blank line, or "" */
        void onData(String event, String data, long nanos) throws IOException;
    }

    static void read(InputStream body, Handler handler) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String event = "";
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    event = "";
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    handler.onData(event, line.substring(5).strip(), System.nanoTime());
                }
            }
        }
    }
}
