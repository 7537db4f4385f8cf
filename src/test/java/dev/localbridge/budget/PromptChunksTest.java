package dev.localbridge.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PromptChunksTest {

    @Test
    void chunks_join_back_into_the_prompt_and_end_at_line_ends() {
        StringBuilder prompt = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            prompt.append("line ").append(i).append(" of the conversation with some words\n");
        }
        List<String> chunks = PromptChunks.split(prompt.toString(), 1000);

        assertThat(String.join("", chunks)).isEqualTo(prompt.toString());
        assertThat(chunks).hasSizeGreaterThan(10);
        assertThat(chunks.subList(0, chunks.size() - 1)).allMatch(c -> c.endsWith("\n") && c.length() >= 1000);
    }

    @Test
    void appending_to_a_prompt_leaves_its_earlier_chunks_unchanged() {
        String before = "x\n".repeat(3000);
        List<String> first = PromptChunks.split(before, 1000);
        List<String> second = PromptChunks.split(before + "new turn\n".repeat(100), 1000);

        assertThat(second.subList(0, first.size() - 1)).isEqualTo(first.subList(0, first.size() - 1));
    }

    @Test
    void a_long_line_is_cut_at_a_space_and_nothing_is_lost() {
        String line = "word ".repeat(5000);
        List<String> chunks = PromptChunks.split(line, 1000);

        assertThat(String.join("", chunks)).isEqualTo(line);
        assertThat(chunks).allMatch(c -> c.length() <= 4000);
    }

    @Test
    void an_empty_prompt_has_no_chunks() {
        assertThat(PromptChunks.split("", 1000)).isEmpty();
    }

    @Test
    void a_prompt_without_newlines_or_spaces_is_cut_in_linear_time() {
        CountingText prompt = new CountingText(2_000_000);
        List<String> chunks = PromptChunks.split(prompt, 2048);

        assertThat(chunks.stream().mapToInt(String::length).sum()).isEqualTo(prompt.length());
        assertThat(chunks.subList(0, chunks.size() - 1)).allMatch(c -> c.length() == 4 * 2048);
        // Each character is looked at a bounded number of times (the old cut rescanned the prompt: ~10^9 reads).
        assertThat(prompt.reads).isLessThanOrEqualTo(2L * prompt.length());
    }

    /** A run of 'x' that counts how often its characters are read. */
    private static final class CountingText implements CharSequence {
        private final int length;
        long reads;

        CountingText(int length) {
            this.length = length;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public char charAt(int index) {
            reads++;
            return 'x';
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return "x".repeat(end - start);
        }

        @Override
        public String toString() {
            return "x".repeat(length);
        }
    }
}
