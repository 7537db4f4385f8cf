package dev.localbridge.openai;

/** Why the backend ended its answer: the closed set of OpenAI's {@code finish_reason}, plus anything else named. */
public enum FinishReason {
    STOP,
    LENGTH,
    TOOL_CALLS,
    CONTENT_FILTER,
    /** A value outside OpenAI's set (some servers send their own, such as {@code "eos"}): the answer ended normally. */
    OTHER;

    /** {@code function_call}, the older name, is a tool call too. */
    public static FinishReason fromWire(String wire) {
        return switch (wire) {
            case "stop" -> STOP;
            case "length" -> LENGTH;
            case "tool_calls", "function_call" -> TOOL_CALLS;
            case "content_filter" -> CONTENT_FILTER;
            default -> OTHER;
        };
    }
}
