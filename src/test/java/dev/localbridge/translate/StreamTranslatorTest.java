package dev.localbridge.translate;

import dev.localbridge.json.JsonValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.localbridge.anthropic.ContentBlock;
import dev.localbridge.anthropic.StopReason;
import dev.localbridge.anthropic.StreamEvent;
import dev.localbridge.anthropic.StreamEvent.BlockDelta;
import dev.localbridge.anthropic.StreamEvent.BlockStart;
import dev.localbridge.anthropic.StreamEvent.BlockStop;
import dev.localbridge.anthropic.StreamEvent.Delta;
import dev.localbridge.anthropic.StreamEvent.MessageDelta;
import dev.localbridge.anthropic.StreamEvent.MessageStart;
import dev.localbridge.anthropic.Usage;
import dev.localbridge.error.ApiException;
import dev.localbridge.error.ErrorType;
import dev.localbridge.openai.ChatChunk;
import dev.localbridge.openai.ChatChunk.ToolCallDelta;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Transcript tests: upstream chunks in, the exact Anthropic event sequence out. */
class StreamTranslatorTest {
    private static final ThinkingSignatures SIGNATURES = new ThinkingSignatures(RequestTranslatorTest.key((byte) 5));
    private static final String TOOL_ID = "toolu_<id>";
    private static final String ID_PATTERN = "toolu_[0-9A-Za-z]{24}";

    private final List<StreamEvent> events = new ArrayList<>();
    /** The tool_use ids as generated, in block order (the transcript shows them as {@link #TOOL_ID}). */
    private final List<String> toolIds = new ArrayList<>();

    private StreamTranslator translator(boolean thinking, List<String> stops, long knownInputTokens) {
        StreamTranslator translator = new StreamTranslator(events::add, thinking, stops, SIGNATURES, knownInputTokens);
        translator.start("msg_test", "claude-opus-5-5");
        return translator;
    }

    private StreamTranslator translator() {
        return translator(false, List.of(), 0);
    }

    /** The events after message_start, with generated tool ids replaced by {@link #TOOL_ID}. */
    private List<StreamEvent> transcript() {
        assertThat(events.getFirst()).isInstanceOf(MessageStart.class);
        List<StreamEvent> out = new ArrayList<>();
        toolIds.clear();
        for (StreamEvent event : events.subList(1, events.size())) {
            if (event instanceof BlockStart(int index, ContentBlock.ToolUse use)) {
                assertThat(use.id()).matches(ID_PATTERN);
                toolIds.add(use.id());
                out.add(new BlockStart(index, new ContentBlock.ToolUse(TOOL_ID, use.name(), use.input())));
            } else {
                out.add(event);
            }
        }
        return out;
    }

    // Chunks as ChunkParser produces them.

    private static ChatChunk text(String text) {
        return new ChatChunk(text, null, List.of(), null, null, null, null);
    }

    private static ChatChunk reasoning(String text) {
        return new ChatChunk(null, text, List.of(), null, null, null, null);
    }

    private static ChatChunk call(int index, String id, String name, String arguments) {
        return new ChatChunk(null, null, List.of(new ToolCallDelta(index, id, name, arguments)), null, null, null, null);
    }

    private static ChatChunk finish(String reason) {
        return new ChatChunk(null, null, List.of(), dev.localbridge.openai.FinishReason.fromWire(reason), null, null, null);
    }

    private static ChatChunk usage(long prompt, long completion, long cached) {
        return new ChatChunk(null, null, List.of(), null, new ChatChunk.UpstreamUsage(prompt, completion, cached), null,
                null);
    }

    private static final ChatChunk ROLE = new ChatChunk(null, null, List.of(), null, null, null, null);

    private static void feed(StreamTranslator translator, ChatChunk... chunks) {
        for (ChatChunk chunk : chunks) {
            assertThat(translator.onChunk(chunk)).isFalse();
        }
    }

    // Expected events.

    private static BlockStart textStart(int index) {
        return new BlockStart(index, new ContentBlock.Text(""));
    }

    private static BlockStart thinkingStart(int index) {
        return new BlockStart(index, new ContentBlock.Thinking("", ""));
    }

