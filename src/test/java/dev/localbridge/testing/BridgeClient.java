package dev.localbridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localbridge.openai.SseDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A plain HTTP client for the bridge, reading streams event by event as they arrive. */
public final class BridgeClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public BridgeClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public record Response(int status, java.net.http.HttpHeaders headers, String body) {
        public JsonNode json() {
            return Json.parse(body);
        }
    }

    public Response post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Response post(String path, String json, String headerName, String headerValue) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("content-type", "application/json")
                .header(headerName, headerValue).POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build());
    }

    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** An open stream; events are read on demand. */
    public final class Stream implements AutoCloseable {
        private final HttpResponse<InputStream> response;
        private final InputStream body;
        private final byte[] buffer = new byte[8192];
        private final java.util.ArrayDeque<SseEvent> pending = new java.util.ArrayDeque<>();
        private final SseDecoder decoder = new SseDecoder(64 * 1024 * 1024, new SseDecoder.Listener() {
            @Override
            public void onPayload(String event, byte[] bytes, int start, int length) {
                pending.add(new SseEvent(event, Json.parse(new String(bytes, start, length, StandardCharsets.UTF_8)),
                        System.nanoTime()));
            }

            @Override
            public void onDone() {
            }
        });
        private boolean ended;
        public final long startedNanos;

        private Stream(HttpResponse<InputStream> response, long startedNanos) {
            this.response = response;
            this.body = response.body();
            this.startedNanos = startedNanos;
        }

        public int status() {
            return response.statusCode();
        }

        public java.net.http.HttpHeaders headers() {
            return response.headers();
        }

        /** The next event, or null at the end of the stream. */
        public SseEvent next() {
            try {
                while (pending.isEmpty() && !ended) {
                    int read = body.read(buffer);
                    if (read < 0) {
                        ended = true;
                        decoder.finish();
                    } else {
                        decoder.feed(buffer, 0, read);
                    }
                }
                return pending.poll();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Events until one matches (inclusive), or the end. */
        public List<SseEvent> until(Predicate<SseEvent> last) {
            List<SseEvent> events = new ArrayList<>();
            SseEvent event;
            while ((event = next()) != null) {
                events.add(event);
                if (last.test(event)) {
                    break;
                }
            }
            return events;
        }

        public List<SseEvent> all() {
            return until(e -> false);
        }

        public String rawBody() {
            try {
                return new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                response.body().close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public Stream stream(String json) {
        long started = System.nanoTime();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/messages?beta=true"))
                    .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
            return new Stream(http.send(request, HttpResponse.BodyHandlers.ofInputStream()), started);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
