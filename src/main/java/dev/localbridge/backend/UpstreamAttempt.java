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
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One chat-completions request to one backend: it opens, sends, decodes the answer into {@link ChatChunk}s and
 * reports chunks, the end and at most one final failure to its {@link UpstreamListener}. It resends a request only when
 * the backend provably never processed it ({@link Unprocessed}), bounds every wait ({@link UpstreamLimits}) and
 * reads at most a bounded part of an error answer. A stream that ends without {@code finish_reason} and without
 * {@code [DONE]} is a failure, never a complete answer. A backend that ignores {@code stream} and answers with one
 * JSON completion is read as one chunk.
 *
 * <p>All callbacks run on the event loop of the context that started the attempt; the state needs no locks.
 */
public final class UpstreamAttempt implements SseDecoder.Listener {
    private static final Logger LOG = Logger.getLogger(UpstreamAttempt.class.getName());
    private static final int MAX_LINE_BYTES = 16 * 1024 * 1024;
    /** How long the end of a completed answer's body may take before the connection is reset instead of reused. */
    static final long DRAIN_MILLIS = 1000;

    private enum State { SENDING, STREAMING, DONE }

    private final UpstreamClient client;
    private final BackendMonitor monitor;
    /** Kept only while it may have to be resent: a long stream holds no copy of its request. */
    private byte[] body;
    private final UpstreamLimits limits;
    private final UpstreamListener listener;
    private final ChunkParser.Reader chunks = ChunkParser.reader();
    private final SseDecoder decoder = new SseDecoder(MAX_LINE_BYTES, this);
    private byte[] scratch = new byte[4096];
    private State state = State.SENDING;
    private HttpClientRequest request;
    private HttpClientResponse response;
    private boolean resent;
    private boolean responseEnded;
    private boolean sawFinish;
    private boolean sawPayload;
    private boolean paused;
    private SilenceWatch watch;

    private UpstreamAttempt(UpstreamClient client, BackendMonitor monitor, byte[] body, UpstreamLimits limits,
                            UpstreamListener listener) {
        this.client = client;
        this.monitor = monitor;
        this.body = body;
        this.limits = limits;
        this.listener = listener;
    }

    /** Sends {@code body} to the backend's chat-completions endpoint. */
    public static UpstreamAttempt start(UpstreamClient client, BackendMonitor monitor, byte[] body, long promptTokens,
                                        UpstreamLimits limits, UpstreamListener listener) {
        UpstreamAttempt attempt = new UpstreamAttempt(client, monitor, body, limits, listener);
        attempt.watch = new SilenceWatch(client.vertx(), limits, promptTokens,
                (begun, millis) -> attempt.fail(new UpstreamFailure.Timeout(begun, millis)));
        attempt.send();
        return attempt;
    }

    /** Whether a request is under way at the backend: not yet answered, or its answer not yet read to the end. */
    public boolean live() {
        return state != State.DONE && request != null && !responseEnded;
    }

    /** The owner no longer wants the answer: a live request is reset, and llama-server frees the slot at once. */
    public void cancel() {
        if (state != State.DONE) {
            state = State.DONE;
            stop();
        }
    }

    /** The client cannot take more now: stop reading the backend until {@link #resume()}. */
    public void pause() {
        paused = true;
        watch.paused(true);
        if (response != null) {
            response.pause();
        }
    }

    public void resume() {
        paused = false;
        watch.paused(false);
        if (response != null) {
            response.resume();
        }
    }

    private void send() {
        (resent ? client.openFresh(HttpMethod.POST, UpstreamClient.CHAT_PATH)
                : client.open(HttpMethod.POST, UpstreamClient.CHAT_PATH)).onComplete(this::onOpen);
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
        watch.read();
        response.endHandler(v -> onEnd());
        response.exceptionHandler(e -> fail(new UpstreamFailure.Broken(describe(e))));
        int status = response.statusCode();
        if (status == 503 || (status == 200 && !monitor.current().kind().serving())) {
            monitor.recheck();
        }
        String type = response.getHeader("content-type");
        if (status != 200) {
            BoundedBody.read(response, limits.errorBodyBytes(), (bytes, ended) -> {
                responseEnded = ended;
                fail(new UpstreamFailure.Status(status, bytes.toString(StandardCharsets.UTF_8)));
            });
        } else if (type != null && type.startsWith("application/json")) {
            BoundedBody.read(response, MAX_LINE_BYTES, (bytes, ended) -> {
                responseEnded = ended;
                onCompletionBody(bytes);
            });
        } else if (type != null && !type.contains("event-stream") && !type.startsWith("text/plain")) {
            fail(new UpstreamFailure.Unreadable("a " + type + " body instead of an event stream"));
        } else {
            state = State.STREAMING;
            body = null;
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
        watch.read();
        int length = bytes.length();
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        bytes.getBytes(0, length, scratch, 0);
        listener.readStarted();
        try {
            decoder.feed(scratch, 0, length);
        } catch (IOException e) {
            unreadable(e);
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
            unreadable(e);
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
        try {
            ChatChunk chunk = ChunkParser.completion(bytes.getBytes());
            state = State.STREAMING;
            listener.onAnswered();
            deliver(chunk);
            complete();
        } catch (IOException e) {
            fail(new UpstreamFailure.Unreadable(e.getMessage()));
        }
    }

    private void unreachable(Throwable cause) {
        monitor.recheck();
        fail(new UpstreamFailure.Unreachable(client.baseUrl(), describe(cause)));
    }

    /**
     * The answer is complete ({@code [DONE]} may come before the body's end): the rest of the body is read, so the
     * connection goes back to the pool for the next request instead of being closed; a backend that keeps the
     * body open past {@link #DRAIN_MILLIS} is reset.
     */
    private void complete() {
        if (state == State.DONE) {
            return;
        }
        state = State.DONE;
        watch.stop();
        if (response != null && !responseEnded) {
            drain(response);
        } else {
            stop();
        }
        listener.onComplete();
    }

    private void drain(HttpClientResponse answer) {
        long timer = client.vertx().setTimer(DRAIN_MILLIS, t -> stop());
        answer.handler(rest -> {
        });
        answer.endHandler(v -> {
            responseEnded = true;
            client.vertx().cancelTimer(timer);
        });
        answer.resume();
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
    private void stop() {
        watch.stop();
        if (request != null && !responseEnded) {
            responseEnded = true;
            request.reset();
        }
    }

    /** What was wrong, in the bridge's words; the parser's own go to the FINE log. */
    private void unreadable(IOException e) {
        LOG.log(Level.FINE, "unreadable answer from the backend", e);
        fail(new UpstreamFailure.Unreadable(e.getMessage()));
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }
}
