package dev.localbridge.server;

import dev.localbridge.config.InboundLimits;
import dev.localbridge.error.ApiException;
import dev.localbridge.error.ErrorType;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Admits API requests while fewer than the limit are being served and their bodies together stay under the
 * in-flight byte limit; beyond either, 529 {@code overloaded_error}, which clients retry. Shared by all event
 * loops.
 */
final class Admission {
    private final InboundLimits limits;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();

    Admission(InboundLimits limits) {
        this.limits = limits;
    }

    /** A place for one request, or a 529 when all are taken. */
    Ticket admit() {
        if (active.incrementAndGet() > limits.maxConcurrentRequests()) {
            active.decrementAndGet();
            throw ApiException.of(ErrorType.OVERLOADED, "the bridge is serving its limit of "
                    + limits.maxConcurrentRequests() + " concurrent requests; retry shortly");
        }
        return new Ticket();
    }

    /** One admitted request: the body bytes it holds, given back once, when its response ends or fails. */
    final class Ticket {
        private long held;
        private boolean released;

        /** Holds {@code more} body bytes; false (holding nothing more) when that would pass the limit. */
        boolean hold(long more) {
            long total = bytes.addAndGet(more);
            if (total > limits.maxInflightBytes()) {
                bytes.addAndGet(-more);
                return false;
            }
            held += more;
            return true;
        }

        ApiException overBytes() {
            return ApiException.of(ErrorType.OVERLOADED, "request bodies in flight exceed the bridge's limit of "
                    + limits.maxInflightBytes() + " bytes; retry shortly");
        }

        void release() {
            if (released) {
                return;
            }
            released = true;
            bytes.addAndGet(-held);
            held = 0;
            active.decrementAndGet();
        }
    }
}
