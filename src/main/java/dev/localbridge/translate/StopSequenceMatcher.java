package dev.localbridge.translate;

import java.util.List;

/**
 * Finds stop sequences in streamed text. It holds back only the tail that could still become a stop
 * sequence, so text streams on with no delay unless it looks like the start of one.
 */
final class StopSequenceMatcher {
    private final List<String> sequences;
    private final StringBuilder held = new StringBuilder();
    private String matched;

    StopSequenceMatcher(List<String> sequences) {
        this.sequences = List.copyOf(sequences);
    }

    /** Adds text and returns the part that is safe to emit now (possibly empty). */
    String feed(String text) {
        if (matched != null) {
            return "";
        }
        held.append(text);
        int earliest = -1;
        for (String sequence : sequences) {
            int at = held.indexOf(sequence);
            if (at >= 0 && (earliest < 0 || at < earliest)) {
                earliest = at;
                matched = sequence;
            }
        }
        if (earliest >= 0) {
            String safe = held.substring(0, earliest);
            held.setLength(0);
            return safe;
        }
        int keep = longestPrefixSuffix();
        String safe = held.substring(0, held.length() - keep);
        held.delete(0, held.length() - keep);
        return safe;
    }

    /** The stop sequence that matched, or null. */
    String matched() {
        return matched;
    }

    /** Releases the held-back tail at the end of the stream. */
    String flush() {
        String rest = held.toString();
        held.setLength(0);
        return rest;
    }

    private int longestPrefixSuffix() {
        int best = 0;
        for (String sequence : sequences) {
            int max = Math.min(sequence.length() - 1, held.length());
            for (int k = max; k > best; k--) {
                if (CharSequence.compare(held.subSequence(held.length() - k, held.length()), sequence.subSequence(0, k)) == 0) {
                    best = k;
                    break;
                }
            }
        }
        return best;
    }
}