    private static BlockStart toolStart(int index, String name) {
        return new BlockStart(index, new ContentBlock.ToolUse(TOOL_ID, name, JsonValue.EMPTY_OBJECT));
    }

    private static BlockDelta textDelta(int index, String text) {
        return new BlockDelta(index, new Delta.Text(text));
    }

    private static BlockDelta thinkingDelta(int index, String text) {
        return new BlockDelta(index, new Delta.Thinking(text));
    }

    private static BlockDelta jsonDelta(int index, String json) {
        return new BlockDelta(index, new Delta.InputJson(json));
    }

    private static BlockStop stop(int index) {
        return new BlockStop(index);
    }

    private static MessageDelta end(StopReason reason, String sequence, Usage usage) {
        return new MessageDelta(reason, sequence, usage);
    }

    @Test
    void message_start_carries_the_id_the_requested_model_and_the_known_input() {
        translator(false, List.of(), 321);

        assertThat(events).containsExactly(new MessageStart("msg_test", "claude-opus-5-5", new Usage(321, 1, 0)));
    }

    @Test
    void whitespace_held_before_a_tool_call_does_not_reappear_in_later_text() {
        StreamTranslator translator = translator();
        feed(translator, ROLE, text("\n\n"), call(0, "c1", "Bash", "{}"), text("After."), finish("stop"));
        translator.finish();

        List<StreamEvent> transcript = transcript();
        assertThat(transcript).contains(textDelta(1, "After."));
        assertThat(transcript).noneMatch(e -> e instanceof StreamEvent.BlockDelta(int i, StreamEvent.Delta.Text(String t))
                && t.startsWith("\n"));
    }

    @Test
    void a_backend_reusing_index_0_for_a_second_call_with_a_new_id_gets_two_tool_blocks() {
        StreamTranslator translator = translator();
        feed(translator, ROLE, call(0, "first", "Read", "{\"a\":1}"), call(0, "second", "Read", "{\"b\":2}"),
                finish("tool_calls"));
        translator.finish();

        List<StreamEvent> transcript = transcript();
        assertThat(toolIds).hasSize(2).doesNotHaveDuplicates();
        assertThat(transcript).contains(new StreamEvent.BlockDelta(0, new StreamEvent.Delta.InputJson("{\"a\":1}")),
                new StreamEvent.BlockDelta(1, new StreamEvent.Delta.InputJson("{\"b\":2}")));
    }

    @Test
    void plain_text_streams_as_one_text_block() {
        StreamTranslator translator = translator();
        feed(translator, ROLE, text("Hel"), text("lo"), text(" world"), finish("stop"), usage(100, 3, 0));
        translator.finish();

        assertThat(transcript()).containsExactly(
                textStart(0),
                textDelta(0, "Hel"),
                textDelta(0, "lo"),
                textDelta(0, " world"),
                stop(0),
                end(StopReason.END_TURN, null, new Usage(100, 3, 0)),
                StreamEvent.MESSAGE_STOP);
        assertThat(translator.finished()).isTrue();
    }

    @Test
    void reasoning_streams_as_a_signed_thinking_block_before_the_text_block() {
        StreamTranslator translator = translator(true, List.of(), 0);
        feed(translator, ROLE, reasoning("The user "), reasoning("wants a greeting."), text("Hi!"), finish("stop"));
        translator.finish();

        String signature = SIGNATURES.sign("The user wants a greeting.");
        assertThat(transcript()).containsExactly(
                thinkingStart(0),
                thinkingDelta(0, "The user "),
                thinkingDelta(0, "wants a greeting."),
                new BlockDelta(0, new Delta.Signature(signature)),
                stop(0),
                textStart(1),
                textDelta(1, "Hi!"),
                stop(1),
                end(StopReason.END_TURN, null, new Usage(0, 3, 0)),
                StreamEvent.MESSAGE_STOP);
        assertThat(SIGNATURES.verify("The user wants a greeting.", signature)).isTrue();
        assertThat(SIGNATURES.verify("The user wants a greeting", signature)).isFalse();
    }

