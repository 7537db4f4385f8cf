package dev.localbridge.translate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.anthropic.ContentBlock;
import dev.localbridge.anthropic.MessageAggregator;
import dev.localbridge.anthropic.MessageResponse;
import dev.localbridge.anthropic.StopReason;
import dev.localbridge.openai.ChatChunk;
import dev.localbridge.translate.toolcall.ToolSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopDetectorTest {
    private static final String PARAGRAPH = "The function returns the cached value when the key is present, "
            + "otherwise it loads the value from the store and caches it for the next call. ";

    @Test
    void a_paragraph_repeated_forever_is_stopped_within_the_configured_bound() {
        LoopDetector detector = new LoopDetector(LoopDetector.Settings.DEFAULT);
        int words = PARAGRAPH.split(" ").length;
        int fed = 0;
        while (!detector.feed(PARAGRAPH)) {
            fed++;
            assertThat(fed).as("repetitions before the loop is noticed").isLessThan(100);
        }
        assertThat(detector.period()).isEqualTo(words);
        // at least minRepeats copies and minWords words, and at most one copy more than needed
        int needed = Math.max(LoopDetector.Settings.DEFAULT.minRepeats(),
                (LoopDetector.Settings.DEFAULT.minWords() + words - 1) / words);
        assertThat(fed + 1).isBetween(needed, needed + 1);
    }

    @Test
    void the_same_loop_is_found_however_the_text_is_split() {
        String text = PARAGRAPH.repeat(40);
        for (int size : new int[] {1, 3, 7, 50, 1000}) {
            LoopDetector detector = new LoopDetector(LoopDetector.Settings.DEFAULT);
            boolean found = false;
            for (int at = 0; at < text.length() && !found; at += size) {
                found = detector.feed(text.substring(at, Math.min(text.length(), at + size)));
            }
            assertThat(found).as("fragment size " + size).isTrue();
        }
    }

    @Test
    void a_loop_after_thousands_of_distinct_words_is_still_found() {
        LoopDetector detector = new LoopDetector(LoopDetector.Settings.DEFAULT);
        StringBuilder prose = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            prose.append("word").append(i).append(' ');
        }
        assertThat(detector.feed(prose.toString())).isFalse();
        boolean found = false;
        for (int i = 0; i < 40 && !found; i++) {
            found = detector.feed(PARAGRAPH);
        }
        assertThat(found).isTrue();
        assertThat(detector.period()).isEqualTo(PARAGRAPH.strip().split(" ").length);
    }

    @Test
    void a_long_table_and_a_generated_file_with_boilerplate_are_not_loops() {
        LoopDetector detector = new LoopDetector(LoopDetector.Settings.DEFAULT);
        StringBuilder answer = new StringBuilder("| id | name | status |\n|---|---|---|\n");
        for (int i = 0; i < 2000; i++) {
            answer.append("| ").append(i).append(" | item-").append(i).append(" | active |\n");
        }
        for (int i = 0; i < 300; i++) {
            answer.append("    @Test\n    void case").append(i).append("() {\n        assertThat(run(")
                    .append(i).append(")).isEqualTo(expected(").append(i).append("));\n    }\n\n");
        }
        assertThat(detector.feed(answer.toString())).isFalse();
    }

    @Test
    void a_looping_stream_ends_with_a_note_and_end_turn_and_asks_for_the_backend_to_be_cancelled() {
        MessageAggregator aggregator = new MessageAggregator();
        StreamTranslator translator = new StreamTranslator(aggregator, false, List.of(),
                new ThinkingSignatures(new byte[32]), 0, ToolSet.NONE, LoopDetector.Settings.DEFAULT);
        translator.start("msg", "m");
        boolean cancelled = false;
        int chunks = 0;
        while (!cancelled) {
            cancelled = translator.onChunk(new ChatChunk(PARAGRAPH, null, List.of(), null, null, null, null));
            assertThat(++chunks).isLessThan(100);
        }
        MessageResponse message = aggregator.build();
        assertThat(message.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(((ContentBlock.Text) message.content().getFirst()).text())
                .startsWith(PARAGRAPH).endsWith("over and over.]");
        assertThat(translator.loopPeriodWords()).isPositive();
        assertThat(translator.finished()).isTrue();
    }
}
