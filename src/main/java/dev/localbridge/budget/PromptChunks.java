package dev.localbridge.budget;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a rendered prompt into chunks at line ends, about {@code target} characters each. Claude Code resends
 * the whole conversation every turn with new content at the end, so all chunks but the last few are the same
 * strings as last turn, and their counts come from the cache. Cutting only after a newline keeps special
 * tokens and words whole, so the sum of the chunks' counts stays within a token or so per chunk of the count
 * of the whole.
 *
 * <p>Linear in the prompt's length: each cut looks at most {@code 4 * target} characters past its start, so a
 * prompt without newlines or spaces costs no more than one with them.
 */
public final class PromptChunks {
    private PromptChunks() {
    }

    public static List<String> split(CharSequence prompt, int target) {
        List<String> chunks = new ArrayList<>(prompt.length() / target + 1);
        int start = 0;
        while (start < prompt.length()) {
            int end = cut(prompt, start, target);
            chunks.add(prompt.subSequence(start, end).toString());
            start = end;
        }
        return chunks;
    }

    /** After the first newline at or past the target, else at the last space before the hard limit, else there. */
    private static int cut(CharSequence prompt, int start, int target) {
        int wanted = start + target;
        if (wanted >= prompt.length()) {
            return prompt.length();
        }
        int hard = (int) Math.min(prompt.length(), (long) start + 4L * target);
        int last = Math.min(hard, prompt.length() - 1);
        for (int i = wanted; i <= last; i++) {
            if (prompt.charAt(i) == '\n') {
                return i + 1;
            }
        }
        for (int i = last; i > wanted; i--) {
            if (prompt.charAt(i) == ' ') {
                return i;
            }
        }
        return hard;
    }
}
