package dev.localbridge.server;

import dev.localbridge.anthropic.AnthropicJson;
import dev.localbridge.error.ApiException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** Writes complete (non-streaming) responses. */
final class Responses {
    private Responses() {
    }

    static void json(HttpServerResponse response, int status, byte[] body, String requestId) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status)
                .putHeader("content-type", "application/json")
                .putHeader("request-id", requestId)
                .end(Buffer.buffer(body));
    }

    /** An Anthropic error body, with {@code x-should-retry} telling clients whether retrying can help. */
    static void error(HttpServerResponse response, ApiException error, String requestId) {
        if (response.ended() || response.closed() || response.headWritten()) {
            return;
        }
        response.putHeader("x-should-retry", Boolean.toString(error.retryable()));
        json(response, error.httpStatus(), AnthropicJson.error(error, requestId), requestId);
    }
}
