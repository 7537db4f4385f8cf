package dev.localbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localbridge.backend.BackendProber;
import dev.localbridge.backend.BackendStatus;
import dev.localbridge.diagnose.BridgeStatus;
import dev.localbridge.diagnose.ContextWindow;
import dev.localbridge.server.BridgeServer;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * What Claude Code's environment depends on: the bridge's URL and output ceiling, and the context one request may
 * use ({@link ContextWindow}'s rule, the one {@code doctor} applies too). Read from the running bridge's
 * {@code GET /health} when one answers, else from the options and the one {@link BackendProber}.
 */
record BridgeFacts(String url, boolean running, int outputCeiling, ContextWindow context) {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    static BridgeFacts discover(BridgeOptions options) {
        BridgeStatus bridge = BridgeStatus.probe(options.bridgeUrl(), TIMEOUT);
        ContextWindow context = ContextWindow.of(bridge, options.backend(), options.ctx,
                url -> probe(url, options.backendApiKey));
        if (bridge instanceof BridgeStatus.Running running) {
            return new BridgeFacts(options.bridgeUrl(), true,
                    running.outputCeiling() > 0 ? running.outputCeiling() : options.outputCeiling, context);
        }
        return new BridgeFacts(options.bridgeUrl(), false, options.outputCeiling, context);
    }

    /** The bridge this process just started. */
    static BridgeFacts of(BridgeOptions options, BridgeServer bridge) {
        return new BridgeFacts(options.bridgeUrl(), true, options.outputCeiling, ContextWindow.of(bridge.backend()));
    }

    /** The Local Bridge answering at {@code url}, if one runs there. */
    static Optional<BridgeStatus.Running> runningBridge(String url) {
        return BridgeStatus.probe(url, TIMEOUT) instanceof BridgeStatus.Running running ? Optional.of(running)
                : Optional.empty();
    }

    /** The context by a bridge's {@code backend} in {@code /health}: an object with what its probe found, or its URL. */
    static ContextWindow fromHealth(JsonNode backend, BridgeOptions options) {
        BridgeStatus running = new BridgeStatus.Running("?", backend.isTextual() ? backend.asText()
                : backend.path("url").asText(""), 0, backend, com.fasterxml.jackson.databind.node.MissingNode.getInstance());
        return ContextWindow.of(running, options.backend(), options.ctx, url -> probe(url, options.backendApiKey));
    }

    private static BackendStatus probe(URI backend, String apiKey) {
        return new BackendProber(backend, apiKey, TIMEOUT).probe();
    }
}
