package dev.localbridge.bench;

import java.util.Locale;

/** Numbers as people read them: {@code 14,123}, {@code 380 t/s}, {@code 0.3 ms}, {@code 37.4 s}. */
final class Numbers {
    private Numbers() {
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String rate(double perSecond) {
        if (!Double.isFinite(perSecond)) {
            return "n/a";
        }
        return (perSecond >= 100 ? String.format(Locale.ROOT, "%,.0f", perSecond)
                : String.format(Locale.ROOT, "%.1f", perSecond)) + " t/s";
    }

    /** A duration: milliseconds below one second (one decimal below 100 ms, two below 1 ms), seconds above. */
    static String duration(double millis) {
        if (!Double.isFinite(millis)) {
            return "n/a";
        }
        double magnitude = Math.abs(millis);
        if (magnitude >= 1000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000);
        }
        if (magnitude >= 100) {
            return String.format(Locale.ROOT, "%.0f ms", millis);
        }
        if (magnitude >= 1) {
            return String.format(Locale.ROOT, "%.1f ms", millis);
        }
        return String.format(Locale.ROOT, "%.2f", millis).replaceFirst("(\\.\\d)0$", "$1") + " ms";
    }

    static String signedDuration(double millis) {
        return (Double.isFinite(millis) && millis >= 0 ? "+" : "") + duration(millis);
    }

    static String percent(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.1f%%", value) : "n/a";
    }
}