    @Test
    void reasoning_alone_is_signed_when_the_stream_ends() {
        StreamTranslator translator = translator(true, List.of(), 0);
        feed(translator, reasoning("only thinking"));
        translator.finish();

        assertThat(transcript()).containsExactly(
                thinkingStart(0),
                thinkingDelta(0, "only thinking"),
                new BlockDelta(0, new Delta.Signature(SIGNATURES.sign("only thinking"))),
                stop(0),
                end(StopReason.END_TURN, null, new Usage(0, 1, 0)),
                StreamEvent.MESSAGE_STOP);
    }

    @Test
    void reasoning_is_dropped_when_thinking_is_disabled() {
        StreamTranslator translator = translator(false, List.of(), 0);
        feed(translator, reasoning("hidden "), reasoning("thoughts"), text("Answer"), finish("stop"));
        translator.finish();

        assertThat(transcript()).containsExactly(
                textStart(0),
                textDelta(0, "Answer"),
                stop(0),
                end(StopReason.END_TURN, null, new Usage(0, 1, 0)),
                StreamEvent.MESSAGE_STOP);
        assertThat(translator.droppedReasoningDeltas()).isEqualTo(2);
    }

    @Test
    void a_tool_calls_argument_fragments_are_held_until_the_call_is_complete_then_sent_as_one_delta() {
        StreamTranslator translator = translator();
        feed(translator, ROLE,
                call(0, "call_abc", "Read", ""),
                call(0, null, null, "{\"file"),
                call(0, null, null, "_path\": "),
                call(0, null, null, "\"/a.txt\"}"),
                finish("tool_calls"));
        translator.finish();

        assertThat(transcript()).containsExactly(
                toolStart(0, "Read"),
                jsonDelta(0, "{\"file_path\": \"/a.txt\"}"),
                stop(0),
                end(StopReason.TOOL_USE, null, new Usage(0, 3, 0)),
                StreamEvent.MESSAGE_STOP);
    }

    @Test
    void arguments_sent_with_the_name_are_part_of_the_one_input_json_delta() {
        StreamTranslator translator = translator();
        feed(translator, call(0, "call_1", "Bash", "{\"command\":"), call(0, null, null, "\"ls\"}"), finish("tool_calls"));
        translator.finish();

        assertThat(transcript()).containsExactly(
                toolStart(0, "Bash"),
                jsonDelta(0, "{\"command\":\"ls\"}"),
                stop(0),
                end(StopReason.TOOL_USE, null, new Usage(0, 2, 0)),
                StreamEvent.MESSAGE_STOP);
    }

    @Test
    void arguments_that_arrive_before_the_name_are_sent_once_the_block_starts() {
        StreamTranslator translator = translator();
        feed(translator, call(0, "call_1", null, "{\"a\":"), call(0, null, "Edit", "1}"), finish("tool_calls"));
        translator.finish();

        assertThat(transcript()).containsExactly(
                toolStart(0, "Edit"),
                jsonDelta(0, "{\"a\":1}"),
                stop(0),
                end(StopReason.TOOL_USE, null, new Usage(0, 2, 0)),
                StreamEvent.MESSAGE_STOP);
    }

    @Test
    void two_parallel_tool_calls_become_consecutive_blocks_with_distinct_ids() {
        StreamTranslator translator = translator();
        feed(translator,
                text("Checking both."),
                call(0, "call_a", "Read", ""),
                call(0, null, null, "{\"path\":\"/a\"}"),
                call(1, "call_b", "Read", ""),
                call(1, null, null, "{\"path\":\"/b\"}"),
                finish("tool_calls"));
        translator.finish();

        assertThat(transcript()).containsExactly(
                textStart(0),
                textDelta(0, "Checking both."),
                stop(0),
                toolStart(1, "Read"),
                jsonDelta(1, "{\"path\":\"/a\"}"),
                stop(1),
                toolStart(2, "Read"),
                jsonDelta(2, "{\"path\":\"/b\"}"),
                stop(2),
                end(StopReason.TOOL_USE, null, new Usage(0, 3, 0)),
                StreamEvent.MESSAGE_STOP);
        assertThat(toolIds).hasSize(2).doesNotHaveDuplicates();
        assertThat(toolIds.getFirst()).isNotEqualTo("call_a");
    }

