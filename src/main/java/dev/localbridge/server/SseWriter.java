package dev.localbridge.server;

import dev.localbridge.anthropic.EventEncoder;
import dev.localbridge.anthropic.EventSink;
import dev.localbridge.anthropic.StreamEvent;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.http.HttpServerResponse;

/**
 * The one writer that owns a streaming response's socket. Events are encoded into a reused buffer and
 * written in order; when the socket's write queue fills, {@code onFull} pauses the upstream until it drains.
 * Between {@link #hold()} and {@link #release()} (one upstream network read, which often carries several
 * chunks) events are gathered and written, and so flushed, once.
 */
final class SseWriter implements EventSink {
    private final HttpServerResponse response;
    private final EventEncoder encoder = new EventEncoder();
    private final Runnable onFull;
    private boolean wroteSinceTick;
    private boolean closed;
    private boolean holding;
    /** The one event gathered since {@link #hold()} (most reads carry one token): written as is, without a copy. */
    private byte[] pending;
    /** More than one event gathered: their bytes together. */
    private Buffer held;

    SseWriter(HttpServerResponse response, Runnable onFull) {
        this.response = response;
        this.onFull = onFull;
    }

    /** Commits the response: HTTP 200 and the event-stream headers; events follow. */
    void begin(String requestId) {
        response.setStatusCode(200)
                .putHeader("content-type", "text/event-stream; charset=utf-8")
                .putHeader("cache-control", "no-cache")
                .putHeader("x-accel-buffering", "no")
                .putHeader("request-id", requestId)
                .setChunked(true);
    }

    @Override
    public void accept(StreamEvent event) {
        if (closed) {
            return;
        }
        wroteSinceTick = true;
        byte[] bytes = encoder.encode(event);
        if (!holding) {
            write(wrap(bytes));
        } else if (pending == null && held == null) {
            pending = bytes;
        } else {
            if (held == null) {
                held = Buffer.buffer(pending.length + bytes.length + 256).appendBytes(pending);
                pending = null;
            }
            held.appendBytes(bytes);
        }
    }

    /** The encoder's fresh array as a buffer, without copying it. */
    private static Buffer wrap(byte[] bytes) {
        return BufferInternal.buffer(Unpooled.wrappedBuffer(bytes));
    }

    /** Gathers events until {@link #release()}; a buffer is made only if a second event comes. */
    void hold() {
        holding = true;
    }

    /** Writes what was gathered since {@link #hold()}, in one write. */
    void release() {
        holding = false;
        Buffer gathered = pending != null ? wrap(pending) : held;
        pending = null;
        held = null;
        if (gathered != null && !closed) {
            write(gathered);
        }
    }

    private void write(Buffer bytes) {
        response.write(bytes);
        if (response.writeQueueFull()) {
            onFull.run();
        }
    }

    /**
     * Called once per ping interval: writes a {@code ping} if nothing was written since the last call, so a
     * waiting client hears from the bridge at least once per interval (proxies and watchdogs stay calm).
     */
    void tick() {
        if (!closed && !wroteSinceTick) {
            accept(StreamEvent.PING);
        }
        wroteSinceTick = false;
    }

    /** The interval starts now: what was written so far does not count for the next tick. */
    void startInterval() {
        wroteSinceTick = false;
    }

    void end() {
        if (!closed) {
            release();
            closed = true;
            response.end();
        }
    }

    /** The client is gone: nothing more may be written. */
    void abandon() {
        closed = true;
    }
}
