package dev.localbridge.anthropic;

import dev.localbridge.json.JsonValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.localbridge.anthropic.StreamEvent.Delta;
import dev.localbridge.error.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageAggregatorTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final MessageAggregator aggregator = new MessageAggregator();

    private void feed(StreamEvent... events) {
        for (StreamEvent event : events) {
            aggregator.accept(event);
        }
    }

    private static StreamEvent.BlockStart toolStart(int index, String id, String name) {
        return new StreamEvent.BlockStart(index, new ContentBlock.ToolUse(id, name, JsonValue.EMPTY_OBJECT));
    }

    private static StreamEvent.BlockDelta delta(int index, Delta delta) {
        return new StreamEvent.BlockDelta(index, delta);
    }

    private void end(StopReason reason, String sequence, Usage usage) {
        feed(new StreamEvent.MessageDelta(reason, sequence, usage), StreamEvent.MESSAGE_STOP);
    }

    @Test
    void a_text_stream_builds_one_text_block_with_id_model_usage_and_stop_reason() {
        feed(new StreamEvent.MessageStart("msg_1", "claude-x", new Usage(10, 1, 0)),
                StreamEvent.PING,
                new StreamEvent.BlockStart(0, new ContentBlock.Text("")),
                delta(0, new Delta.Text("Hel")),
                delta(0, new Delta.Text("lo")),
                new StreamEvent.BlockStop(0));
        end(StopReason.END_TURN, null, new Usage(10, 2, 5));

        MessageResponse message = aggregator.build();

        assertThat(message).isEqualTo(new MessageResponse("msg_1", "claude-x",
                List.of(new ContentBlock.Text("Hello")), StopReason.END_TURN, null, new Usage(10, 2, 5)));
        assertThat(aggregator.error()).isNull();
    }

    @Test
    void blocks_come_out_ordered_thinking_then_text_then_tool_use() throws Exception {
        feed(new StreamEvent.MessageStart("msg_1", "m", Usage.ZERO),
                new StreamEvent.BlockStart(0, new ContentBlock.Text("")),
                delta(0, new Delta.Text("before")),
                new StreamEvent.BlockStop(0),
                toolStart(1, "toolu_a", "Read"),
                delta(1, new Delta.InputJson("{\"path\":")),
                delta(1, new Delta.InputJson("\"/a\"}")),
                new StreamEvent.BlockStop(1),
                new StreamEvent.BlockStart(2, new ContentBlock.Thinking("", "")),
                delta(2, new Delta.Thinking("late ")),
                delta(2, new Delta.Thinking("thought")),
                delta(2, new Delta.Signature("lb1.sig")),
                new StreamEvent.BlockStop(2),
                new StreamEvent.BlockStart(3, new ContentBlock.Text("")),
                delta(3, new Delta.Text("after")),
                new StreamEvent.BlockStop(3));
        end(StopReason.TOOL_USE, null, Usage.ZERO);

        assertThat(aggregator.build().content()).containsExactly(
                new ContentBlock.Thinking("late thought", "lb1.sig"),
                new ContentBlock.Text("before"),
                new ContentBlock.Text("after"),
                new ContentBlock.ToolUse("toolu_a", "Read", JsonValue.adopt(MAPPER.readTree("{\"path\":\"/a\"}"))));
    }

    @Test
    void several_tool_uses_keep_their_order_and_inputs() throws Exception {
        feed(new StreamEvent.MessageStart("msg_1", "m", Usage.ZERO),
                toolStart(0, "toolu_a", "Bash"),
                delta(0, new Delta.InputJson("{\"command\":\"ls\"}")),
                new StreamEvent.BlockStop(0),
                toolStart(1, "toolu_b", "Bash"),
                delta(1, new Delta.InputJson("{}")),
                new StreamEvent.BlockStop(1));
        end(StopReason.TOOL_USE, null, Usage.ZERO);

        assertThat(aggregator.build().content()).containsExactly(
                new ContentBlock.ToolUse("toolu_a", "Bash", JsonValue.adopt(MAPPER.readTree("{\"command\":\"ls\"}"))),
                new ContentBlock.ToolUse("toolu_b", "Bash", JsonValue.adopt(MAPPER.readTree("{}"))));
    }

    @Test
    void tool_input_that_is_not_a_json_object_becomes_an_empty_object() {
        feed(new StreamEvent.MessageStart("msg_1", "m", Usage.ZERO),
                toolStart(0, "toolu_a", "Bash"),
                delta(0, new Delta.InputJson("{\"command\": \"ls")),
                new StreamEvent.BlockStop(0),
                toolStart(1, "toolu_b", "Bash"),
                delta(1, new Delta.InputJson("[1,2]")),
                new StreamEvent.BlockStop(1),
                toolStart(2, "toolu_c", "Bash"),
                new StreamEvent.BlockStop(2));
        end(StopReason.TOOL_USE, null, Usage.ZERO);

        assertThat(aggregator.build().content()).containsExactly(
                new ContentBlock.ToolUse("toolu_a", "Bash", JsonValue.EMPTY_OBJECT),
                new ContentBlock.ToolUse("toolu_b", "Bash", JsonValue.EMPTY_OBJECT),
                new ContentBlock.ToolUse("toolu_c", "Bash", JsonValue.EMPTY_OBJECT));
    }

    @Test
    void a_stop_sequence_and_usage_are_carried() {
        feed(new StreamEvent.MessageStart("msg_1", "m", Usage.ZERO),
                new StreamEvent.BlockStart(0, new ContentBlock.Text("")),
                delta(0, new Delta.Text("1, 2, 3")),
                new StreamEvent.BlockStop(0));
        end(StopReason.STOP_SEQUENCE, ", 4", new Usage(7, 5, 3));

        MessageResponse message = aggregator.build();

        assertThat(message.stopReason()).isEqualTo(StopReason.STOP_SEQUENCE);
        assertThat(message.stopSequence()).isEqualTo(", 4");
        assertThat(message.usage()).isEqualTo(new Usage(7, 5, 3));
    }

    @Test
    void an_error_is_captured_and_the_message_is_incomplete() {
        ApiException failure = ApiException.overloaded("backend went away");
        feed(new StreamEvent.MessageStart("msg_1", "m", Usage.ZERO),
                new StreamEvent.BlockStart(0, new ContentBlock.Text("")),
                delta(0, new Delta.Text("partial")),
                new StreamEvent.Error(failure));

        assertThat(aggregator.error()).isEqualTo(new StreamEvent.Error(failure));
        assertThat(aggregator.complete()).isFalse();
        assertThatThrownBy(aggregator::build).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_message_is_complete_only_after_message_delta_and_message_stop() {
        feed(new StreamEvent.MessageStart("msg_1", "m", Usage.ZERO));
        assertThat(aggregator.complete()).isFalse();

        feed(new StreamEvent.MessageDelta(StopReason.END_TURN, null, Usage.ZERO));
        assertThat(aggregator.complete()).isFalse();

        feed(StreamEvent.MESSAGE_STOP);
        assertThat(aggregator.complete()).isTrue();
        assertThat(aggregator.build().content()).isEmpty();
    }
}
