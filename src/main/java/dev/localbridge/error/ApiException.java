package dev.localbridge.error;

import java.util.Objects;

/**
 * The one exception type of the bridge. It maps 1:1 to an Anthropic error type, and so to an HTTP
 * status and to an {@code error} event when a stream has already begun.
 *
 * <p>{@code retryable} decides the {@code x-should-retry} header: Claude Code retries 5xx ten times
 * unless told not to, which is wrong for deterministic failures.
 */
public final class ApiException extends RuntimeException {
    private final ErrorType type;
    private final boolean retryable;

    private ApiException(ErrorType type, String message, boolean retryable, Throwable cause) {
        super(Objects.requireNonNull(message), cause, false, false);
        this.type = Objects.requireNonNull(type);
        this.retryable = retryable;
    }

    public static ApiException of(ErrorType type, String message) {
        return new ApiException(type, message, defaultRetryable(type), null);
    }

    public static ApiException invalidRequest(String message) {
        return of(ErrorType.INVALID_REQUEST, message);
    }

    public static ApiException overloaded(String message) {
        return of(ErrorType.OVERLOADED, message);
    }

    public static ApiException apiError(String message, Throwable cause) {
        return new ApiException(ErrorType.API, message, true, cause);
    }

    /** The same error, but telling clients not to retry it. */
    public ApiException notRetryable() {
        return new ApiException(type, getMessage(), false, getCause());
    }

    /** Anthropic's context overflow message, which Claude Code parses to start auto-compaction. */
    public static ApiException promptTooLong(long promptTokens, long maximum) {
        return of(ErrorType.INVALID_REQUEST,
                "prompt is too long: " + promptTokens + " tokens > " + maximum + " maximum");
    }

    private static boolean defaultRetryable(ErrorType type) {
        return switch (type) {
            case RATE_LIMIT, API, TIMEOUT, OVERLOADED, CONFLICT -> true;
            case INVALID_REQUEST, AUTHENTICATION, BILLING, PERMISSION, NOT_FOUND, REQUEST_TOO_LARGE -> false;
        };
    }

    public ErrorType type() {
        return type;
    }

    public int httpStatus() {
        return type.httpStatus();
    }

    public boolean retryable() {
        return retryable;
    }
}
