package dev.localbridge.server;

import dev.localbridge.anthropic.AnthropicJson;
import dev.localbridge.anthropic.MessageAggregator;
import dev.localbridge.anthropic.StreamEvent;
import dev.localbridge.backend.UpstreamClient;
import dev.localbridge.error.ApiException;
import dev.localbridge.openai.ChatChunk;
import dev.localbridge.openai.ChatRequest;
import dev.localbridge.openai.ChatRequestWriter;
import dev.localbridge.openai.ChunkParser;
import dev.localbridge.translate.Ids;
import dev.localbridge.translate.StreamTranslator;
import dev.localbridge.translate.StructuredOutput;
import dev.localbridge.translate.UpstreamErrors;
import io.vertx.core.AsyncResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.parsetools.RecordParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One messages request, from the inbound response to the upstream request and back. Every callback runs on
 * the inbound connection's event loop, so the state needs no locking.
 *
 * <p>Streaming: the response commits to HTTP 200 and {@code message_start} as soon as the backend answers or
 * the commit grace ends, whichever is first (prefill of a long prompt takes seconds); backend errors before
 * that are real HTTP errors, later ones an {@code error} event. Pings keep the stream alive while waiting.
 * A client hang-up cancels the upstream request at once.
 */
final class Exchange {
    private static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    private final Bridge bridge;
    private final HttpServerResponse response;
    private final String requestId;
    private final String requestedModel;
    private byte[] upstreamBody;
    private ChatRequest fallback;
    private final boolean stream;
    private final StreamTranslator translator;
    private final SseWriter sse;
    private final MessageAggregator aggregator;

    private final ChunkParser.Reader chunks = ChunkParser.reader();
    private byte[] scratch = new byte[1024];
    private HttpClientRequest upstreamRequest;
    private HttpClientResponse upstreamResponse;
    private boolean upstreamComplete;
    private boolean resent;
    private boolean committed;
    private boolean done;
    private long commitTimer = -1;
    private long pingTimer = -1;

    Exchange(Bridge bridge, HttpServerResponse response, String requestId, Plan plan) {
        this.bridge = bridge;
        this.response = response;
        this.requestId = requestId;
        this.requestedModel = plan.request().model();
        this.upstreamBody = plan.upstreamBody();
        this.fallback = plan.fallback();
        this.stream = plan.request().stream();
        if (stream) {
            this.sse = new SseWriter(response, this::pauseUpstream);
            this.aggregator = null;
        } else {
            this.sse = null;
            this.aggregator = new MessageAggregator();
        }
        this.translator = new StreamTranslator(stream ? sse : aggregator, plan.thinking(),
                plan.request().stopSequences(), bridge.signatures(), plan.promptTokens());
    }

    void start() {
        bridge.metrics().requestStarted(stream);
        response.closeHandler(v -> onClientGone());
        if (stream) {
            commitTimer = bridge.vertx().setTimer(bridge.config().commitGrace().toMillis(), t -> commit());
        } else {
            translator.start(Ids.messageId(), requestedModel);
        }
        sendUpstream();
    }

    private void sendUpstream() {
        bridge.upstream().open(HttpMethod.POST, UpstreamClient.CHAT_PATH).onComplete(this::onUpstreamOpen);
    }

    /** The backend could not hold its output to the schema: once, ask again with the schema in the prompt. */
    private boolean retriedWithoutGrammar(ApiException error) {
        if (fallback == null || done || !StructuredOutput.grammarFailed(error)) {
            return false;
        }
        upstreamBody = ChatRequestWriter.write(fallback);
        fallback = null;
        upstreamComplete = false;
        sendUpstream();
        return true;
    }

    private void onUpstreamOpen(AsyncResult<HttpClientRequest> opened) {
        if (opened.failed()) {
            failUnreachable(opened.cause());
            return;
        }
        upstreamRequest = opened.result();
        if (done) {
            cancelUpstream();
            return;
        }
        upstreamRequest.send(Buffer.buffer(upstreamBody)).onComplete(this::onUpstreamResponse);
    }

    /** The backend could not be reached: the monitor looks again, the client gets 529. */
    private void failUnreachable(Throwable cause) {
        bridge.monitor().recheck();
        fail(UpstreamErrors.unreachable(bridge.upstream().baseUrl(), describe(cause)));
    }

