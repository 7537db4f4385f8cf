package dev.localbridge.diagnose;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localbridge.backend.HttpProbe;
import dev.localbridge.backend.LenientJson;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * What answers at the bridge's address: Local Bridge, nothing, something else over HTTP, or something that is not
 * HTTP. The one reading of "is a Local Bridge answering here", shared by {@code doctor}, {@code env}, {@code claude}
 * and {@code bench}.
 */
public sealed interface BridgeStatus {
    /**
     * Local Bridge's {@code /health}: {@code {"status","service","version","output_ceiling","backend"}}, the backend
     * being an object with its {@code url} and what the bridge's probe found (older bridges: just the URL).
     */
    /** {@code backends} is the pool as the bridge's {@code /health} lists it (an empty array for one backend). */
    record Running(String version, String backendUrl, int outputCeiling, JsonNode backend, JsonNode backends)
            implements BridgeStatus {
        public Running {
            Objects.requireNonNull(version);
            Objects.requireNonNull(backendUrl);
            Objects.requireNonNull(backend);
        }
    }

    record Absent(String reason) implements BridgeStatus {
    }

    /** An HTTP server that is not Local Bridge; {@code answer} describes what it said. */
    record Foreign(String answer) implements BridgeStatus {
    }

    record NotHttp(String reason) implements BridgeStatus {
    }

    /** One phrase for messages. */
    default String describe() {
        return switch (this) {
            case Running running -> "Local Bridge " + running.version();
            case Absent absent -> "nothing answers: " + absent.reason();
            case Foreign foreign -> "not Local Bridge: " + foreign.answer();
            case NotHttp notHttp -> "not an HTTP server: " + notHttp.reason();
        };
    }

    /** The backend Claude Code's requests reach: a running bridge's own, else {@code configured}. */
    default URI backendOr(URI configured) {
        return this instanceof Running running && !running.backendUrl().isEmpty() ? URI.create(running.backendUrl())
                : configured;
    }

    /** Asks {@code GET /health} at {@code bridgeUrl}. */
    static BridgeStatus probe(String bridgeUrl, Duration timeout) {
        try (HttpProbe http = HttpProbe.forBase(bridgeUrl, timeout)) {
            return probe(http, bridgeUrl);
        }
    }

    static BridgeStatus probe(HttpProbe http, String bridgeUrl) {
        return switch (http.get(URI.create(bridgeUrl + "/health"), null)) {
            case HttpProbe.Reply.Refused refused -> new Absent(refused.reason());
            case HttpProbe.Reply.NotHttp notHttp -> new NotHttp(notHttp.reason());
            case HttpProbe.Reply.Answered answered -> fromHealth(answered);
        };
    }

    private static BridgeStatus fromHealth(HttpProbe.Reply.Answered answered) {
        JsonNode health = LenientJson.parse(answered.body());
        boolean ours = answered.status() == 200 && (health.path("service").asText("").equals("localbridge")
                || health.path("status").isTextual()
                && (health.path("version").isTextual() || health.has("output_ceiling")));
        if (!ours) {
            return new Foreign("GET /health answered " + answered.status()
                    + (answered.snippet().isEmpty() ? " with an empty body" : " " + answered.snippet()));
        }
        JsonNode backend = health.path("backend");
        return new Running(health.path("version").asText("?"),
                backend.isTextual() ? backend.asText() : backend.path("url").asText(""),
                health.path("output_ceiling").asInt(0), backend, health.path("backends"));
    }
}
