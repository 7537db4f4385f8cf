package dev.localbridge.openai;

import dev.localbridge.json.JsonValue;
import java.util.List;
import java.util.Objects;

/**
 * An upstream {@code POST /v1/chat/completions} request. It is always streamed with usage. Stop sequences are
 * not sent: the bridge matches them itself, so it can report which one matched.
 *
 * <p>Nullable (absent): {@code toolChoice} (when there are no tools), {@code temperature}, {@code topP},
 * {@code topK}, {@code user}, {@code responseSchema}.
 */
public record ChatRequest(
        String model,
        List<ChatMessage> messages,
        List<FunctionTool> tools,
        ToolChoiceMode toolChoice,
        boolean parallelToolCalls,
        int maxTokens,
        Double temperature,
        Double topP,
        Integer topK,
        String user,
        JsonValue responseSchema,
        Reasoning reasoning) {

    public ChatRequest {
        Objects.requireNonNull(model);
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
        Objects.requireNonNull(reasoning);
    }

    /** The same request within an output budget: {@code maxTokens}, and a thinking budget when reasoning. */
    public ChatRequest withBudget(int maxTokens, int thinkingBudget) {
        Reasoning budgeted = reasoning.enabled()
                ? new Reasoning(true, reasoning.effort(), thinkingBudget) : reasoning;
        return new ChatRequest(model, messages, tools, toolChoice, parallelToolCalls, maxTokens, temperature, topP,
                topK, user, responseSchema, budgeted);
    }

    public record FunctionTool(String name, String description, JsonValue parameters) {
        public FunctionTool {
            Objects.requireNonNull(name);
            Objects.requireNonNull(description);
            Objects.requireNonNull(parameters);
        }
    }

    public enum ToolChoiceMode {
        AUTO("auto"), NONE("none"), REQUIRED("required");

        private final String wireName;

        ToolChoiceMode(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /**
     * The backend's reasoning controls: whether the chat template should let the model think, an effort
     * ({@code low|medium|high}, nullable) and a token budget (0 = none).
     */
    public record Reasoning(boolean enabled, ReasoningEffort effort, int budgetTokens) {
        public static final Reasoning OFF = new Reasoning(false, null, 0);
    }
}
