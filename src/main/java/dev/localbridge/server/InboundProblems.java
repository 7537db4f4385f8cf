package dev.localbridge.server;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.StreamResetException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs what goes wrong on inbound connections: one line per problem, naming the request (or the client when no
 * request is known); the stack trace rides along for {@code FINE}. A client that hangs up is normal: {@code FINE}.
 */
final class InboundProblems {
    private static final Logger LOG = Logger.getLogger(InboundProblems.class.getName());

    private InboundProblems() {
    }

    /** Whether the failure only says the peer went away (closed, reset, broken pipe). */
    static boolean isHangup(Throwable failure) {
        if (failure instanceof HttpClosedException || failure instanceof StreamResetException
                || failure instanceof ClosedChannelException) {
            return true;
        }
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        if (failure instanceof VertxException && message.equals("Connection was closed")) {
            return true;
        }
        return failure instanceof IOException && (message.contains("Connection reset")
                || message.contains("Broken pipe") || message.contains("connection was closed"));
    }

    /** The client sent what HTTP cannot decode: its problem, answered where possible, not the bridge's. */
    private static boolean unreadable(Throwable failure) {
        return failure instanceof DecoderException || failure instanceof TooLongFrameException;
    }

    static void requestProblem(String requestId, Throwable failure) {
        if (isHangup(failure)) {
            LOG.log(Level.FINE, requestId + ": the client hung up (" + failure + ")");
            return;
        }
        if (unreadable(failure)) {
            LOG.log(Level.FINE, requestId + ": unreadable request (" + failure + ")");
            return;
        }
        LOG.log(Level.WARNING, requestId + ": " + failure, failure);
    }

    static void connectionProblem(String client, Throwable failure) {
        if (isHangup(failure)) {
            LOG.log(Level.FINE, "connection from " + client + ": the client hung up (" + failure + ")");
            return;
        }
        if (unreadable(failure)) {
            return; // answered and logged with its request id by InvalidRequests or the request's own handler
        }
        LOG.log(Level.WARNING, "connection from " + client + ": " + failure, failure);
    }
}
