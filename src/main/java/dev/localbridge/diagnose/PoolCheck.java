package dev.localbridge.diagnose;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The running bridge's pool of backends as its {@code /health} shows it: all taking requests, or which are out. */
final class PoolCheck {
    static final String NAME = "pool";

    private PoolCheck() {
    }

    /** Nothing to say unless a running bridge has more than one backend. */
    static Optional<Check> check(BridgeStatus bridge) {
        if (!(bridge instanceof BridgeStatus.Running running) || !running.backends().isArray()
                || running.backends().size() < 2) {
            return Optional.empty();
        }
        List<String> up = new ArrayList<>();
        List<String> out = new ArrayList<>();
        for (JsonNode backend : running.backends()) {
            (backend.path("up").asBoolean() ? up : out).add(describe(backend));
        }
        String detail = running.backends().size() + " backends: " + String.join("; ", up);
        if (out.isEmpty()) {
            return Optional.of(new Check(NAME, new Outcome.Pass(detail)));
        }
        return Optional.of(new Check(NAME, new Outcome.Warn(detail + (up.isEmpty() ? "" : "; ") + "out of the pool: "
                + String.join("; ", out), "the bridge probes them again with backoff and takes them back when they"
                + " answer: start them, or correct their address in the pool file")));
    }

    private static String describe(JsonNode backend) {
        String model = backend.path("model").asText("");
        return backend.path("name").asText("?") + " " + backend.path("url").asText("") + " ("
                + backend.path("kind").asText("?") + (model.isEmpty() ? "" : ", " + model)
                + ", n_ctx " + backend.path("n_ctx").asInt(0) + ", " + backend.path("in_flight").asInt(0)
                + " running)";
    }
}
