package dev.localbridge.config;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * One pool member as configured.
 *
 * @param name how logs, {@code /health} and {@code /metrics} call it (default: its host and port)
 * @param url the OpenAI-compatible base URL
 * @param key the key the bridge sends to it, or null
 * @param models the models it serves (empty: whatever it reports)
 * @param weight its share of new conversations relative to the others (at least 1)
 * @param maxConcurrent most requests it runs at once; 0: llama-server's slot count as probed, else no limit
 * @param kind what it is said to be
 */
public record BackendSpec(String name, URI url, String key, List<String> models, int weight, int maxConcurrent,
                          BackendKind kind) {
    public BackendSpec {
        Objects.requireNonNull(name);
        Objects.requireNonNull(url);
        models = List.copyOf(models);
        Objects.requireNonNull(kind);
        if (weight < 1) {
            throw new IllegalArgumentException("backend " + name + ": weight must be at least 1, got " + weight);
        }
        if (maxConcurrent < 0) {
            throw new IllegalArgumentException("backend " + name + ": max_concurrent must be 0 or more, got "
                    + maxConcurrent);
        }
    }

    /** A backend given by URL alone (the {@code --backend} flag). */
    public static BackendSpec of(URI url, String key) {
        return new BackendSpec(defaultName(url), url, key, List.of(), 1, 0, BackendKind.AUTO);
    }

    /** The same backend said to be of {@code newKind}. */
    public BackendSpec withKind(BackendKind newKind) {
        return new BackendSpec(name, url, key, models, weight, maxConcurrent, newKind);
    }

    static String defaultName(URI url) {
        return url.getHost() == null ? url.toString() : url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }
}
