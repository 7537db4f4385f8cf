package dev.localbridge.backend;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * What answers at the backend's address, as {@link BackendProber} finds it: the one reading every command and
 * the bridge's own monitor share. {@code url} is the backend's root as the bridge uses it.
 */
public sealed interface BackendStatus {
    String url();

    /** It serves; {@code props} is llama-server's {@code /props} (an empty object for other backends). */
    record Serving(String url, BackendInfo info, JsonNode props) implements BackendStatus {
        public Serving {
            Objects.requireNonNull(info);
            Objects.requireNonNull(props);
        }
    }

    /** Up, still loading its model; {@code message} is its own words ("Loading model"). */
    record Loading(String url, String message) implements BackendStatus {
    }

    /** Nothing accepts the connection. */
    record Absent(String url, String reason) implements BackendStatus {
    }

    record Unauthorized(String url, String answer) implements BackendStatus {
    }

    /** An HTTP server that is not OpenAI-compatible; {@code answer} is what it said. */
    record Foreign(String url, String answer) implements BackendStatus {
    }

    /** The connection is accepted, but no HTTP comes back. */
    record NotHttp(String url, String reason) implements BackendStatus {
    }

    /** One phrase for messages. */
    default String describe() {
        return switch (this) {
            case Serving serving -> serving.info().describe();
            case Loading loading -> "still loading its model: " + loading.message();
            case Absent absent -> "nothing answers: " + absent.reason();
            case Unauthorized denied -> "it wants an API key (--backend-api-key): " + denied.answer();
            case Foreign foreign -> "not an OpenAI-compatible server: " + foreign.answer();
            case NotHttp notHttp -> "not an HTTP server: " + notHttp.reason();
        };
    }

    /**
     * What the bridge's monitor keeps of it. Something that answers HTTP at all is forwarded to (the bridge
     * cannot tell a strict server from a broken one), with an unknown context; what does not answer is down.
     */
    default BackendInfo info() {
        return switch (this) {
            case Serving serving -> serving.info();
            case Loading loading -> BackendInfo.down(BackendInfo.Kind.LOADING, url() + " answers 503 ("
                    + loading.message() + ")");
            case Absent absent -> BackendInfo.down(BackendInfo.Kind.UNREACHABLE, url() + ": " + absent.reason());
            case NotHttp notHttp -> BackendInfo.down(BackendInfo.Kind.UNREACHABLE, url() + ": " + notHttp.reason());
            case Unauthorized denied -> BackendInfo.unknownContext(denied.answer());
            case Foreign foreign -> BackendInfo.unknownContext(foreign.answer());
        };
    }
}
