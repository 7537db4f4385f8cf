package dev.localbridge.bench;

import java.util.List;

/** Small arithmetic shared by the figures. */
final class Rates {
    private Rates() {
    }

    /** {@code count} per second over {@code millis}; NaN when there is nothing to divide. */
    static double perSecond(long count, double millis) {
        return count <= 0 || millis <= 0 ? Double.NaN : count / millis * 1000;
    }

    /** The median of the finite values; NaN when there are none. */
    static double median(List<Double> values) {
        double[] finite = values.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).sorted().toArray();
        if (finite.length == 0) {
            return Double.NaN;
        }
        int middle = finite.length / 2;
        return finite.length % 2 == 1 ? finite[middle] : (finite[middle - 1] + finite[middle]) / 2;
    }
}
