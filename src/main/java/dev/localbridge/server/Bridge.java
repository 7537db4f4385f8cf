package dev.localbridge.server;

import dev.localbridge.backend.BackendMonitor;
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

/** The parts every request handler needs, wired once in {@link BridgeServer#start}. */
record Bridge(
        Vertx vertx,
        BridgeConfig config,
        UpstreamClient upstream,
        ThinkingSignatures signatures,
        RequestTranslator translator,
        Metrics metrics,
        ExchangeListener.Factory listeners,
        LiveView live,
        BackendMonitor monitor,
        TokenCounter counter,
        ConversationSizes sizes) {
}
