package dev.localbridge.backend;

import dev.localbridge.config.UpstreamLimits;
import dev.localbridge.openai.ChatChunk;
import dev.localbridge.openai.ChunkParser;
import dev.localbridge.openai.SseDecoder;
import dev.localbridge.openai.UpstreamFailure;
import io.vertx.core.AsyncResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * One chat-completions request to one backend: it opens, sends, decodes the answer into {@link ChatChunk}s and
 * reports chunks, the end and at most one final failure to its {@link Listener}. It resends a request only when
 * the backend provably never processed it ({@link Unprocessed}), bounds every wait ({@link UpstreamLimits}) and
 * reads at most a bounded part of an error answer. A stream that ends without {@code finish_reason} and without
 * {@code [DONE]} is a failure, never a complete answer. A backend that ignores {@code stream} and answers with one
 * JSON completion is read as one chunk.
 *
 * <p>All callbacks run on the event loop of the context that started the attempt; the state needs no locks.
 */
public final class UpstreamAttempt implements SseDecoder.Listener {
    private static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    /** What the owner of the attempt hears, in this order: answered, chunks, then complete or failure. */
    public interface Listener {
        /** The backend accepted the request (HTTP 200): its answer begins. */
        void onAnswered();

        /** Before the chunks of one network read (often several): writes may be gathered until {@link #readEnded}. */
        default void readStarted() {
        }

        default void readEnded() {
        }

        /** Returns true when the answer is complete on the bridge's side: the attempt then cancels the backend. */
        boolean onChunk(ChatChunk chunk);

        /** The backend's answer ended properly. */
        void onComplete();

        /** The one final failure; {@code answerBegun} is false while nothing of the answer has arrived. */
        void onFailure(UpstreamFailure failure, boolean answerBegun);
    }

    private enum State { SENDING, STREAMING, DONE }

    private final UpstreamClient client;
    private final BackendMonitor monitor;
    private final byte[] body;
    private final UpstreamLimits limits;
    private final long firstByteMillis;
    private final Listener listener;
    private final ChunkParser.Reader chunks = ChunkParser.reader();
    private final SseDecoder decoder = new SseDecoder(MAX_LINE_BYTES, this);
    private final long startNanos = System.nanoTime();
    private byte[] scratch = new byte[4096];
    private State state = State.SENDING;
    private HttpClientRequest request;
    private HttpClientResponse response;
    private boolean resent;
    private boolean responseEnded;
    private boolean sawFinish;
    private boolean sawPayload;
    private boolean paused;
    private long lastReadNanos;
    private long timer = -1;

    private UpstreamAttempt(UpstreamClient client, BackendMonitor monitor, byte[] body, long promptTokens,
                            UpstreamLimits limits, Listener listener) {
        this.client = client;
        this.monitor = monitor;
        this.body = body;
        this.limits = limits;
        this.firstByteMillis = limits.firstByteMillis(promptTokens);
        this.listener = listener;
    }

    /** Sends {@code body} to the backend's chat-completions endpoint. */
    public static UpstreamAttempt start(UpstreamClient client, BackendMonitor monitor, byte[] body, long promptTokens,
                                        UpstreamLimits limits, Listener listener) {
        UpstreamAttempt attempt = new UpstreamAttempt(client, monitor, body, promptTokens, limits, listener);
        long check = Math.clamp(Math.min(attempt.firstByteMillis, limits.idle().toMillis()) / 4, 10, 1000);
        attempt.timer = client.vertx().setPeriodic(check, id -> attempt.checkSilence());
        attempt.send();
        return attempt;
    }

    /** Whether a request is under way at the backend: not yet answered, or its answer not yet read to the end. */
    public boolean live() {
        return state != State.DONE && request != null && !responseEnded;
    }

    /**
     * The owner no longer wants the answer (the client hung up, or the answer failed on the bridge's side).
     * Returns true if a live upstream request was reset: llama-server then stops generating and frees the slot.
     */
    public boolean cancel() {
        if (state == State.DONE) {
            return false;
        }
        state = State.DONE;
        return stop();
    }

    /** The client cannot take more now: stop reading the backend until {@link #resume()}. */
    public void pause() {
        paused = true;
        if (response != null) {
            response.pause();
        }
    }

    public void resume() {
        paused = false;
        lastReadNanos = System.nanoTime();
        if (response != null) {
            response.resume();
        }
    }

    private void send() {
        client.open(HttpMethod.POST, UpstreamClient.CHAT_PATH).onComplete(this::onOpen);
    }

    private void onOpen(AsyncResult<HttpClientRequest> opened) {
        if (opened.failed()) {
            unreachable(opened.cause());
            return;
        }
        request = opened.result();
        if (state == State.DONE) {
            request.reset();
            return;
        }
        request.send(Buffer.buffer(body)).onComplete(this::onResponse);
    }

