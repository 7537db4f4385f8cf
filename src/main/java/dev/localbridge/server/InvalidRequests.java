package dev.localbridge.server;

import dev.localbridge.anthropic.AnthropicJson;
import dev.localbridge.error.ApiException;
import dev.localbridge.error.ErrorType;
import dev.localbridge.translate.Ids;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.logging.Logger;

/**
 * Requests the HTTP decoder could not read (a request line or headers over the limits, a malformed
 * {@code Content-Length}, garbage): answered in Anthropic's error shape with the status HTTP prescribes, then
 * the connection is closed, as its remaining bytes cannot be trusted.
 */
final class InvalidRequests implements Handler<HttpServerRequest> {
    private static final Logger LOG = Logger.getLogger(InvalidRequests.class.getName());
    private final int maxLineBytes;
    private final int maxHeaderBytes;

    InvalidRequests(int maxLineBytes, int maxHeaderBytes) {
        this.maxLineBytes = maxLineBytes;
        this.maxHeaderBytes = maxHeaderBytes;
    }

    @Override
    public void handle(HttpServerRequest request) {
        String requestId = "req_" + Ids.messageId().substring(4);
        Throwable cause = request.decoderResult().cause();
        int status;
        ApiException error;
        if (cause instanceof TooLongHttpLineException) {
            status = 414;
            error = ApiException.of(ErrorType.INVALID_REQUEST, "the request line exceeds the limit of "
                    + maxLineBytes + " bytes");
        } else if (cause instanceof TooLongHttpHeaderException) {
            status = 431;
            error = ApiException.of(ErrorType.REQUEST_TOO_LARGE, "the request headers exceed the limit of "
                    + maxHeaderBytes + " bytes");
        } else {
            status = 400;
            error = ApiException.invalidRequest("malformed HTTP request: "
                    + (cause == null ? "unreadable" : cause.getMessage()));
        }
        LOG.fine(() -> requestId + ": answered " + status + " to an unreadable request: " + cause);
        HttpServerResponse response = request.response();
        response.setStatusCode(status)
                .putHeader("content-type", "application/json")
                .putHeader("request-id", requestId)
                .putHeader("x-should-retry", "false")
                .putHeader("connection", "close")
                .end(Buffer.buffer(AnthropicJson.error(error, requestId)))
                .onComplete(done -> request.connection().close());
    }
}
