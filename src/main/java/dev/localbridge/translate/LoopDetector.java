package dev.localbridge.translate;

/**
 * Notices a generation that repeats itself: the last words of the answer are one span of at most
 * {@code maxSpanWords} words repeated back to back, covering at least {@code minRepeats} copies and at least
 * {@code minWords} words. Words, not the backend's chunks, so it does not depend on how the text was split;
 * a word longer than 32 characters counts as several. Rows of a table or a generated file differ somewhere, so
 * they are not periodic; only an exact repetition is. Memory and work per word are bounded by the span.
 */
public final class LoopDetector {
    /** On by default: a 300-word span at most, repeated 8 times, and never fewer than 400 words of repetition. */
    public record Settings(boolean enabled, int maxSpanWords, int minRepeats, int minWords) {
        public static final Settings DEFAULT = new Settings(true, 300, 8, 400);
        public static final Settings OFF = new Settings(false, 1, 2, 1);

        public Settings {
            if (maxSpanWords < 1 || minRepeats < 2 || minWords < 1) {
                throw new IllegalArgumentException("loop settings must be positive (span ≥ 1, repeats ≥ 2)");
            }
        }
    }

    private static final int MAX_WORD = 32;

    private final Settings settings;
    private final int[] ring;
    private final int[] run;
    private long words;
    private int wordHash;
    private int wordLength;
    private int period;

    public LoopDetector(Settings settings) {
        this.settings = settings;
        this.ring = new int[settings.maxSpanWords() + 1];
        this.run = new int[settings.maxSpanWords() + 1];
    }

    /** Adds generated text; true once the generation is looping. */
    public boolean feed(String text) {
        if (!settings.enabled() || period > 0) {
            return period > 0;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                if (wordLength > 0 && endWord()) {
                    return true;
                }
            } else {
                wordHash = 31 * wordHash + c;
                if (++wordLength == MAX_WORD && endWord()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The repeated span's length in words once a loop was found, else 0. */
    public int period() {
        return period;
    }

    private boolean endWord() {
        int hash = wordHash;
        wordHash = 0;
        wordLength = 0;
        int size = ring.length;
        int at = (int) (words % size);
        ring[at] = hash;
        words++;
        for (int p = 1; p < size && p < words; p++) {
            if (ring[(int) ((words - 1 - p) % size)] == hash) {
                run[p]++;
                long periodic = (long) run[p] + p;
                if (periodic >= (long) settings.minRepeats() * p && periodic >= settings.minWords()) {
                    period = p;
                    return true;
                }
            } else {
                run[p] = 0;
            }
        }
        return false;
    }
}
