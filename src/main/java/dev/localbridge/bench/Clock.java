package dev.localbridge.bench;

/** When a streamed answer started, produced its first and its last token. Not thread-safe: one per request. */
final class Clock {
    private final long start = System.nanoTime();
    private long first = -1;
    private long last = -1;

    void token(long nanos) {
        if (first < 0) {
            first = nanos;
        }
        last = nanos;
    }

    boolean sawToken() {
        return first >= 0;
    }

    double ttftMs() {
        return sawToken() ? millis(first - start) : Double.NaN;
    }

    double streamMs() {
        return sawToken() ? millis(last - first) : Double.NaN;
    }

    double elapsedMs() {
        return millis(System.nanoTime() - start);
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
