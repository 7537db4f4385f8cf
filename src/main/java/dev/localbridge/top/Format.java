package dev.localbridge.top;

import java.util.Locale;

/** Numbers as {@code top} shows them: short, fixed-width friendly, locale-independent. */
final class Format {
    private Format() {
    }

    /** 950 → "950", 13000 → "13.0k", 1250000 → "1.25M". */
    static String tokens(long tokens) {
        if (tokens < 1000) {
            return Long.toString(tokens);
        }
        if (tokens < 1_000_000) {
            return String.format(Locale.ROOT, "%.1fk", tokens / 1000.0);
        }
        return String.format(Locale.ROOT, "%.2fM", tokens / 1_000_000.0);
    }

    /** 850 → "850ms", 2300 → "2.3s", 65000 → "1m05s", 3720000 → "1h02m". */
    static String duration(long ms) {
        if (ms < 1000) {
            return Math.max(0, ms) + "ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        long seconds = ms / 1000;
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }

    /** Tokens per second with one decimal. */
    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%.1f", perSecond);
    }

    /** 0.443 → "44%". */
    static String percent(double fraction) {
        return Math.round(fraction * 100) + "%";
    }

    /** Milliseconds, rounded. */
    static String millis(double ms) {
        return Math.round(ms) + "ms";
    }
}
