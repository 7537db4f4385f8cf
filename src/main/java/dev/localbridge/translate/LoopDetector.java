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
    private static final int TABLE = 1024;

    private final Settings settings;
    private final int size;
    /** Per window position: the position of the previous occurrence of the same word (or -1). */
    private final long[] previousSame;
    /** Per period: the run of consecutive matches at that distance, and the position of its last match. */
    private final int[] run;
    private final long[] lastMatch;
    /** Per window position: the word's hash, and the previous position whose word fell in the same bucket. */
    private final int[] wordHashes;
    private final long[] previousInBucket;
    /** Per bucket of word hashes: the latest position (chains end at positions older than the window). */
    private final long[] buckets = new long[TABLE];
    private long words;
    private int wordHash;
    private int wordLength;
    private int period;

    public LoopDetector(Settings settings) {
        this.settings = settings;
        this.size = settings.maxSpanWords() + 1;
        this.previousSame = new long[size];
        this.run = new int[size];
        this.lastMatch = new long[size];
        this.wordHashes = new int[size];
        this.previousInBucket = new long[size];
        java.util.Arrays.fill(buckets, -1);
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

    /**
     * Only the distances to earlier occurrences of the same word within the window can be periods, so the work
     * per word is the number of those occurrences, not the window's size.
     */
    private boolean endWord() {
        int hash = wordHash;
        wordHash = 0;
        wordLength = 0;
        long position = words++;
        long oldest = position - size + 1;
        long previous = record(hash, position, oldest);
        previousSame[(int) (position % size)] = previous;
        for (long q = previous; q >= oldest && q >= 0; q = previousSame[(int) (q % size)]) {
            int p = (int) (position - q);
            run[p] = lastMatch[p] == position - 1 ? run[p] + 1 : 1;
            lastMatch[p] = position;
            long periodic = (long) run[p] + p;
            if (periodic >= (long) settings.minRepeats() * p && periodic >= settings.minWords()) {
                period = p;
                return true;
            }
        }
        return false;
    }

    /** Records the word at {@code position} and returns the previous position of the same word in the window, or -1. */
    private long record(int hash, long position, long oldest) {
        int bucket = (hash * 0x9E3779B9) >>> 22;
        long previous = -1;
        for (long q = buckets[bucket]; q >= oldest && q >= 0; q = previousInBucket[(int) (q % size)]) {
            if (wordHashes[(int) (q % size)] == hash) {
                previous = q;
                break;
            }
        }
        int slot = (int) (position % size);
        wordHashes[slot] = hash;
        previousInBucket[slot] = buckets[bucket];
        buckets[bucket] = position;
        return previous;
    }
}
