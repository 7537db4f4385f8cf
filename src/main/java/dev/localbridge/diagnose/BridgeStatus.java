package dev.localbridge.diagnose;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;

/** What answers at the bridge's address: Local Bridge, nothing, something else over HTTP, or something that is not HTTP. */
public sealed interface BridgeStatus {
    /**
     * Local Bridge's {@code /health}: {@code {"status","version","output_ceiling","backend"}}, the backend being its
     * URL or an object with a {@code url}.
     */
    record Running(String version, String backend, int outputCeiling) implements BridgeStatus {
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

    /** Asks {@code GET /health} at {@code bridgeUrl}. */
    static BridgeStatus probe(HttpProbe http, String bridgeUrl) {
        return switch (http.get(URI.create(bridgeUrl + "/health"), null)) {
            case HttpProbe.Reply.Refused refused -> new Absent(refused.reason());
            case HttpProbe.Reply.NotHttp notHttp -> new NotHttp(notHttp.reason());
            case HttpProbe.Reply.Answered answered -> fromHealth(answered);
        };
    }

    private static BridgeStatus fromHealth(HttpProbe.Reply.Answered answered) {
        JsonNode health = JsonText.parse(answered.body());
        boolean ours = answered.status() == 200 && health.path("version").isTextual()
                && (health.path("status").isTextual() || health.path("service").asText("").equals("localbridge"));
        if (!ours) {
            return new Foreign("GET /health answered " + answered.status()
                    + (answered.snippet().isEmpty() ? " with an empty body" : " " + answered.snippet()));
        }
        JsonNode backend = health.path("backend");
        return new Running(health.path("version").asText(),
                backend.isTextual() ? backend.asText() : backend.path("url").asText(""),
                health.path("output_ceiling").asInt(0));
    }
}