    @Test
    void a_fragment_for_a_tool_call_whose_block_has_closed_is_counted_as_an_orphan() {
        StreamTranslator translator = translator();
        feed(translator, call(0, "a", "A", "{}"), call(1, "b", "B", "{}"), call(0, null, null, "oops"));
        translator.finish();

        assertThat(transcript()).containsExactly(
                toolStart(0, "A"), jsonDelta(0, "{}"), stop(0),
                toolStart(1, "B"), jsonDelta(1, "{}"), stop(1),
                end(StopReason.TOOL_USE, null, new Usage(0, 3, 0)),
                StreamEvent.MESSAGE_STOP);
        assertThat(translator.orphanToolFragments()).isEqualTo(1);
    }

    @Test
    void a_tool_call_without_arguments_gets_an_empty_object() {
        StreamTranslator translator = translator();
        feed(translator, call(0, "call_1", "Now", null), finish("tool_calls"));
        translator.finish();

        assertThat(transcript()).containsExactly(
                toolStart(0, "Now"),
                jsonDelta(0, "{}"),
                stop(0),
                end(StopReason.TOOL_USE, null, new Usage(0, 0, 0)),
                StreamEvent.MESSAGE_STOP);
    }

    @Test
    void whitespace_only_text_before_a_tool_call_opens_no_text_block() {
        StreamTranslator translator = translator();
        feed(translator, text("\n\n"), text(" "), call(0, "c", "Bash", "{}"), finish("tool_calls"));
        translator.finish();

        assertThat(transcript()).containsExactly(
                toolStart(0, "Bash"),
                jsonDelta(0, "{}"),
                stop(0),
                end(StopReason.TOOL_USE, null, new Usage(0, 3, 0)),
                StreamEvent.MESSAGE_STOP);
    }

    @Test
    void whitespace_followed_by_text_keeps_the_whitespace() {
        StreamTranslator translator = translator();
        feed(translator, text("\n"), text("  "), text("Hello"), text(" "), text("there"));
        translator.finish();

        assertThat(transcript()).containsExactly(
                textStart(0),
                textDelta(0, "\n  Hello"),
                textDelta(0, " "),
                textDelta(0, "there"),
                stop(0),
                end(StopReason.END_TURN, null, new Usage(0, 5, 0)),
                StreamEvent.MESSAGE_STOP);
    }

    @Test
    void a_whitespace_only_answer_produces_no_block() {
        StreamTranslator translator = translator();
        feed(translator, text("\n"), finish("stop"));
        translator.finish();

        assertThat(transcript()).containsExactly(
                end(StopReason.END_TURN, null, new Usage(0, 1, 0)),
                StreamEvent.MESSAGE_STOP);
    }

    @ParameterizedTest
    @CsvSource({"stop,END_TURN", "length,MAX_TOKENS", "tool_calls,TOOL_USE", "content_filter,REFUSAL"})
    void the_finish_reason_maps_to_the_stop_reason(String finishReason, StopReason expected) {
        StreamTranslator translator = translator();
        feed(translator, text("x"), finish(finishReason));
        translator.finish();

        assertThat(events.get(events.size() - 2)).isEqualTo(end(expected, null, new Usage(0, 1, 0)));
    }

    @Test
    void stop_with_tool_blocks_is_tool_use() {
        StreamTranslator translator = translator();
        feed(translator, call(0, "c", "Bash", "{}"), finish("stop"));
        translator.finish();

        assertThat(events.get(events.size() - 2)).isEqualTo(end(StopReason.TOOL_USE, null, new Usage(0, 1, 0)));
    }

    @Test
    void no_finish_reason_is_end_turn() {
        StreamTranslator translator = translator();
        feed(translator, text("x"));
        translator.finish();

        assertThat(events.get(events.size() - 2)).isEqualTo(end(StopReason.END_TURN, null, new Usage(0, 1, 0)));
    }

    @Test
    void a_stop_sequence_split_across_chunks_ends_the_message_with_the_text_before_it() {
        StreamTranslator translator = translator(false, List.of("</answer>"), 0);
        feed(translator, text("The answer is 4.</ans"));

        assertThat(translator.onChunk(text("wer> and then more"))).isTrue();
        assertThat(translator.finished()).isTrue();
        assertThat(translator.onChunk(text("even more"))).isTrue();
        translator.finish();

        assertThat(transcript()).containsExactly(
                textStart(0),
                textDelta(0, "The answer is 4."),
                stop(0),
                end(StopReason.STOP_SEQUENCE, "</answer>", new Usage(0, 2, 0)),
                StreamEvent.MESSAGE_STOP);
    }

