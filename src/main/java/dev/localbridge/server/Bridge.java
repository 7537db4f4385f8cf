package dev.localbridge.server;

import dev.localbridge.backend.BackendMonitor;
import dev.localbridge.backend.BackendPool;
import dev.localbridge.backend.UpstreamClient;
import dev.localbridge.budget.ConversationSizes;
import dev.localbridge.budget.TokenCounter;
import dev.localbridge.config.BridgeConfig;
import dev.localbridge.observability.ExchangeListener;
import dev.localbridge.observability.LiveView;
import dev.localbridge.observability.Metrics;
import dev.localbridge.translate.RequestTranslator;
import dev.localbridge.translate.ThinkingSignatures;
import io.vertx.core.Vertx;

/**
 * The parts every request handler needs, wired once in {@link BridgeServer#start}. The backends are a
 * {@link BackendPool}; {@link #upstream}, {@link #monitor}, {@link #counter} and {@link #sizes} are its primary
 * (first) member's, for what speaks of one backend.
 */
record Bridge(
        Vertx vertx,
        BridgeConfig config,
        BackendPool pool,
        ThinkingSignatures signatures,
        RequestTranslator translator,
        Metrics metrics,
        ExchangeListener.Factory listeners,
        LiveView live) {

    UpstreamClient upstream() {
        return pool.primary().client();
    }

    BackendMonitor monitor() {
        return pool.primary().monitor();
    }

    TokenCounter counter() {
        return pool.primary().counter();
    }

    ConversationSizes sizes() {
        return pool.primary().sizes();
    }
}
