package dev.localbridge.translate.toolcall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextCallScannerTest {
    private final StringBuilder text = new StringBuilder();
    private final List<RecoveredCall> calls = new ArrayList<>();
    private int unusable;
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
                    unusable++;
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

    private static final String[] PIECES = {"<tool_call>", "</tool_call>", "<function=", "Read>", "<parameter=",
        "file_path>", "</parameter>", "</function>", "<|python_tag|>", "<|eot_id|>", "<|", "|>", "[TOOL_CALLS]",
        "[ARGS]", "<｜tool▁calls▁begin｜>", "<｜tool▁call▁begin｜>", "<｜tool▁sep｜>", "<｜tool▁call▁end｜>",
        "```", "```json", "```tool_code", "`", "\n", "{", "}", "[", "]", "(", ")", "\"", "'", ":", ",", "name",
        "\"name\"", "\"Read\"", "arguments", "\"file_path\"", "\"/a\"", "Read(", "x", " ", "\\", "True", "<", "｜"};

    @Test
    void random_mixtures_of_markers_never_throw_and_never_lose_text() {
        java.util.Random random = new java.util.Random(42);
        for (int round = 0; round < 5000; round++) {
            StringBuilder input = new StringBuilder();
            for (int i = random.nextInt(40); i >= 0; i--) {
                input.append(PIECES[random.nextInt(PIECES.length)]);
            }
            text.setLength(0);
            calls.clear();
            unusable = 0;
            for (String fragment : ToolCallCorpusTest.fragments(input.toString(), random)) {
                scanner.feed(fragment);
            }
            scanner.finish();
            if (calls.isEmpty() && unusable == 0) {
                assertThat(bare(input.toString())).as("text kept for: " + input).contains(bare(text.toString()));
            }
        }
    }

    /** Without control tokens (also those that removing others forms) and whitespace. */
    private static String bare(String text) {
        String before;
        String after = text;
        do {
            before = after;
            after = Recovery.withoutControlTokens(before);
        } while (!after.equals(before));
        return after.replaceAll("\\s", "");
    }
}
