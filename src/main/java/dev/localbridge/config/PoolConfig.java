package dev.localbridge.config;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The backends the bridge spreads requests over, and how.
 *
 * @param backends the members, in the order given (the first is the primary: {@code /health}'s {@code backend})
 * @param scenarios which model side, haiku-family and thinking requests go to
 * @param maxWaiting most requests waiting for a free slot; one more is answered 529 at once
 * @param maxWait how long a request may wait for a free slot before it is answered 529
 * @param sessionQuiet a conversation unused this long loses its backend and its slot
 */
public record PoolConfig(List<BackendSpec> backends, ScenarioModels scenarios, int maxWaiting, Duration maxWait,
                         Duration sessionQuiet) {
    public static final int DEFAULT_MAX_WAITING = 256;
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofMinutes(5);
    public static final Duration DEFAULT_SESSION_QUIET = Duration.ofMinutes(10);

    public PoolConfig {
        backends = List.copyOf(backends);
        Objects.requireNonNull(scenarios);
        Objects.requireNonNull(maxWait);
        Objects.requireNonNull(sessionQuiet);
        if (backends.isEmpty()) {
            throw new IllegalArgumentException("the pool has no backend");
        }
        Set<String> names = new HashSet<>();
        for (BackendSpec backend : backends) {
            if (!names.add(backend.name())) {
                throw new IllegalArgumentException("two backends are named \"" + backend.name() + "\"");
            }
        }
        if (maxWaiting < 0) {
            throw new IllegalArgumentException("max_waiting must be 0 or more, got " + maxWaiting);
        }
    }

    /** A pool of equals: these URLs, one key for all, default routing. */
    public static PoolConfig of(List<URI> urls, String key) {
        return of(urls, key, BackendKind.AUTO);
    }

    /** A pool of equals of one kind ({@link BackendKind#LLAMA_SERVER}: pinned to slots). */
    public static PoolConfig of(List<URI> urls, String key, BackendKind kind) {
        return new PoolConfig(urls.stream().map(url -> BackendSpec.of(url, key).withKind(kind)).toList(),
                ScenarioModels.NONE, DEFAULT_MAX_WAITING, DEFAULT_MAX_WAIT, DEFAULT_SESSION_QUIET);
    }

    public BackendSpec primary() {
        return backends.getFirst();
    }

    public PoolConfig withQueue(int newMaxWaiting, Duration newMaxWait) {
        return new PoolConfig(backends, scenarios, newMaxWaiting, newMaxWait, sessionQuiet);
    }

    public PoolConfig withScenarios(ScenarioModels newScenarios) {
        return new PoolConfig(backends, newScenarios, maxWaiting, maxWait, sessionQuiet);
    }

    public PoolConfig withSessionQuiet(Duration quiet) {
        return new PoolConfig(backends, scenarios, maxWaiting, maxWait, quiet);
    }
}
