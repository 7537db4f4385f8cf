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
        UpstreamError error,
        PromptProgress progress) {

    public ChatChunk {
        toolCalls = List.copyOf(toolCalls);
    }

    /** A chunk without prompt progress (every backend's but llama-server's when asked for it). */
    public ChatChunk(String content, String reasoning, List<ToolCallDelta> toolCalls, FinishReason finishReason,
                     UpstreamUsage usage, Timings timings, UpstreamError error) {
        this(content, reasoning, toolCalls, finishReason, usage, timings, error, null);
    }

    /**
     * llama-server's {@code prompt_progress} (asked for with {@code return_progress}): its first chunk comes as a
     * slot starts on the request, before the prefill, and {@code total} is the prompt's exact size in tokens, of
     * which {@code cache} come from the slot's cache and {@code processed} are done so far.
     */
    public record PromptProgress(long total, long cache, long processed) {
    }

    /** Whether the chunk carries output (text, reasoning or a tool-call fragment): a token, as llama-server streams. */
    public boolean carriesOutput() {
        return (content != null && !content.isEmpty()) || (reasoning != null && !reasoning.isEmpty())
                || !toolCalls.isEmpty();
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
