package dev.localbridge.routing;

import dev.localbridge.openai.UpstreamFailure;

/**
 * Whether a request that failed on one backend before its answer began should go to the next one: yes when the
 * backend itself let it down (unreachable, overloaded, loading, a gateway or server error, silence, an empty
 * answer), no when the request is at fault (4xx, context overflow) or the answer cannot be read: another backend
 * would only fail the same way.
 */
public final class Failover {
    private Failover() {
    }

    public static boolean worthAnotherBackend(UpstreamFailure failure) {
        return switch (failure) {
            case UpstreamFailure.Unreachable unreachable -> true;
            case UpstreamFailure.Status status -> status.status() == 408 || status.status() == 429
                    || status.status() == 502 || status.status() == 503 || status.status() == 504;
            case UpstreamFailure.Timeout timeout -> !timeout.answerBegun();
            case UpstreamFailure.Truncated truncated -> !truncated.anythingReceived();
            case UpstreamFailure.InStream inStream -> false;
            case UpstreamFailure.Unreadable unreadable -> false;
            case UpstreamFailure.Broken broken -> false;
        };
    }
}
