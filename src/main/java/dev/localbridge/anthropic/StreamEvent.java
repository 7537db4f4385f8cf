package dev.localbridge.anthropic;

import dev.localbridge.error.ApiException;
import dev.localbridge.error.ErrorType;
import java.util.Objects;

/** The Anthropic server-sent event grammar, as one closed hierarchy. */
public sealed interface StreamEvent {

    record MessageStart(String id, String model, Usage usage) implements StreamEvent {
        public MessageStart {
            Objects.requireNonNull(id);
            Objects.requireNonNull(model);
            Objects.requireNonNull(usage);
        }
    }

    /** {@code block} is the empty start form: text "", thinking "", or a tool_use with an empty input. */
    record BlockStart(int index, ContentBlock block) implements StreamEvent {
        public BlockStart {
            Objects.requireNonNull(block);
        }
    }

    record BlockDelta(int index, Delta delta) implements StreamEvent {
        public BlockDelta {
            Objects.requireNonNull(delta);
        }
    }

    record BlockStop(int index) implements StreamEvent {
    }

    /** {@code usage} is cumulative. */
    record MessageDelta(StopReason stopReason, String stopSequence, Usage usage) implements StreamEvent {
        public MessageDelta {
            Objects.requireNonNull(stopReason);
            Objects.requireNonNull(usage);
        }
    }

    record MessageStop() implements StreamEvent {
    }

    record Ping() implements StreamEvent {
    }

    /** An {@code error} event: the stream failed after it began. A value, not the exception that caused it. */
    record Error(ErrorType type, String message) implements StreamEvent {
        public Error {
            Objects.requireNonNull(type);
            Objects.requireNonNull(message);
        }

        public Error(ApiException error) {
            this(error.type(), error.getMessage());
        }
    }

    StreamEvent PING = new Ping();
    StreamEvent MESSAGE_STOP = new MessageStop();

    /** The payload of a {@code content_block_delta}. */
    sealed interface Delta {
        record Text(String text) implements Delta {
        }

        record Thinking(String thinking) implements Delta {
        }

        record Signature(String signature) implements Delta {
        }

        record InputJson(String partialJson) implements Delta {
        }
    }
}
