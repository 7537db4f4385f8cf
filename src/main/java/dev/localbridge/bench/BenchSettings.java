package dev.localbridge.bench;

import dev.localbridge.backend.BackendInfo;
import dev.localbridge.config.ModelMap;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to measure and where.
 *
 * @param backendUrl the backend's root, as the bridge uses it
 * @param backendApiKey the backend's key, or null
 * @param backend what the backend said about itself (model, context)
 * @param bridgeKey a key the bridge accepts
 * @param bridgeInProcess whether the bridge was started for this run
 * @param warmUps uncounted runs of each prompt before the measured ones
 */
public record BenchSettings(
        String backendUrl,
        String backendApiKey,
        BackendInfo backend,
        String bridgeUrl,
        String bridgeKey,
        boolean bridgeInProcess,
        int warmUps,
        int runs,
        int maxTokens,
        List<BenchPrompt> prompts,
        ModelMap models,
        int outputCeiling,
        int minOutputTokens,
        Duration requestTimeout) {

    public BenchSettings {
        Objects.requireNonNull(backendUrl);
        Objects.requireNonNull(backend);
        Objects.requireNonNull(bridgeUrl);
        Objects.requireNonNull(bridgeKey);
        prompts = List.copyOf(prompts);
        Objects.requireNonNull(models);
        Objects.requireNonNull(requestTimeout);
        if (runs < 1 || maxTokens < 1 || warmUps < 0) {
            throw new IllegalArgumentException("runs and max tokens must be at least 1, warm-ups at least 0");
        }
    }
}
