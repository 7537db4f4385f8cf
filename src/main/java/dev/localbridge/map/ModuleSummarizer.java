package dev.localbridge.map;

/**
 * Says in a sentence or two what a module does. {@code localbridge map --llm} asks one for each module; the map
 * stays deterministic as long as the answers do.
 */
@FunctionalInterface
public interface ModuleSummarizer {
    int MAX_SUMMARY_CHARS = 240;

    /**
     * A model's answer as one line of plain text: reasoning ({@code <think>…</think>}), Markdown emphasis, headings
     * and surrounding quotes removed, cut at a word to {@link #MAX_SUMMARY_CHARS} characters.
     */
    static String tidy(String answer) {
        String text = answer.replaceAll("(?s)<think>.*?</think>|^(?:(?!<think>).)*?</think>|<think>.*", " ")
                .replaceAll("[*`]+", "").replaceAll("\\s+", " ").strip().replaceFirst("^[#>\\s]+", "");
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1).strip();
        }
        return RepoFiles.shorten(text, MAX_SUMMARY_CHARS);
    }

    /**
     * @return a short plain-text summary; empty to add none
     * @throws SummaryException if no summary could be had (the map is then not written)
     */
    String summarize(ModuleDigest module);

    /** Why a summary could not be had: the backend was unreachable, failed or answered nonsense. */
    final class SummaryException extends RuntimeException {
        public SummaryException(String message, Throwable cause) {
            super(message, cause);
        }

        public SummaryException(String message) {
            super(message);
        }
    }
}