    private void onResponse(AsyncResult<HttpClientResponse> answered) {
        if (state == State.DONE) {
            return;
        }
        if (answered.failed()) {
            if (!resent && Unprocessed.neverProcessed(answered.cause())) {
                resent = true;
                send();
                return;
            }
            unreachable(answered.cause());
            return;
        }
        response = answered.result();
        lastReadNanos = System.nanoTime();
        response.endHandler(v -> onEnd());
        response.exceptionHandler(e -> fail(new UpstreamFailure.Broken(describe(e))));
        int status = response.statusCode();
        if (status == 503 || (status == 200 && !monitor.current().kind().serving())) {
            monitor.recheck();
        }
        String type = response.getHeader("content-type");
        if (status != 200) {
            readWhole(limits.errorBodyBytes(), bytes -> fail(new UpstreamFailure.Status(status,
                    bytes.toString(StandardCharsets.UTF_8))));
        } else if (type != null && type.startsWith("application/json")) {
            readWhole(MAX_LINE_BYTES, this::onCompletionBody);
        } else if (type != null && !type.contains("event-stream") && !type.startsWith("text/plain")) {
            fail(new UpstreamFailure.Unreadable("a " + type + " body instead of an event stream"));
        } else {
            state = State.STREAMING;
            listener.onAnswered();
            if (paused) {
                response.pause();
            }
            response.handler(this::onBytes);
        }
    }

    private void onBytes(Buffer bytes) {
        if (state != State.STREAMING) {
            return;
        }
        lastReadNanos = System.nanoTime();
        int length = bytes.length();
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        bytes.getBytes(0, length, scratch, 0);
        listener.readStarted();
        try {
            decoder.feed(scratch, 0, length);
        } catch (SseDecoder.LineTooLongException e) {
            fail(new UpstreamFailure.Unreadable(e.getMessage()));
        } catch (IOException e) {
            fail(new UpstreamFailure.Unreadable("a malformed chunk (" + describe(e) + ")"));
        } finally {
            listener.readEnded();
        }
    }

    @Override
    public void onPayload(String event, byte[] bytes, int start, int length) throws IOException {
        if (state != State.STREAMING) {
            return;
        }
        sawPayload = true;
        deliver(chunks.read(bytes, start, length));
    }

    @Override
    public void onDone() {
        complete();
    }

    private void deliver(ChatChunk chunk) {
        if (chunk.error() != null) {
            fail(new UpstreamFailure.InStream(chunk.error()));
            return;
        }
        if (chunk.finishReason() != null) {
            sawFinish = true;
        }
        if (listener.onChunk(chunk) && state != State.DONE) {
            state = State.DONE;
            stop();
        }
    }

    private void onEnd() {
        responseEnded = true;
        if (state != State.STREAMING) {
            return;
        }
        try {
            decoder.finish();
        } catch (IOException e) {
            fail(new UpstreamFailure.Unreadable("a malformed last chunk (" + describe(e) + ")"));
            return;
        }
        if (sawFinish) {
            complete();
        } else {
            fail(new UpstreamFailure.Truncated(sawPayload));
        }
    }

    /** A backend that ignored {@code stream: true} and sent one {@code chat.completion}. */
    private void onCompletionBody(Buffer bytes) {
        ChatChunk chunk;
        try {
            chunk = ChunkParser.parse(bytes.getBytes(), 0, bytes.length());
        } catch (IOException e) {
            fail(new UpstreamFailure.Unreadable("a JSON body that is not a chat completion (" + describe(e) + ")"));
            return;
        }
        if (chunk.error() == null && chunk.finishReason() == null) {
            fail(new UpstreamFailure.Unreadable("a JSON body that is not a complete chat completion"));
            return;
        }
        state = State.STREAMING;
        listener.onAnswered();
        deliver(chunk);
        complete();
    }

    /** Reads a body of at most {@code cap} bytes; what is beyond is not read, and the request is reset. */
    private void readWhole(int cap, java.util.function.Consumer<Buffer> then) {
        Buffer gathered = Buffer.buffer();
        response.handler(bytes -> {
            int room = cap - gathered.length();
            if (room <= 0) {
                return;
            }
            gathered.appendBuffer(bytes, 0, Math.min(room, bytes.length()));
            if (gathered.length() >= cap && state != State.DONE) {
                then.accept(gathered);
            }
        });
        response.endHandler(v -> {
            responseEnded = true;
            if (state != State.DONE) {
                then.accept(gathered);
            }
        });
    }

    private void checkSilence() {
        long now = System.nanoTime();
        switch (state) {
            case SENDING -> {
                long waited = TimeUnit.NANOSECONDS.toMillis(now - startNanos);
                if (waited >= firstByteMillis) {
                    fail(new UpstreamFailure.Timeout(false, firstByteMillis));
                }
            }
            case STREAMING -> {
                long silent = TimeUnit.NANOSECONDS.toMillis(now - lastReadNanos);
                if (!paused && silent >= limits.idle().toMillis()) {
                    fail(new UpstreamFailure.Timeout(true, limits.idle().toMillis()));
                }
            }
            case DONE -> client.vertx().cancelTimer(timer);
        }
    }

    private void unreachable(Throwable cause) {
        monitor.recheck();
        fail(new UpstreamFailure.Unreachable(client.baseUrl(), describe(cause)));
    }

    private void complete() {
        if (state == State.DONE) {
            return;
        }
        state = State.DONE;
        stop();
        listener.onComplete();
    }

    private void fail(UpstreamFailure failure) {
        if (state == State.DONE) {
            return;
        }
        boolean begun = state == State.STREAMING;
        state = State.DONE;
        stop();
        listener.onFailure(failure, begun);
    }

    /** Called with the state already DONE: resetting fires the request's handlers synchronously. */
    private boolean stop() {
        client.vertx().cancelTimer(timer);
        if (request == null || responseEnded) {
            return false;
        }
        responseEnded = true;
        request.reset();
        return true;
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }
}
