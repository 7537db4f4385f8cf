package dev.localbridge.loadbench;

import java.util.Arrays;

/** A latency distribution in milliseconds: count, p50, p99, max (NaN when empty). */
record Dist(long count, double p50, double p99, double max) {
    static final Dist EMPTY = new Dist(0, Double.NaN, Double.NaN, Double.NaN);

    static Dist ofNanos(long[] values, int size) {
        if (size == 0) {
            return EMPTY;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        return new Dist(size, at(sorted, 0.50), at(sorted, 0.99), sorted[size - 1] / 1e6);
    }

    private static double at(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    /** This minus a reference, percentile by percentile (what a proxy adds to the direct path). */
    Dist minus(Dist reference) {
        return new Dist(count, p50 - reference.p50, p99 - reference.p99, max - reference.max);
    }

    /** A growable array of nanosecond values. */
    static final class Values {
        private long[] values = new long[1024];
        private int size;

        void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }

        Dist dist() {
            return ofNanos(values, size);
        }
    }
}
