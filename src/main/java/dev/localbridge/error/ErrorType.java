package dev.localbridge.error;

/** The closed set of Anthropic error types, each with the HTTP status Anthropic uses for it. */
public enum ErrorType {
    INVALID_REQUEST("invalid_request_error", 400),
    AUTHENTICATION("authentication_error", 401),
    BILLING("billing_error", 402),
    PERMISSION("permission_error", 403),
    NOT_FOUND("not_found_error", 404),
    CONFLICT("conflict_error", 409),
    REQUEST_TOO_LARGE("request_too_large", 413),
    RATE_LIMIT("rate_limit_error", 429),
    API("api_error", 500),
    TIMEOUT("timeout_error", 504),
    OVERLOADED("overloaded_error", 529);

    private final String wireName;
    private final int httpStatus;

    ErrorType(String wireName, int httpStatus) {
        this.wireName = wireName;
        this.httpStatus = httpStatus;
    }

    public String wireName() {
        return wireName;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
