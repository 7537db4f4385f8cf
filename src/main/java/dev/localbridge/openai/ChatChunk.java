package dev.localbridge.openai;

import java.util.List;

/**
 * One upstream {@code chat.completion.chunk} (choice 0), or an error object sent inside the stream.
 * Every field is null (or empty) when the chunk does not carry it.
 */
public record ChatChunk(
        String content,
        String reasoning,
        List<ToolCallDelta> toolCalls,
        FinishReason finishReason,
        UpstreamUsage usage,
        Timings timings,
        UpstreamError error) {

    public ChatChunk {
        toolCalls = List.copyOf(toolCalls);
    }

    /** A tool-call fragment: {@code id} and {@code name} usually only on the first fragment of a call. */
    public record ToolCallDelta(int index, String id, String name, String arguments) {
    }

    /** {@code cachedTokens} is the part of {@code promptTokens} served from the backend's prompt cache. */
    public record UpstreamUsage(long promptTokens, long completionTokens, long cachedTokens) {
    }

    /** llama-server's {@code timings}: prompt tokens processed (excluding cache) and generated, with milliseconds. */
    public record Timings(long cacheN, long promptN, double promptMs, long predictedN, double predictedMs) {
    }

    public record UpstreamError(int code, String type, String message) {
    }
}
