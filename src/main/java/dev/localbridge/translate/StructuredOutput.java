package dev.localbridge.translate;

import dev.localbridge.error.ApiException;
import dev.localbridge.openai.ChatMessage;
import dev.localbridge.openai.ChatRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Structured output on backends whose grammar sampler fails ({@code Failed to initialize samplers} from some
 * llama-server builds and models): the request is retried once without {@code response_format}, the schema
 * stated in the system prompt instead. Claude Code's session-title request is one that needs this.
 */
public final class StructuredOutput {
    static final String INSTRUCTION = "Answer with only a JSON value, no prose and no code fence, that matches"
            + " this JSON Schema:\n";

    private StructuredOutput() {
    }

    /** The same request with the schema in the system prompt and no {@code response_format}. */
    public static ChatRequest inPrompt(ChatRequest request) {
        String instruction = INSTRUCTION + request.responseSchema();
        List<ChatMessage> messages = new ArrayList<>(request.messages().size() + 1);
        if (!request.messages().isEmpty() && request.messages().getFirst() instanceof ChatMessage.System system) {
            messages.add(new ChatMessage.System(system.content() + "\n\n" + instruction));
            messages.addAll(request.messages().subList(1, request.messages().size()));
        } else {
            messages.add(new ChatMessage.System(instruction));
            messages.addAll(request.messages());
        }
        return new ChatRequest(request.model(), messages, request.tools(), request.toolChoice(),
                request.parallelToolCalls(), request.maxTokens(), request.temperature(), request.topP(),
                request.topK(), request.user(), null, request.reasoning());
    }

    /** Whether a backend error says it could not constrain the output to the schema. */
    public static boolean grammarFailed(ApiException error) {
        String message = error.getMessage().toLowerCase(Locale.ROOT);
        return message.contains("sampler") || message.contains("grammar") || message.contains("json_schema")
                || message.contains("response_format");
    }
}
