package dev.localbridge.observability;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts over the last 60 seconds, in one-second buckets: adding is two atomic operations and allocates nothing.
 * Two threads starting the same new second at once may lose a count: this feeds a live view, not a bill.
 */
final class SlidingCounter {
    static final int SECONDS = 60;
    /** The current second and the 60 whole ones before it. */
    private static final int SLOTS = SECONDS + 1;
    private final AtomicLongArray counts = new AtomicLongArray(SLOTS);
    private final AtomicLongArray stamps = new AtomicLongArray(SLOTS);

    void add(long nowNanos, long amount) {
        long second = Math.floorDiv(nowNanos, 1_000_000_000L);
        int slot = (int) Math.floorMod(second, SLOTS);
        long stamp = stamps.get(slot);
        if (stamp != second && stamps.compareAndSet(slot, stamp, second)) {
            counts.set(slot, 0);
        }
        counts.addAndGet(slot, amount);
    }

    /** The count of each of the 60 whole seconds before this one, oldest first. */
    long[] perSecond(long nowNanos) {
        long second = Math.floorDiv(nowNanos, 1_000_000_000L);
        long[] history = new long[SECONDS];
        for (int i = 0; i < SECONDS; i++) {
            long wanted = second - SECONDS + i;
            int slot = (int) Math.floorMod(wanted, SLOTS);
            history[i] = stamps.get(slot) == wanted ? counts.get(slot) : 0;
        }
        return history;
    }

    /** The sum over the last 60 seconds, this one included. */
    long sum(long nowNanos) {
        long second = Math.floorDiv(nowNanos, 1_000_000_000L);
        long total = 0;
        for (int slot = 0; slot < SLOTS; slot++) {
            long stamp = stamps.get(slot);
            if (stamp > second - SECONDS && stamp <= second) {
                total += counts.get(slot);
            }
        }
        return total;
    }
}
