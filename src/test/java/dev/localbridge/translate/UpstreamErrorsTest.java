package dev.localbridge.translate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.error.ApiException;
import dev.localbridge.error.ErrorType;
import dev.localbridge.openai.ChatChunk;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpstreamErrorsTest {

    private static ApiException fromHttp(int status, String body) {
        return UpstreamErrors.fromHttp(status, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_llama_server_context_overflow_becomes_prompt_is_too_long() {
        ApiException error = fromHttp(400, """
                {"error":{"code":400,"message":"request (1528 tokens) exceeds the available context size (1024 tokens), try increasing it","type":"exceed_context_size_error","n_prompt_tokens":1528,"n_ctx":1024}}""");

        assertThat(error.type()).isEqualTo(ErrorType.INVALID_REQUEST);
        assertThat(error.httpStatus()).isEqualTo(400);
        assertThat(error.getMessage()).isEqualTo("prompt is too long: 1528 tokens > 1024 maximum");
        assertThat(error.retryable()).isFalse();
    }

    @Test
    void the_numeric_fields_win_over_the_message() {
        ApiException error = fromHttp(400, """
                {"error":{"code":400,"message":"context exceeded","type":"exceed_context_size_error","n_prompt_tokens":9001,"n_ctx":8192}}""");

        assertThat(error.getMessage()).isEqualTo("prompt is too long: 9001 tokens > 8192 maximum");
    }

    @Test
    void the_overflow_message_without_the_numeric_fields_also_works() {
        ApiException error = fromHttp(400, """
                {"error":{"code":400,"message":"request (1528 tokens) exceeds the available context size (1024 tokens), try increasing it","type":"exceed_context_size_error"}}""");

        assertThat(error.type()).isEqualTo(ErrorType.INVALID_REQUEST);
        assertThat(error.getMessage()).isEqualTo("prompt is too long: 1528 tokens > 1024 maximum");
    }

    @Test
    void the_overflow_message_is_recognised_whatever_the_status() {
        ApiException error = fromHttp(500, """
                {"error":{"code":500,"message":"request (70000 tokens) exceeds the available context size (65536 tokens), try increasing it","type":"server_error"}}""");

        assertThat(error.getMessage()).isEqualTo("prompt is too long: 70000 tokens > 65536 maximum");
        assertThat(error.type()).isEqualTo(ErrorType.INVALID_REQUEST);
    }

    @Test
    void a_vllm_context_overflow_becomes_prompt_is_too_long() {
        ApiException error = fromHttp(400, """
                {"object":"error","message":"This model's maximum context length is 8192 tokens. However, you requested 9000 tokens (8000 in the messages, 1000 in the completion). Please reduce the length of the messages or completion.","type":"BadRequestError","param":null,"code":400}""");

        assertThat(error.type()).isEqualTo(ErrorType.INVALID_REQUEST);
        assertThat(error.getMessage()).isEqualTo("prompt is too long: 9000 tokens > 8192 maximum");
    }

    @Test
    void a_newer_vllm_context_overflow_becomes_prompt_is_too_long() {
        ApiException error = fromHttp(400, """
                {"error":{"message":"This model's maximum context length is 8192 tokens. However, your request has 9000 input tokens. Please reduce the length of the input messages. (parameter=input_tokens, value=9000)","type":"BadRequestError","code":400}}""");

        assertThat(error.getMessage()).isEqualTo("prompt is too long: 9000 tokens > 8192 maximum");
    }

    @Test
    void a_vllm_max_tokens_too_large_error_is_not_a_prompt_overflow() {
        ApiException error = fromHttp(400, """
                {"error":{"message":"'max_tokens' or 'max_completion_tokens' is too large: 1000. This model's maximum context length is 8192 tokens and your request has 7500 input tokens (1000 > 8192 - 7500).","type":"BadRequestError","code":400}}""");

        assertThat(error.type()).isEqualTo(ErrorType.INVALID_REQUEST);
        assertThat(error.getMessage()).doesNotContain("prompt is too long").contains("'max_tokens'");
    }

    @Test
    void failed_to_initialize_samplers_is_a_request_error_not_retried() {
        ApiException error = fromHttp(500, """
                {"error":{"code":500,"message":"Failed to initialize samplers","type":"server_error"}}""");

        assertThat(error.type()).isEqualTo(ErrorType.INVALID_REQUEST);
        assertThat(error.retryable()).isFalse();
        assertThat(error.getMessage()).contains("Failed to initialize samplers").contains("500");
    }

    @Test
    void another_500_is_an_api_error_that_is_not_retried() {
        ApiException error = fromHttp(500, """
                {"error":{"code":500,"message":"ggml_backend_sched_graph_compute failed","type":"server_error"}}""");

        assertThat(error.type()).isEqualTo(ErrorType.API);
        assertThat(error.httpStatus()).isEqualTo(500);
        assertThat(error.retryable()).isFalse();
        assertThat(error.getMessage()).contains("ggml_backend_sched_graph_compute failed");
    }

    @Test
    void loading_model_is_overloaded_and_retryable() {
        ApiException error = fromHttp(503, """
                {"error":{"code":503,"message":"Loading model","type":"unavailable_error"}}""");

        assertThat(error.type()).isEqualTo(ErrorType.OVERLOADED);
        assertThat(error.httpStatus()).isEqualTo(529);
        assertThat(error.retryable()).isTrue();
        assertThat(error.getMessage()).contains("Loading model");
    }

    @Test
    void too_many_requests_is_a_rate_limit() {
        ApiException error = fromHttp(429, "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit\"}}");

        assertThat(error.type()).isEqualTo(ErrorType.RATE_LIMIT);
        assertThat(error.retryable()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void refused_credentials_are_an_api_error_about_the_backend_key_that_is_not_retried(int status) {
        ApiException error = fromHttp(status, """
                {"error":{"message":"Invalid API Key","type":"authentication_error","code":401}}""");

        assertThat(error.type()).isEqualTo(ErrorType.API);
        assertThat(error.retryable()).isFalse();
        assertThat(error.getMessage()).contains("credentials").contains("API key").contains("Invalid API Key");
    }

    @Test
    void not_found_is_not_found() {
        ApiException error = fromHttp(404, "{\"error\":{\"code\":404,\"message\":\"File Not Found\",\"type\":\"not_found_error\"}}");

        assertThat(error.type()).isEqualTo(ErrorType.NOT_FOUND);
        assertThat(error.retryable()).isFalse();
    }

    @Test
    void an_ollama_error_string_is_parsed() {
        ApiException error = fromHttp(404, "{\"error\":\"model 'x' not found\"}");

        assertThat(error.type()).isEqualTo(ErrorType.NOT_FOUND);
        assertThat(error.getMessage()).isEqualTo("backend error (HTTP 404): model 'x' not found");
    }

    @Test
    void a_fastapi_detail_is_used_as_the_message() {
        ApiException error = fromHttp(422, "{\"detail\":[{\"loc\":[\"body\",\"messages\"],\"msg\":\"field required\"}]}");

        assertThat(error.type()).isEqualTo(ErrorType.INVALID_REQUEST);
        assertThat(error.getMessage()).contains("field required");
    }

    @Test
    void a_body_that_is_not_json_is_quoted_as_text() {
        ApiException error = fromHttp(502, "<html><body>Bad Gateway</body></html>");

        assertThat(error.type()).isEqualTo(ErrorType.OVERLOADED);
        assertThat(error.getMessage()).isEqualTo("backend error (HTTP 502): <html><body>Bad Gateway</body></html>");
    }

    @Test
    void an_empty_body_says_so() {
        ApiException error = fromHttp(500, "");

        assertThat(error.getMessage()).isEqualTo("backend error (HTTP 500): (empty body)");
        assertThat(error.type()).isEqualTo(ErrorType.API);
    }

    @Test
    void a_long_body_is_abbreviated() {
        ApiException error = fromHttp(500, "x".repeat(2000));

        assertThat(error.getMessage().length()).isLessThan(600);
    }

    @Test
    void timeouts_and_payload_errors_keep_their_meaning() {
        assertThat(fromHttp(504, "{}").type()).isEqualTo(ErrorType.TIMEOUT);
        assertThat(fromHttp(408, "{}").type()).isEqualTo(ErrorType.TIMEOUT);
        assertThat(fromHttp(413, "{}").type()).isEqualTo(ErrorType.REQUEST_TOO_LARGE);
        assertThat(fromHttp(501, "{\"error\":{\"message\":\"no\",\"type\":\"not_supported_error\"}}").type())
                .isEqualTo(ErrorType.INVALID_REQUEST);
    }

    @Test
    void a_plain_400_is_an_invalid_request_naming_the_backend_message() {
        ApiException error = fromHttp(400, """
                {"error":{"code":400,"message":"Assistant response prefill is incompatible with enable_thinking.","type":"invalid_request_error"}}""");

        assertThat(error.type()).isEqualTo(ErrorType.INVALID_REQUEST);
        assertThat(error.getMessage())
                .isEqualTo("backend error (HTTP 400): Assistant response prefill is incompatible with enable_thinking.");
    }

    @Test
    void an_error_inside_the_stream_is_classified_by_its_code() {
        ApiException overflow = UpstreamErrors.fromStreamError(new ChatChunk.UpstreamError(400,
                "exceed_context_size_error",
                "request (1528 tokens) exceeds the available context size (1024 tokens), try increasing it"));
        ApiException unknown = UpstreamErrors.fromStreamError(new ChatChunk.UpstreamError(0, null, "boom"));

        assertThat(overflow.getMessage()).isEqualTo("prompt is too long: 1528 tokens > 1024 maximum");
        assertThat(unknown.type()).isEqualTo(ErrorType.API);
        assertThat(unknown.getMessage()).isEqualTo("backend error (HTTP 500): boom");
    }

    @Test
    void an_unreachable_backend_is_overloaded_and_says_how_to_start_it() {
        ApiException error = UpstreamErrors.unreachable("http://127.0.0.1:8080", "Connection refused");

        assertThat(error.type()).isEqualTo(ErrorType.OVERLOADED);
        assertThat(error.retryable()).isTrue();
        assertThat(error.getMessage()).contains("http://127.0.0.1:8080").contains("Connection refused");
    }
}
