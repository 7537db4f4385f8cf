package dev.localbridge.openai;

import java.util.List;
import java.util.Objects;

/** A message of an upstream chat-completions request. */
public sealed interface ChatMessage {

    record System(String content) implements ChatMessage {
        public System {
            Objects.requireNonNull(content);
        }
    }

    /** Sent as a plain string when every part is text, as a parts array otherwise. */
    record User(List<Part> parts) implements ChatMessage {
        public User {
            parts = List.copyOf(parts);
        }
    }

    /** {@code content} and {@code reasoning} are null when absent. */
    record Assistant(String content, String reasoning, List<ToolCall> toolCalls) implements ChatMessage {
        public Assistant {
            toolCalls = List.copyOf(toolCalls);
        }
    }

    record Tool(String toolCallId, String content) implements ChatMessage {
        public Tool {
            Objects.requireNonNull(toolCallId);
            Objects.requireNonNull(content);
        }
    }

    sealed interface Part {
        record Text(String text) implements Part {
            public Text {
                Objects.requireNonNull(text);
            }
        }

        record ImageUrl(String url) implements Part {
            public ImageUrl {
                Objects.requireNonNull(url);
            }
        }
    }

    record ToolCall(String id, String name, String argumentsJson) {
        public ToolCall {
            Objects.requireNonNull(id);
            Objects.requireNonNull(name);
            Objects.requireNonNull(argumentsJson);
        }
    }
}
