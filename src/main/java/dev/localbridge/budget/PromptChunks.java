package dev.localbridge.budget;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a rendered prompt into chunks at line ends, about {@code target} characters each. Claude Code resends
 * the whole conversation every turn with new content at the end, so all chunks but the last few are the same
 * strings as last turn, and their counts come from the cache. Cutting only after a newline keeps special
 * tokens and words whole, so the sum of the chunks' counts stays within a token or so per chunk of the count
 * of the whole.
 */
public final class PromptChunks {
    private PromptChunks() {
    }

    public static List<String> split(String prompt, int target) {
        List<String> chunks = new ArrayList<>(prompt.length() / target + 1);
        int start = 0;
        while (start < prompt.length()) {
            int end = cut(prompt, start, target);
            chunks.add(prompt.substring(start, end));
            start = end;
        }
        return chunks;
    }

    private static int cut(String prompt, int start, int target) {
        int wanted = start + target;
        if (wanted >= prompt.length()) {
            return prompt.length();
        }
        int newline = prompt.indexOf('\n', wanted);
        if (newline < 0 || newline - start > 4 * target) {
            int hard = Math.min(prompt.length(), start + 4 * target);
            int space = prompt.lastIndexOf(' ', hard);
            return space > wanted ? space : hard;
        }
        return newline + 1;
    }
}
