package dev.localbridge.translate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.anthropic.ContentBlock;
import dev.localbridge.anthropic.MessageAggregator;
import dev.localbridge.anthropic.MessageResponse;
import dev.localbridge.anthropic.StopReason;
import dev.localbridge.openai.ChatChunk;
import dev.localbridge.openai.FinishReason;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The backend's own tool calls: held until complete, then valid JSON or text with a note, never {@code {}}. */
class BackendToolCallRepairTest {
    private final MessageAggregator aggregator = new MessageAggregator();
    private final StreamTranslator translator = new StreamTranslator(aggregator, false, List.of(),
            new ThinkingSignatures(new byte[32]), 0);

    private MessageResponse play(FinishReason finish, String... fragments) {
        translator.start("msg", "m");
        translator.onChunk(new ChatChunk(null, null, List.of(new ChatChunk.ToolCallDelta(0, "c1", "get_weather", "")),
                null, null, null, null));
        for (String fragment : fragments) {
            translator.onChunk(new ChatChunk(null, null, List.of(new ChatChunk.ToolCallDelta(0, null, null, fragment)),
                    null, null, null, null));
        }
        translator.onChunk(new ChatChunk(null, null, List.of(), finish, null, null, null));
        translator.finish();
        return aggregator.build();
    }

    @Test
    void arguments_left_open_with_finish_tool_calls_are_closed_not_replaced_by_an_empty_input() {
        MessageResponse message = play(FinishReason.TOOL_CALLS, "{\"city\": ", "\"Par");

        assertThat(message.content()).singleElement().isInstanceOfSatisfying(ContentBlock.ToolUse.class,
                use -> assertThat(use.input().toString()).isEqualTo("{\"city\":\"Par\"}"));
        assertThat(message.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(translator.repairedToolCalls()).isEqualTo(1);
    }

    @Test
    void arguments_cut_off_by_max_tokens_are_not_completed_by_guessing() {
        MessageResponse message = play(FinishReason.LENGTH, "{\"city\": \"Par");

        assertThat(message.content()).singleElement().isInstanceOfSatisfying(ContentBlock.Text.class,
                text -> assertThat(text.text()).contains("cut off by the output limit").contains("{\"city\": \"Par"));
        assertThat(message.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(translator.unusableToolCalls()).isEqualTo(1);
    }

    @Test
    void arguments_that_are_not_json_become_text_with_a_note_and_end_turn() {
        MessageResponse message = play(FinishReason.TOOL_CALLS, "city=Paris");

        assertThat(message.content()).singleElement().isInstanceOfSatisfying(ContentBlock.Text.class,
                text -> assertThat(text.text()).contains("\"get_weather\", but it was not run"));
        assertThat(message.stopReason()).isEqualTo(StopReason.END_TURN);
    }
}
