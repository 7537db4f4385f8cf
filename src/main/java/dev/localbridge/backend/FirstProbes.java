package dev.localbridge.backend;

import dev.localbridge.config.BackendSpec;
import dev.localbridge.config.BridgeConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The first probe of every backend, begun before anything else of the bridge exists: a probe is blocking and needs
 * no event loop, so it runs on its own thread while Vert.x starts and the port is bound (~100 ms of a cold start that
 * it would otherwise follow). Each {@link BackendMonitor} takes its member's result as its first reading.
 */
public final class FirstProbes {
    private final List<CompletableFuture<BackendStatus>> results;

    private FirstProbes(List<CompletableFuture<BackendStatus>> results) {
        this.results = List.copyOf(results);
    }

    /** Starts probing every backend of {@code config}, each on a virtual thread. */
    public static FirstProbes begin(BridgeConfig config, Duration timeout) {
        return new FirstProbes(config.pool().backends().stream().map(spec -> probe(spec, timeout)).toList());
    }

    private static CompletableFuture<BackendStatus> probe(BackendSpec spec, Duration timeout) {
        CompletableFuture<BackendStatus> result = new CompletableFuture<>();
        Thread.ofVirtual().name("localbridge-first-probe").start(() -> {
            try {
                result.complete(new BackendProber(spec.url(), spec.key(), timeout).probe());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** The first probe of the backend at {@code index} in configuration order. */
    CompletableFuture<BackendStatus> of(int index) {
        return results.get(index);
    }
}