    @Test
    void a_stop_sequence_at_the_start_produces_no_text_block() {
        StreamTranslator translator = translator(false, List.of("STOP"), 0);

        assertThat(translator.onChunk(text("STOP now"))).isTrue();

        assertThat(transcript()).containsExactly(
                end(StopReason.STOP_SEQUENCE, "STOP", new Usage(0, 1, 0)),
                StreamEvent.MESSAGE_STOP);
    }

    @Test
    void a_partial_stop_sequence_that_does_not_complete_is_released() {
        StreamTranslator translator = translator(false, List.of("STOP"), 0);
        feed(translator, text("Hello ST"), text("ART here"), finish("stop"));
        translator.finish();

        assertThat(transcript()).containsExactly(
                textStart(0),
                textDelta(0, "Hello "),
                textDelta(0, "START here"),
                stop(0),
                end(StopReason.END_TURN, null, new Usage(0, 2, 0)),
                StreamEvent.MESSAGE_STOP);
    }

    @Test
    void a_partial_stop_sequence_at_the_end_of_the_stream_is_released() {
        StreamTranslator translator = translator(false, List.of("STOP"), 0);
        feed(translator, text("Hello ST"), finish("length"));
        translator.finish();

        assertThat(transcript()).containsExactly(
                textStart(0),
                textDelta(0, "Hello "),
                textDelta(0, "ST"),
                stop(0),
                end(StopReason.MAX_TOKENS, null, new Usage(0, 1, 0)),
                StreamEvent.MESSAGE_STOP);
    }

    @Test
    void a_partial_stop_sequence_held_before_a_tool_call_is_released_before_the_tool_block() {
        StreamTranslator translator = translator(false, List.of("STOP"), 0);
        feed(translator, text("Hello ST"), call(0, "c", "Bash", "{}"), finish("tool_calls"));
        translator.finish();

        assertThat(transcript()).containsExactly(
                textStart(0),
                textDelta(0, "Hello "),
                textDelta(0, "ST"),
                stop(0),
                toolStart(1, "Bash"),
                jsonDelta(1, "{}"),
                stop(1),
                end(StopReason.TOOL_USE, null, new Usage(0, 2, 0)),
                StreamEvent.MESSAGE_STOP);
    }

    @Test
    void a_partial_stop_sequence_held_before_reasoning_is_released_before_the_thinking_block() {
        StreamTranslator translator = translator(true, List.of("STOP"), 0);
        feed(translator, text("Hello ST"), reasoning("hmm"));
        translator.finish();

        assertThat(transcript()).containsExactly(
                textStart(0),
                textDelta(0, "Hello "),
                textDelta(0, "ST"),
                stop(0),
                thinkingStart(1),
                thinkingDelta(1, "hmm"),
                new BlockDelta(1, new Delta.Signature(SIGNATURES.sign("hmm"))),
                stop(1),
                end(StopReason.END_TURN, null, new Usage(0, 2, 0)),
                StreamEvent.MESSAGE_STOP);
    }

    @Test
    void text_entirely_held_as_a_possible_stop_sequence_still_comes_before_a_tool_call() {
        StreamTranslator translator = translator(false, List.of("STOP"), 0);
        feed(translator, text("S"), call(0, "c", "Bash", "{}"), finish("tool_calls"));
        translator.finish();

        assertThat(transcript()).containsExactly(
                textStart(0),
                textDelta(0, "S"),
                stop(0),
                toolStart(1, "Bash"),
                jsonDelta(1, "{}"),
                stop(1),
                end(StopReason.TOOL_USE, null, new Usage(0, 2, 0)),
                StreamEvent.MESSAGE_STOP);
    }

    @Test
    void backend_usage_reports_uncached_input_cache_reads_and_output() {
        StreamTranslator translator = translator(false, List.of(), 999);
        feed(translator, text("a"), text("b"), finish("stop"), usage(1000, 42, 800));
        translator.finish();

        assertThat(events.get(events.size() - 2)).isEqualTo(end(StopReason.END_TURN, null, new Usage(200, 42, 800)));
    }

