package dev.localbridge.openai;

import java.util.Objects;

/**
 * Why an upstream request failed: the closed set of ways a backend lets the bridge down. Translated to the one
 * Anthropic error each deserves in {@code translate.UpstreamErrors}.
 */
public sealed interface UpstreamFailure {

    /** Nothing answered at the backend's address (refused, unresolvable, connect timeout). */
    record Unreachable(String backend, String cause) implements UpstreamFailure {
        public Unreachable {
            Objects.requireNonNull(backend);
            Objects.requireNonNull(cause);
        }
    }

    /** An HTTP error answer; {@code body} is its beginning, at most the configured error-body cap. */
    record Status(int status, String body) implements UpstreamFailure {
        public Status {
            Objects.requireNonNull(body);
        }
    }

    /** An error object the backend sent inside its stream. */
    record InStream(ChatChunk.UpstreamError error) implements UpstreamFailure {
        public InStream {
            Objects.requireNonNull(error);
        }
    }

    /** The answer ended before it was complete: no {@code finish_reason} and no {@code [DONE]}. */
    record Truncated(boolean anythingReceived) implements UpstreamFailure {
    }

    /** The backend went silent: before its answer began, or between two parts of it. */
    record Timeout(boolean answerBegun, long millis) implements UpstreamFailure {
    }

    /** The answer was not something the bridge can read (not an event stream, a malformed chunk, a huge line). */
    record Unreadable(String what) implements UpstreamFailure {
        public Unreadable {
            Objects.requireNonNull(what);
        }
    }

    /** The connection broke after the answer had begun. */
    record Broken(String cause) implements UpstreamFailure {
        public Broken {
            Objects.requireNonNull(cause);
        }
    }
}