    private void onUpstreamResponse(AsyncResult<HttpClientResponse> answered) {
        if (done) {
            return;
        }
        if (answered.failed()) {
            if (!resent && !(answered.cause() instanceof java.net.ConnectException)) {
                // A pooled connection the backend had just closed: the request never produced anything.
                resent = true;
                sendUpstream();
                return;
            }
            failUnreachable(answered.cause());
            return;
        }
        HttpClientResponse upstream = answered.result();
        upstreamResponse = upstream;
        boolean thoughtUp = bridge.monitor().current().kind().serving();
        if (upstream.statusCode() == 503 || (upstream.statusCode() == 200 && !thoughtUp)) {
            bridge.monitor().recheck();
        }
        if (upstream.statusCode() != 200) {
            upstream.body().onComplete(body -> {
                upstreamComplete = true;
                ApiException error = UpstreamErrors.fromHttp(upstream.statusCode(),
                        body.succeeded() ? body.result().getBytes() : new byte[0]);
                if (!retriedWithoutGrammar(error)) {
                    fail(error);
                }
            });
            return;
        }
        commit();
        RecordParser lines = RecordParser.newDelimited("\n", this::onLine);
        lines.maxRecordSize(MAX_LINE_BYTES);
        lines.exceptionHandler(e -> fail(ApiException.apiError("the backend sent an oversized line", e)));
        upstream.handler(bytes -> {
            if (sse == null) {
                lines.handle(bytes);
                return;
            }
            sse.hold();
            lines.handle(bytes);
            sse.release();
        });
        upstream.endHandler(v -> {
            upstreamComplete = true;
            onUpstreamEnd();
        });
        upstream.exceptionHandler(e -> fail(ApiException.apiError(
                "the backend connection failed mid-answer: " + describe(e), e)));
    }

    private void onLine(Buffer line) {
        if (done) {
            return;
        }
        int end = line.length();
        if (scratch.length < end) {
            scratch = new byte[Math.max(end, scratch.length * 2)];
        }
        line.getBytes(0, end, scratch, 0);
        byte[] bytes = scratch;
        if (end > 0 && bytes[end - 1] == '\r') {
            end--;
        }
        int start = payloadStart(bytes, end);
        if (start < 0) {
            return;
        }
        if (end - start == 6 && new String(bytes, start, 6, StandardCharsets.US_ASCII).equals("[DONE]")) {
            onUpstreamEnd();
            return;
        }
        try {
            ChatChunk chunk = chunks.read(bytes, start, end - start);
            if (translator.onChunk(chunk)) {
                complete();
                cancelUpstream();
            }
        } catch (IOException e) {
            fail(ApiException.apiError("the backend sent an unreadable chunk: " + e.getMessage(), e));
        } catch (ApiException e) {
            fail(e);
        }
    }

    /** Where the JSON of an SSE line starts: after {@code data:} or {@code error:}; -1 for other lines. */
    private static int payloadStart(byte[] bytes, int end) {
        int start;
        if (startsWith(bytes, end, "data:")) {
            start = 5;
        } else if (startsWith(bytes, end, "error:")) {
            start = 6;
        } else if (end > 0 && bytes[0] == '{') {
            return 0;
        } else {
            return -1;
        }
        while (start < end && bytes[start] == ' ') {
            start++;
        }
        return start < end ? start : -1;
    }

    private static boolean startsWith(byte[] bytes, int end, String prefix) {
        if (end < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void onUpstreamEnd() {
        if (done) {
            return;
        }
        translator.finish();
        complete();
    }

    /** Streaming only: from here on the answer is HTTP 200 and errors travel as events. */
    private void commit() {
        if (!stream || committed || done) {
            return;
        }
        committed = true;
        bridge.vertx().cancelTimer(commitTimer);
        response.setStatusCode(200)
                .putHeader("content-type", "text/event-stream; charset=utf-8")
                .putHeader("cache-control", "no-cache")
                .putHeader("x-accel-buffering", "no")
                .putHeader("request-id", requestId)
                .setChunked(true);
        translator.start(Ids.messageId(), requestedModel);
        sse.accept(StreamEvent.PING);
        sse.startInterval();
        pingTimer = bridge.vertx().setPeriodic(bridge.config().pingInterval().toMillis(), t -> sse.tick());
    }

    /** The translator has emitted the whole message. */
    private void complete() {
        if (done) {
            return;
        }
        done = true;
        if (stream) {
            sse.end();
        } else if (aggregator.error() != null) {
            Responses.error(response, aggregator.error(), requestId);
        } else {
            Responses.json(response, 200, AnthropicJson.message(aggregator.build()), requestId);
        }
        release();
    }

    private void fail(ApiException error) {
        if (done) {
            return;
        }
        done = true;
        bridge.metrics().error(error.type());
        if (stream && committed) {
            translator.fail(error);
            sse.end();
        } else {
            Responses.error(response, error, requestId);
        }
        cancelUpstream();
        release();
    }

    private void onClientGone() {
        if (done) {
            return;
        }
        done = true;
        bridge.metrics().clientHangup();
        if (sse != null) {
            sse.abandon();
        }
        cancelUpstream();
        release();
    }

    /** Every terminal path sets {@code done} first: resetting the upstream fires its handlers synchronously. */
    private void release() {
        bridge.vertx().cancelTimer(commitTimer);
        bridge.vertx().cancelTimer(pingTimer);
        bridge.metrics().droppedReasoning(translator.droppedReasoningDeltas());
        bridge.metrics().requestEnded();
    }

    private void pauseUpstream() {
        if (upstreamResponse != null) {
            upstreamResponse.pause();
            response.drainHandler(v -> upstreamResponse.resume());
        }
    }

    private void cancelUpstream() {
        if (upstreamRequest != null && !upstreamComplete) {
            upstreamComplete = true;
            upstreamRequest.reset();
            bridge.metrics().upstreamCancelled();
        }
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }
}
