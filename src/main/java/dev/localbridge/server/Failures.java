package dev.localbridge.server;

import dev.localbridge.error.ApiException;
import dev.localbridge.observability.ExchangeListener;
import io.vertx.core.http.HttpServerResponse;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one way the server answers a failure that happens before a response has begun: bad input is the Anthropic
 * error it already is; anything else is a bug, logged once with its stack trace and answered as {@code api_error}.
 * The request's listener hears the end.
 */
final class Failures {
    private static final Logger LOG = Logger.getLogger(Failures.class.getName());

    private Failures() {
    }

    static void answer(HttpServerResponse response, String requestId, Throwable failure, ExchangeListener events) {
        ApiException error = asApiException(requestId, failure);
        events.ended(new ExchangeListener.Outcome.Failed(error.type(), error.getMessage()));
        Responses.error(response, error, requestId);
    }

    /** A bug is one SEVERE line naming the request; its stack trace follows at FINE. */
    static ApiException asApiException(String requestId, Throwable failure) {
        if (failure instanceof ApiException api) {
            return api;
        }
        LOG.severe(() -> requestId + ": unexpected failure: " + failure);
        LOG.log(Level.FINE, requestId + ": stack trace", failure);
        return ApiException.apiError("internal error: " + failure, failure);
    }
}
