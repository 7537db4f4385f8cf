package dev.localbridge.backend;

import io.vertx.core.http.HttpClosedException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The one rule for sending a request again: only when the backend provably never processed it. That is a
 * connection that closed before a single byte of the answer arrived, which is what a pooled keep-alive connection
 * does when the server (cpp-httplib closes them after a few requests or 5 s idle) closed it as the request left. A
 * refused connection is not resent: nobody is listening there, so a resend goes nowhere (failing over to another
 * backend is the pool's decision). Nothing is resent once an answer has begun.
 */
public final class Unprocessed {
    private Unprocessed() {
    }

    /** @param failure how sending failed, before any byte of the answer arrived */
    public static boolean neverProcessed(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ConnectException) {
            return false;
        }
        return cause instanceof HttpClosedException || cause instanceof ClosedChannelException
                || cause instanceof IOException;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
