package dev.localbridge.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ApiExceptionTest {

    @Test
    void prompt_too_long_uses_the_wording_claude_code_parses_for_compaction() {
        ApiException error = ApiException.promptTooLong(1528, 1024);

        assertThat(error.type()).isEqualTo(ErrorType.INVALID_REQUEST);
        assertThat(error.httpStatus()).isEqualTo(400);
        assertThat(error.getMessage()).isEqualTo("prompt is too long: 1528 tokens > 1024 maximum");
        assertThat(error.getMessage()).matches("(?i).*prompt is too long[^0-9]*(\\d+)\\s*tokens?\\s*>\\s*(\\d+).*");
    }

    @ParameterizedTest
    @EnumSource(value = ErrorType.class, names = {"RATE_LIMIT", "API", "TIMEOUT", "OVERLOADED", "CONFLICT"})
    void transient_errors_are_retryable_by_default(ErrorType type) {
        assertThat(ApiException.of(type, "x").retryable()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = ErrorType.class, names = {"INVALID_REQUEST", "AUTHENTICATION", "BILLING", "PERMISSION",
            "NOT_FOUND", "REQUEST_TOO_LARGE"})
    void client_errors_are_not_retryable(ErrorType type) {
        assertThat(ApiException.of(type, "x").retryable()).isFalse();
    }

    @Test
    void not_retryable_keeps_type_message_and_cause() {
        IllegalStateException cause = new IllegalStateException("root");
        ApiException error = ApiException.apiError("broken", cause).notRetryable();

        assertThat(error.type()).isEqualTo(ErrorType.API);
        assertThat(error.getMessage()).isEqualTo("broken");
        assertThat(error.getCause()).isSameAs(cause);
        assertThat(error.retryable()).isFalse();
    }

    @Test
    void the_overloaded_status_is_529() {
        assertThat(ApiException.overloaded("busy").httpStatus()).isEqualTo(529);
        assertThat(ErrorType.OVERLOADED.wireName()).isEqualTo("overloaded_error");
    }
}
