package dev.localbridge.server;

import dev.localbridge.anthropic.AnthropicJson;
import dev.localbridge.error.ApiException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;

/**
 * One inbound request from its headers to the end (or failure) of its response: its body deadline, its place
 * in {@link Admission}, and its connection's keep-alive deadline once it is done. Runs on the connection's event
 * loop. Problems on the request or response are logged once with the request id.
 */
final class Lifecycle {
    private final HttpServerRequest request;
    private final String requestId;
    private final ConnectionGuard guard;
    private final Vertx vertx;
    private Admission.Ticket ticket;
    private long bodyTimer;
    private boolean ended;
    private boolean reported;

    private Lifecycle(HttpServerRequest request, String requestId, ConnectionGuard guard, Vertx vertx) {
        this.request = request;
        this.requestId = requestId;
        this.guard = guard;
        this.vertx = vertx;
    }

    static Lifecycle begin(HttpServerRequest request, String requestId, ConnectionGuard guard, Vertx vertx,
                           Duration bodyTimeout) {
        Lifecycle life = new Lifecycle(request, requestId, guard, vertx);
        guard.requestStarted(request);
        HttpServerResponse response = request.response();
        response.endHandler(v -> life.end());
        response.exceptionHandler(failure -> {
            life.report(failure);
            life.end();
        });
        request.exceptionHandler(life::report);
        life.bodyTimer = vertx.setTimer(bodyTimeout.toMillis(), t -> life.bodyLate(bodyTimeout));
        return life;
    }

    /** One line per request: a hang-up is seen by both the request and the response. */
    private void report(Throwable failure) {
        if (!reported) {
            reported = true;
            InboundProblems.requestProblem(requestId, failure);
        }
    }

    /** Takes a place among the requests being served, or throws 529. */
    void admit(Admission admission) {
        ticket = admission.admit();
    }

    boolean hold(long bytes) {
        return ticket == null || ticket.hold(bytes);
    }

    ApiException overBytes() {
        return ticket.overBytes();
    }

    /** The body did not arrive in time: 408, and the connection closes (its remaining bytes are unusable). */
    private void bodyLate(Duration bodyTimeout) {
        bodyTimer = -1;
        if (request.isEnded() || ended) {
            return;
        }
        HttpServerResponse response = request.response();
        if (response.headWritten() || response.closed()) {
            request.connection().close();
            return;
        }
        ApiException late = ApiException.invalidRequest("the request body did not arrive within "
                + bodyTimeout.toMillis() + " ms of its headers");
        response.setStatusCode(408)
                .putHeader("content-type", "application/json")
                .putHeader("request-id", requestId)
                .putHeader("x-should-retry", "false")
                .putHeader("connection", "close")
                .end(Buffer.buffer(AnthropicJson.error(late, requestId)))
                .onComplete(done -> request.connection().close());
    }

    private void end() {
        if (ended) {
            return;
        }
        ended = true;
        if (bodyTimer >= 0) {
            vertx.cancelTimer(bodyTimer);
        }
        if (ticket != null) {
            ticket.release();
        }
        guard.requestEnded(request);
    }
}
