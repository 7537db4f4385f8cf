package dev.localbridge.backend;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;

/** Reads a whole answer body, but never more than a cap: a backend's 200 MB error page costs the bridge 64 KB. */
final class BoundedBody {
    /** Told once: with the body, or its first {@code cap} bytes; {@code ended} is false when the rest was not read. */
    interface Done {
        void read(Buffer body, boolean ended);
    }

    private BoundedBody() {
    }

    static void read(HttpClientResponse response, int cap, Done done) {
        Buffer gathered = Buffer.buffer();
        boolean[] told = {false};
        response.handler(bytes -> {
            int room = cap - gathered.length();
            if (room <= 0 || told[0]) {
                return;
            }
            gathered.appendBuffer(bytes, 0, Math.min(room, bytes.length()));
            if (gathered.length() >= cap) {
                told[0] = true;
                done.read(gathered, false);
            }
        });
        response.endHandler(v -> {
            if (!told[0]) {
                told[0] = true;
                done.read(gathered, true);
            }
        });
    }
}
