package dev.localbridge.diagnose;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code doctor} checks against: the bridge's address, the backend, the budget the bridge is configured
 * with, and the environment Claude Code would run in (injected, so tests do not depend on the real one).
 *
 * @param bridgeUrl where Claude Code should reach the bridge, e.g. {@code http://127.0.0.1:8082}
 * @param backendApiKey the key sent to the backend; null for none
 * @param ctxOverride {@code --ctx}, 0 for none
 */
public record DoctorSettings(
        String bridgeUrl,
        int port,
        URI backend,
        String backendApiKey,
        int outputCeiling,
        int ctxOverride,
        Map<String, String> environment,
        Duration timeout) {

    public DoctorSettings {
        Objects.requireNonNull(bridgeUrl);
        Objects.requireNonNull(backend);
        environment = Map.copyOf(environment);
        Objects.requireNonNull(timeout);
    }

    /** An environment variable, or null when unset or blank. */
    public String env(String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
