package dev.localbridge.anthropic;

import java.util.List;
import java.util.Objects;

/**
 * A validated {@code POST /v1/messages} (or {@code count_tokens}) request.
 *
 * <p>Lists are never null (absent is empty). The sampling fields {@code temperature}, {@code topP},
 * {@code topK} and {@code userId} are null when absent; {@code maxTokens} is 0 when absent (count_tokens).
 */
public record MessagesRequest(
        String model,
        int maxTokens,
        List<ContentBlock.Text> system,
        List<Message> messages,
        List<Tool> tools,
        ToolChoice toolChoice,
        List<String> stopSequences,
        Double temperature,
        Double topP,
        Integer topK,
        String userId,
        Thinking thinking,
        OutputConfig outputConfig,
        boolean stream) {

    public MessagesRequest {
        Objects.requireNonNull(model);
        system = List.copyOf(system);
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
        Objects.requireNonNull(toolChoice);
        stopSequences = List.copyOf(stopSequences);
        Objects.requireNonNull(thinking);
        Objects.requireNonNull(outputConfig);
    }
}
