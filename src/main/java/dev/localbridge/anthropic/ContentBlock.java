package dev.localbridge.anthropic;

import dev.localbridge.json.JsonValue;
import java.util.List;
import java.util.Objects;

/** A content block of a message, in a request or a response. The set is closed: unknown types are rejected on reading. */
public sealed interface ContentBlock {

    record Text(String text) implements ContentBlock {
        public Text {
            Objects.requireNonNull(text);
        }
    }

    record Image(ImageSource source) implements ContentBlock {
        public Image {
            Objects.requireNonNull(source);
        }
    }

    /** {@code input} is the tool's arguments object. */
    record ToolUse(String id, String name, JsonValue input) implements ContentBlock {
        public ToolUse {
            Objects.requireNonNull(id);
            Objects.requireNonNull(name);
            Objects.requireNonNull(input);
        }
    }

    /** {@code content} holds only {@link Text} and {@link Image} blocks (a string result is one text block). */
    record ToolResult(String toolUseId, List<ContentBlock> content, boolean isError) implements ContentBlock {
        public ToolResult {
            Objects.requireNonNull(toolUseId);
            content = List.copyOf(content);
        }
    }

    record Thinking(String thinking, String signature) implements ContentBlock {
        public Thinking {
            Objects.requireNonNull(thinking);
            Objects.requireNonNull(signature);
        }
    }

    record RedactedThinking(String data) implements ContentBlock {
        public RedactedThinking {
            Objects.requireNonNull(data);
        }
    }

    /** A document whose source was text (plain text or a list of text blocks); other sources are rejected on reading. */
    record Document(String title, String context, String text) implements ContentBlock {
        public Document {
            Objects.requireNonNull(text);
        }
    }
}
