package dev.localbridge.bench;

import dev.localbridge.backend.Unprocessed;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Sends a benchmark request. llama-server (cpp-httplib) closes a keep-alive connection after a few requests
 * without saying so in advance; a client that reuses it gets no answer at all. Such a request never reached the
 * server, so it is sent once more, on a new connection.
 */
final class Requests {
    private Requests() {
    }

    static HttpResponse<InputStream> send(HttpClient http, HttpRequest request)
            throws IOException, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException failure) {
            if (!Unprocessed.neverProcessed(failure)) {
                throw failure;
            }
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        }
    }
}
