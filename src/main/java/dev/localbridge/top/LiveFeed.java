package dev.localbridge.top;

import dev.localbridge.openai.SseDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Follows the bridge's {@code GET /api/live/stream} on a thread of its own and hands each snapshot on; when the
 * stream breaks or is refused it says why and connects again after a pause, until {@link #close()}.
 */
public final class LiveFeed implements AutoCloseable {
    private static final int MAX_LINE_BYTES = 8 * 1024 * 1024;
    private static final Duration RETRY = Duration.ofSeconds(1);

    /** Receives what the feed sees, on the feed's thread. */
    public interface Listener {
        void onSnapshot(LiveSnapshot snapshot);

        void onConnection(TopScreen.Connection connection);
    }

    private final URI stream;
    private final String apiKey;
    private final Listener listener;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread thread;
    private volatile InputStream body;

    /** @param apiKey sent as {@code x-api-key} when the bridge requires one; null for none */
    public LiveFeed(String bridgeUrl, String apiKey, Listener listener) {
        this.stream = URI.create(stripSlash(bridgeUrl) + "/api/live/stream");
        this.apiKey = apiKey;
        this.listener = listener;
        this.thread = Thread.ofPlatform().daemon().name("localbridge-top-feed").unstarted(this::run);
    }

    public LiveFeed start() {
        thread.start();
        return this;
    }

    private void run() {
        while (closed.getCount() > 0) {
            listener.onConnection(new TopScreen.Connection.Connecting());
            String reason = follow();
            if (closed.getCount() == 0) {
                return;
            }
            listener.onConnection(new TopScreen.Connection.Lost(reason));
            try {
                if (closed.await(RETRY.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Reads the stream until it ends; returns why it ended. */
    private String follow() {
        HttpRequest.Builder request = HttpRequest.newBuilder(stream).header("accept", "text/event-stream").GET();
        if (apiKey != null && !apiKey.isBlank()) {
            request.header("x-api-key", apiKey);
        }
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                body = in;
                if (response.statusCode() != 200) {
                    return refused(response.statusCode(), new String(in.readNBytes(4096), StandardCharsets.UTF_8));
                }
                listener.onConnection(new TopScreen.Connection.Live());
                SseDecoder.readAll(in, MAX_LINE_BYTES, new Decoded());
                return "the bridge ended the stream";
            }
        } catch (ConnectException e) {
            return "nothing answers at " + stream.getHost() + ":" + stream.getPort();
        } catch (HttpTimeoutException e) {
            return "the bridge does not answer";
        } catch (IOException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } finally {
            body = null;
        }
    }

    private static String refused(int status, String body) {
        return switch (status) {
            case 401 -> "the bridge wants an API key (pass --api-key)";
            case 404 -> "this bridge has no live view (/api/live/stream answered 404; is it an older version?)";
            default -> "/api/live/stream answered " + status + (body.isBlank() ? "" : ": " + oneLine(body));
        };
    }

    private final class Decoded implements SseDecoder.Listener {
        @Override
        public void onPayload(String event, byte[] bytes, int start, int length) {
            if (event != null && !event.equals("snapshot")) {
                return;
            }
            String json = new String(bytes, start, length, StandardCharsets.UTF_8);
            try {
                listener.onSnapshot(SnapshotReader.read(json));
            } catch (IllegalArgumentException e) {
                listener.onConnection(new TopScreen.Connection.Lost(e.getMessage()));
            }
        }

        @Override
        public void onDone() {
            // the live stream has no end marker; nothing to do
        }
    }

    private static String oneLine(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Stops following: closes the stream and ends the thread. */
    @Override
    public void close() {
        closed.countDown();
        InputStream in = body;
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // closing to end a read; nothing else to do
            }
        }
        thread.interrupt();
    }
}
