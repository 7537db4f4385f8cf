package dev.localbridge.testing;

import dev.localbridge.config.BridgeConfig;
import dev.localbridge.server.BridgeServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/** Starts a bridge on a free port in front of a backend, for tests. */
public final class Bridges {
    public static final byte[] TEST_KEY = "local-bridge-test-key-0123456789".getBytes(StandardCharsets.US_ASCII);

    private Bridges() {
    }

    public static BridgeServer start(String backendUrl) {
        return start(backendUrl, b -> b);
    }

    public static BridgeServer start(String backendUrl, UnaryOperator<BridgeConfig.Builder> settings) {
        return BridgeServer.start(settings.apply(BridgeConfig.builder(URI.create(backendUrl), TEST_KEY).port(0)).build());
    }

    public static String url(BridgeServer server) {
        return "http://127.0.0.1:" + server.port();
    }
}