    @Test
    void without_backend_usage_the_known_input_and_one_token_per_delta_are_reported() {
        StreamTranslator translator = translator(true, List.of(), 1234);
        feed(translator, reasoning("r"), text("a"), text("b"), call(0, "c", "T", "{"), call(0, null, null, "}"));
        translator.finish();

        assertThat(events.get(events.size() - 2)).isEqualTo(end(StopReason.TOOL_USE, null, new Usage(1234, 5, 0)));
    }

    @Test
    void an_error_chunk_throws_the_translated_error() {
        StreamTranslator translator = translator();
        feed(translator, text("partial"));

        ChatChunk error = new ChatChunk(null, null, List.of(), null, null, null,
                new ChatChunk.UpstreamError(500, "server_error", "Failed to parse tool call"));

        assertThatThrownBy(() -> translator.onChunk(error))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage())
                        .contains("Failed to parse tool call"));
    }

    @Test
    void an_overflow_error_chunk_becomes_prompt_too_long() {
        StreamTranslator translator = translator();
        ChatChunk error = new ChatChunk(null, null, List.of(), null, null, null, new ChatChunk.UpstreamError(400,
                "exceed_context_size_error",
                "request (5000 tokens) exceeds the available context size (4096 tokens), try increasing it"));

        assertThatThrownBy(() -> translator.onChunk(error))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.INVALID_REQUEST);
                    assertThat(e.getMessage()).isEqualTo("prompt is too long: 5000 tokens > 4096 maximum");
                });
    }

    @Test
    void fail_emits_one_error_event_and_ends_the_stream() {
        StreamTranslator translator = translator();
        feed(translator, text("partial"));
        ApiException failure = ApiException.overloaded("backend went away");

        translator.fail(failure);
        translator.fail(ApiException.overloaded("again"));
        assertThat(translator.onChunk(text("late"))).isTrue();
        translator.finish();

        assertThat(transcript()).containsExactly(
                textStart(0),
                textDelta(0, "partial"),
                new StreamEvent.Error(failure));
        assertThat(translator.finished()).isTrue();
    }

    @Test
    void finish_is_idempotent() {
        StreamTranslator translator = translator();
        feed(translator, text("x"));
        translator.finish();
        int count = events.size();

        translator.finish();
        translator.fail(ApiException.overloaded("late"));

        assertThat(events).hasSize(count);
    }

    @Test
    void an_output_limit_learned_after_sending_ends_the_message_with_max_tokens_at_exactly_that_many_tokens() {
        StreamTranslator translator = translator(false, List.of(), 900);
        assertThat(translator.onChunk(text("one "))).isFalse();
        translator.limitOutput(3);
        translator.countedInput(42);

        assertThat(translator.onChunk(text("two "))).isFalse();
        assertThat(translator.onChunk(text("three"))).isFalse();
        assertThat(translator.onChunk(text(" four"))).as("one token beyond the limit ends it").isTrue();

        assertThat(translator.onChunk(text(" five"))).isTrue();
        assertThat(translator.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(transcript()).containsExactly(
                new BlockStart(0, new ContentBlock.Text("")),
                new BlockDelta(0, new Delta.Text("one ")),
                new BlockDelta(0, new Delta.Text("two ")),
                new BlockDelta(0, new Delta.Text("three")),
                new BlockStop(0),
                new MessageDelta(StopReason.MAX_TOKENS, null, new Usage(42, 3, 0)),
                StreamEvent.MESSAGE_STOP);
    }

    @Test
    void a_backend_that_ends_at_the_limit_itself_keeps_its_own_finish_and_usage() {
        StreamTranslator translator = translator(false, List.of(), 900);
        translator.limitOutput(2);

        assertThat(translator.onChunk(text("one "))).isFalse();
        assertThat(translator.onChunk(text("two"))).isFalse();
        assertThat(translator.onChunk(finish("length"))).isFalse();
        assertThat(translator.onChunk(usage(900, 2, 800))).isFalse();
        translator.finish();

        assertThat(translator.usage()).isEqualTo(new Usage(100, 2, 800));
        assertThat(translator.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
    }
}
