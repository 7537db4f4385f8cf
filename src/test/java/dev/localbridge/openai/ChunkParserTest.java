package dev.localbridge.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localbridge.openai.ChatChunk.ToolCallDelta;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkParserTest {
    private static final String META =
            "\"created\":1764000000,\"id\":\"chatcmpl-Xyz\",\"model\":\"qwen3\",\"system_fingerprint\":\"b7100-abc\","
                    + "\"object\":\"chat.completion.chunk\"";

    private static ChatChunk parse(String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return ChunkParser.parse(bytes, 0, bytes.length);
    }

    private static String choice(String finishReason, String delta) {
        return "{\"choices\":[{\"finish_reason\":" + finishReason + ",\"index\":0,\"delta\":" + delta + "}]," + META
                + "}";
    }

    private static final ChatChunk EMPTY = new ChatChunk(null, null, List.of(), null, null, null, null);

    @Test
    void the_role_chunk_with_null_content_carries_nothing() throws IOException {
        assertThat(parse(choice("null", "{\"role\":\"assistant\",\"content\":null}"))).isEqualTo(EMPTY);
    }

    @Test
    void llama_servers_prompt_progress_carries_the_prompts_exact_size() throws IOException {
        String chunk = "{\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":{\"role\":\"assistant\","
                + "\"content\":null}}],\"object\":\"chat.completion.chunk\",\"prompt_progress\":{\"total\":630,"
                + "\"cache\":12,\"processed\":0,\"time_ms\":0}}";

        assertThat(parse(chunk)).isEqualTo(new ChatChunk(null, null, List.of(), null, null, null, null,
                new ChatChunk.PromptProgress(630, 12, 0)));
        assertThat(parse("{\"prompt_progress\":7}").progress()).isNull();
        assertThat(parse("{\"prompt_progress\":{\"processed\":3}}").progress()).as("no total").isNull();
    }

    @Test
    void a_content_chunk_carries_its_text() throws IOException {
        assertThat(parse(choice("null", "{\"content\":\"Hello \\\"world\\\"\\n\"}")))
                .isEqualTo(new ChatChunk("Hello \"world\"\n", null, List.of(), null, null, null, null));
    }

    @Test
    void a_reasoning_content_chunk_carries_the_reasoning() throws IOException {
        assertThat(parse(choice("null", "{\"reasoning_content\":\"Let me think\"}")))
                .isEqualTo(new ChatChunk(null, "Let me think", List.of(), null, null, null, null));
    }

    @Test
    void a_reasoning_field_is_read_as_reasoning_too() throws IOException {
        assertThat(parse(choice("null", "{\"reasoning\":\"vllm style\"}")).reasoning()).isEqualTo("vllm style");
    }

    @Test
    void the_first_tool_call_fragment_carries_index_id_and_name() throws IOException {
        ChatChunk chunk = parse(choice("null", """
                {"tool_calls":[{"index":0,"id":"call_abc123","type":"function","function":{"name":"Read","arguments":""}}]}"""));

        assertThat(chunk.toolCalls()).containsExactly(new ToolCallDelta(0, "call_abc123", "Read", ""));
        assertThat(chunk.content()).isNull();
    }

    @Test
    void a_later_tool_call_fragment_carries_only_index_and_arguments() throws IOException {
        ChatChunk chunk = parse(choice("null", """
                {"tool_calls":[{"index":1,"function":{"arguments":"{\\"path\\": \\"/a"}}]}"""));

        assertThat(chunk.toolCalls()).containsExactly(new ToolCallDelta(1, null, null, "{\"path\": \"/a"));
    }

    @Test
    void tool_call_fragments_without_an_index_use_their_position() throws IOException {
        ChatChunk chunk = parse(choice("null", """
                {"tool_calls":[{"id":"a","function":{"name":"A","arguments":"{}"}},{"id":"b","function":{"name":"B"}}]}"""));

        assertThat(chunk.toolCalls()).containsExactly(
                new ToolCallDelta(0, "a", "A", "{}"),
                new ToolCallDelta(1, "b", "B", null));
    }

    @Test
    void arguments_sent_as_an_object_are_read_as_json_text() throws Exception {
        ChatChunk chunk = parse(choice("null", """
                {"tool_calls":[{"index":0,"id":"c","function":{"name":"Edit","arguments":{"path":"/a","n":[1,{"x":true}]}}}]}"""));

        ToolCallDelta call = chunk.toolCalls().getFirst();
        assertThat(call.name()).isEqualTo("Edit");
        ObjectMapper mapper = new ObjectMapper();
        assertThat(mapper.readTree(call.arguments())).isEqualTo(mapper.readTree("{\"path\":\"/a\",\"n\":[1,{\"x\":true}]}"));
    }

    @Test
    void the_final_chunk_carries_the_finish_reason_and_timings() throws IOException {
        ChatChunk chunk = parse("""
                {"choices":[{"finish_reason":"tool_calls","index":0,"delta":{}}],%s,
                 "timings":{"cache_n":80,"prompt_n":20,"prompt_ms":12.5,"prompt_per_token_ms":0.625,
                   "prompt_per_second":1600.0,"predicted_n":12,"predicted_ms":240.25,"predicted_per_token_ms":20.02,
                   "predicted_per_second":49.9}}""".formatted(META));

        assertThat(chunk.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(chunk.timings()).isEqualTo(new ChatChunk.Timings(80, 20, 12.5, 12, 240.25));
        assertThat(chunk.usage()).isNull();
    }

    @Test
    void the_usage_chunk_has_no_choices_and_reads_cached_tokens() throws IOException {
        ChatChunk chunk = parse("""
                {"choices":[],%s,"usage":{"completion_tokens":12,"prompt_tokens":100,"total_tokens":112,
                  "prompt_tokens_details":{"cached_tokens":80},"completion_tokens_details":{"reasoning_tokens":5}}}"""
                .formatted(META));

        assertThat(chunk).isEqualTo(new ChatChunk(null, null, List.of(), null,
                new ChatChunk.UpstreamUsage(100, 12, 80), null, null));
    }

    @Test
    void usage_without_details_has_no_cached_tokens() throws IOException {
        assertThat(parse("{\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3}}").usage())
                .isEqualTo(new ChatChunk.UpstreamUsage(7, 3, 0));
        assertThat(parse("{\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3,"
                + "\"prompt_tokens_details\":null}}").usage()).isEqualTo(new ChatChunk.UpstreamUsage(7, 3, 0));
    }

    @Test
    void a_null_usage_is_absent() throws IOException {
        ChatChunk chunk = parse("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}],\"usage\":null}");

        assertThat(chunk.usage()).isNull();
        assertThat(chunk.content()).isEqualTo("x");
    }

    @Test
    void an_error_object_in_the_stream_is_read() throws IOException {
        ChatChunk chunk = parse("""
                {"error":{"code":500,"message":"Failed to parse tool call","type":"server_error"}}""");

        assertThat(chunk.error()).isEqualTo(new ChatChunk.UpstreamError(500, "server_error", "Failed to parse tool call"));
    }

    @Test
    void an_error_string_in_the_stream_is_read_as_the_message() throws IOException {
        assertThat(parse("{\"error\":\"model 'x' not found\"}").error())
                .isEqualTo(new ChatChunk.UpstreamError(0, null, "model 'x' not found"));
    }

    @Test
    void an_error_with_extra_fields_keeps_code_type_and_message() throws IOException {
        ChatChunk chunk = parse("""
                {"error":{"code":400,"message":"too long","type":"exceed_context_size_error","n_prompt_tokens":1528,
                  "n_ctx":1024,"param":null,"details":{"nested":[1,2]}}}""");

        assertThat(chunk.error()).isEqualTo(new ChatChunk.UpstreamError(400, "exceed_context_size_error", "too long"));
    }

    @Test
    void unknown_fields_are_skipped_at_every_level() throws IOException {
        ChatChunk chunk = parse("""
                {"future":{"a":[1,{"b":2}]},"choices":[{"index":0,"logprobs":{"content":[{"token":"x","logprob":-0.1}]},
                  "delta":{"role":"assistant","extra":[{"deep":{"deeper":[]}}],"content":"ok",
                    "tool_calls":[{"index":0,"id":"c","type":"function","extra":{"q":1},
                      "function":{"name":"N","arguments":"{}","strict":{"x":[1]}}}]},
                  "finish_reason":null,"more":[[]]}],"tail":"end"}""");

        assertThat(chunk).isEqualTo(new ChatChunk("ok", null, List.of(new ToolCallDelta(0, "c", "N", "{}")), null, null,
                null, null));
    }

    @Test
    void choices_other_than_the_first_are_ignored() throws IOException {
        ChatChunk chunk = parse("""
                {"choices":[{"index":1,"delta":{"content":"second"},"finish_reason":"length"},
                            {"index":0,"delta":{"content":"first"},"finish_reason":null}]}""");

        assertThat(chunk.content()).isEqualTo("first");
        assertThat(chunk.finishReason()).isNull();
    }

    @Test
    void parsing_respects_offset_and_length() throws IOException {
        byte[] framed = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\n"
                .getBytes(StandardCharsets.UTF_8);
        int start = "data: ".length();
        int length = framed.length - start - 2;

        assertThat(ChunkParser.parse(framed, start, length).content()).isEqualTo("hi");
    }

    @Test
    void something_that_is_not_an_object_is_an_error() {
        assertThatThrownBy(() -> parse("[DONE]")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> parse("[1]")).isInstanceOf(IOException.class);
    }

    @org.junit.jupiter.api.Test
    void one_stream_reader_parses_consecutive_chunks_as_the_one_shot_parser_does() throws Exception {
        ChunkParser.Reader reader = ChunkParser.reader();
        String[] chunks = {
            "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null}}]}",
            "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"héllo \\\"quoted\\\"\"}}]}",
            "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"c1\",\"function\":"
                    + "{\"name\":\"Write\",\"arguments\":\"{\\\"a\\\"\"}}]}}]}",
            "{\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":3,"
                    + "\"prompt_tokens_details\":{\"cached_tokens\":4}}}"};
        for (String chunk : chunks) {
            byte[] bytes = ("data: " + chunk).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            org.assertj.core.api.Assertions.assertThat(reader.read(bytes, 6, bytes.length - 6))
                    .isEqualTo(ChunkParser.parse(bytes, 6, bytes.length - 6));
        }
    }

    @org.junit.jupiter.api.Test
    void a_stream_reader_refuses_data_after_the_chunk() {
        byte[] bytes = "{\"choices\":[]} {\"x\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ChunkParser.reader().read(bytes, 0, bytes.length))
                .isInstanceOf(java.io.IOException.class);
    }

    @org.junit.jupiter.api.Test
    void null_token_counts_in_a_usage_chunk_read_as_zero() throws Exception {
        byte[] bytes = ("{\"choices\":[],\"usage\":{\"prompt_tokens\":null,\"completion_tokens\":5,"
                + "\"prompt_tokens_details\":null}}").getBytes(java.nio.charset.StandardCharsets.UTF_8);

        ChatChunk chunk = ChunkParser.parse(bytes, 0, bytes.length);

        org.assertj.core.api.Assertions.assertThat(chunk.usage()).isEqualTo(new ChatChunk.UpstreamUsage(0, 5, 0));
    }

    @Test
    void a_chunk_cut_short_is_an_error_and_the_next_chunk_parses_on_its_own() throws IOException {
        ChunkParser.Reader reader = ChunkParser.reader();
        byte[] cut = "{\"choices\":[{\"delta\":{\"content\":\"a\"}".getBytes(StandardCharsets.UTF_8);
        byte[] next = "{\"choices\":[{\"delta\":{\"content\":\"b\"}}]}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> reader.read(cut, 0, cut.length)).isInstanceOf(IOException.class)
                .hasMessageContaining("cut short");
        assertThat(reader.read(next, 0, next.length).content()).isEqualTo("b");
    }

    @Test
    void a_whole_completion_reads_as_one_chunk_and_anything_else_is_refused() throws IOException {
        byte[] whole = ("{\"choices\":[{\"index\":0,\"message\":{\"content\":\"all\"},\"finish_reason\":\"stop\"}]}")
                .getBytes(StandardCharsets.UTF_8);

        ChatChunk chunk = ChunkParser.completion(whole);

        assertThat(chunk.content()).isEqualTo("all");
        assertThat(chunk.finishReason()).isEqualTo(FinishReason.STOP);
        assertThatThrownBy(() -> ChunkParser.completion("{\"a\":1}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not a complete chat completion");
    }
}
