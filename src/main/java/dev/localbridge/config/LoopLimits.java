package dev.localbridge.config;

/**
 * {@code --loop-detection}: a generation whose last words are one passage of at most {@code maxSpanWords} words
 * repeated back to back {@code minRepeats} times, over at least {@code minWords} words, is stopped.
 */
public record LoopLimits(boolean enabled, int maxSpanWords, int minRepeats, int minWords) {
    /** Conservative: only an exact repetition of 400 words or more (8 copies at least) is a loop. */
    public static final LoopLimits DEFAULT = new LoopLimits(true, 300, 8, 400);
    public static final LoopLimits OFF = new LoopLimits(false, 1, 2, 1);

    public LoopLimits {
        if (maxSpanWords < 1 || minRepeats < 2 || minWords < 1) {
            throw new IllegalArgumentException("loop detection needs SPAN ≥ 1, REPEATS ≥ 2 and WORDS ≥ 1");
        }
    }

    /** {@code off}, or {@code SPAN,REPEATS,WORDS}. */
    public static LoopLimits parse(String text) {
        if (text.strip().equalsIgnoreCase("off")) {
            return OFF;
        }
        String[] parts = text.split(",");
        try {
            if (parts.length == 3) {
                return new LoopLimits(true, Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()),
                        Integer.parseInt(parts[2].strip()));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("loop detection must be 'off' or SPAN,REPEATS,WORDS (e.g. 300,8,400),"
                + " got '" + text + "'");
    }
}
