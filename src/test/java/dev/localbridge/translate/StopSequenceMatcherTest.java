package dev.localbridge.translate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StopSequenceMatcherTest {

    @Test
    void text_without_any_stop_sequence_prefix_passes_straight_through() {
        StopSequenceMatcher matcher = new StopSequenceMatcher(List.of("STOP"));

        assertThat(matcher.feed("Hello world")).isEqualTo("Hello world");
        assertThat(matcher.matched()).isNull();
        assertThat(matcher.flush()).isEmpty();
    }

    @Test
    void a_match_inside_one_chunk_returns_the_text_before_it() {
        StopSequenceMatcher matcher = new StopSequenceMatcher(List.of("STOP"));

        assertThat(matcher.feed("one two STOP three")).isEqualTo("one two ");
        assertThat(matcher.matched()).isEqualTo("STOP");
    }

    @Test
    void a_match_across_chunk_boundaries_holds_back_only_the_possible_prefix() {
        StopSequenceMatcher matcher = new StopSequenceMatcher(List.of("</answer>"));

        assertThat(matcher.feed("Result: 4</")).isEqualTo("Result: 4");
        assertThat(matcher.feed("ans")).isEmpty();
        assertThat(matcher.matched()).isNull();
        assertThat(matcher.feed("wer>tail")).isEmpty();
        assertThat(matcher.matched()).isEqualTo("</answer>");
    }

    @Test
    void a_match_spread_over_single_character_chunks_is_found() {
        StopSequenceMatcher matcher = new StopSequenceMatcher(List.of("END"));
        StringBuilder emitted = new StringBuilder();

        for (char c : "abcENxENDzz".toCharArray()) {
            emitted.append(matcher.feed(String.valueOf(c)));
        }

        assertThat(emitted.toString()).isEqualTo("abcENx");
        assertThat(matcher.matched()).isEqualTo("END");
    }

    @Test
    void a_prefix_that_does_not_complete_is_released() {
        StopSequenceMatcher matcher = new StopSequenceMatcher(List.of("STOP"));

        assertThat(matcher.feed("a ST")).isEqualTo("a ");
        assertThat(matcher.feed("ART")).isEqualTo("START");
        assertThat(matcher.matched()).isNull();
    }

    @Test
    void an_overlapping_prefix_keeps_the_longest_possible_start() {
        StopSequenceMatcher matcher = new StopSequenceMatcher(List.of("aab"));

        assertThat(matcher.feed("xaa")).isEqualTo("x");
        assertThat(matcher.feed("a")).isEqualTo("a");
        assertThat(matcher.feed("b")).isEmpty();
        assertThat(matcher.matched()).isEqualTo("aab");
    }

    @Test
    void the_earliest_of_several_sequences_wins() {
        StopSequenceMatcher matcher = new StopSequenceMatcher(List.of("world", "lo"));

        assertThat(matcher.feed("hello world")).isEqualTo("hel");
        assertThat(matcher.matched()).isEqualTo("lo");
    }

    @Test
    void the_held_tail_is_kept_for_any_of_several_sequences() {
        StopSequenceMatcher matcher = new StopSequenceMatcher(List.of("XYZ", "abcd"));

        assertThat(matcher.feed("123abc")).isEqualTo("123");
        assertThat(matcher.feed("X")).isEqualTo("abc");
        assertThat(matcher.feed("YZ")).isEmpty();
        assertThat(matcher.matched()).isEqualTo("XYZ");
    }

    @Test
    void flush_releases_the_held_tail_once() {
        StopSequenceMatcher matcher = new StopSequenceMatcher(List.of("STOP"));

        assertThat(matcher.feed("done STO")).isEqualTo("done ");
        assertThat(matcher.flush()).isEqualTo("STO");
        assertThat(matcher.flush()).isEmpty();
    }

    @Test
    void nothing_is_emitted_after_a_match() {
        StopSequenceMatcher matcher = new StopSequenceMatcher(List.of("STOP"));
        matcher.feed("aSTOPb");

        assertThat(matcher.feed("more text")).isEmpty();
        assertThat(matcher.flush()).isEmpty();
        assertThat(matcher.matched()).isEqualTo("STOP");
    }

    @Test
    void a_single_character_sequence_is_never_held_back() {
        StopSequenceMatcher matcher = new StopSequenceMatcher(List.of("\n"));

        assertThat(matcher.feed("line")).isEqualTo("line");
        assertThat(matcher.feed(" one\nline two")).isEqualTo(" one");
        assertThat(matcher.matched()).isEqualTo("\n");
    }
}
