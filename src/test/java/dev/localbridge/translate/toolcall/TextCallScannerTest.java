package dev.localbridge.translate.toolcall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextCallScannerTest {
    private final StringBuilder text = new StringBuilder();
    private final List<RecoveredCall> calls = new ArrayList<>();
    private final TextCallScanner scanner = new TextCallScanner(new Recovery(ToolSet.of(ToolCallCorpusTest.tools())),
            new TextCallScanner.Sink() {
                @Override
                public void text(String t) {
                    text.append(t);
                }

                @Override
                public void calls(List<RecoveredCall> c) {
                    calls.addAll(c);
                }

                @Override
                public void unusable() {
                }
            });

    @Test
    void ordinary_text_goes_out_as_it_arrives_and_holds_at_most_the_look_ahead() {
        String prose = "A list<T> is fine, a < b too; [see here] and `code` and {braces} mid-line. ";
        int maxHeld = 0;
        for (int i = 0; i < 200; i++) {
            for (char c : prose.toCharArray()) {
                scanner.feed(String.valueOf(c));
                maxHeld = Math.max(maxHeld, scanner.heldChars());
            }
        }
        scanner.finish();
        assertThat(text.toString()).isEqualTo(prose.repeat(200));
        assertThat(maxHeld).isLessThanOrEqualTo(TextCallScanner.MAX_MARKER);
        assertThat(calls).isEmpty();
    }

    @Test
    void a_candidate_longer_than_the_bound_is_released_as_text() {
        String huge = "<tool_call>\n{\"name\": \"Write\", \"arguments\": {\"file_path\": \"/x\", \"content\": \""
                + "x".repeat(TextCallScanner.MAX_CANDIDATE) + "\"}}\n</tool_call>";
        for (int at = 0; at < huge.length(); at += 4096) {
            scanner.feed(huge.substring(at, Math.min(huge.length(), at + 4096)));
            assertThat(scanner.heldChars()).isLessThanOrEqualTo(TextCallScanner.MAX_CANDIDATE + 4096);
        }
        scanner.finish();
        assertThat(calls).isEmpty();
        assertThat(text.length()).isEqualTo(huge.length());
    }

    @Test
    void text_after_a_recovered_strong_call_keeps_flowing() {
        scanner.feed("<tool_call>{\"name\": \"Read\", \"arguments\": {\"file_path\": \"/a\"}}</tool_call> then more");
        scanner.finish();
        assertThat(calls).extracting(RecoveredCall::name).containsExactly("Read");
        assertThat(text.toString()).isEqualTo(" then more");
    }
}
