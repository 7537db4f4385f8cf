package dev.localbridge.cli;

import dev.localbridge.config.BridgeConfig;
import dev.localbridge.config.InstallKey;
import dev.localbridge.config.Paths;
import dev.localbridge.routing.ModelMap;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options every command shares. Each also reads {@code LOCALBRIDGE_<NAME>} and {@code <name>=} in
 * the config file; a flag wins.
 */
public final class BridgeOptions {
    @Option(names = "--port", description = "The bridge's port (default: ${DEFAULT-VALUE}).", defaultValue = "8082")
    int port;

    @Option(names = "--host", description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 exposes the bridge"
            + " on your network: set --api-keys then).", defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--backend", description = "The OpenAI-compatible backend (default: ${DEFAULT-VALUE}).",
            defaultValue = "http://127.0.0.1:8080")
    URI backend;

    @Option(names = "--backend-api-key", description = "Key the bridge sends to the backend, if it needs one.")
    String backendApiKey;

    @Option(names = "--api-keys", split = ",", description = "Keys clients must present (comma-separated);"
            + " none: any key is accepted.")
    List<String> apiKeys = List.of();

    @Option(names = "--model-map", split = ",", description = "Backend model per Claude model family:"
            + " opus=NAME,sonnet=NAME,haiku=NAME,default=NAME.")
    Map<String, String> modelMap = new LinkedHashMap<>();

    @Option(names = "--output-ceiling", description = "Most tokens one answer may generate (default: ${DEFAULT-VALUE}).",
            defaultValue = "16384")
    int outputCeiling;

    @Option(names = "--ctx", description = "Context tokens per request, overriding what the backend reports"
            + " (default: as probed).", defaultValue = "0")
    int ctx;

    @Option(names = "--min-output-tokens", description = "A prompt leaving less room than this for output is"
            + " answered 'prompt is too long' so Claude Code compacts (default: ${DEFAULT-VALUE}).",
            defaultValue = "2048")
    int minOutputTokens;

    @Option(names = "--ping-interval-ms", description = "Ping a waiting stream this often (default: ${DEFAULT-VALUE}).",
            defaultValue = "2000")
    long pingIntervalMs;

    @Option(names = "--max-body-mb", description = "Largest request body accepted, in MiB (default: ${DEFAULT-VALUE}).",
            defaultValue = "32")
    long maxBodyMb;

    BridgeConfig toConfig() {
        return BridgeConfig.builder(backend, InstallKey.loadOrCreate(Paths.installKey()))
                .host(host)
                .port(port)
                .backendApiKey(backendApiKey)
                .apiKeys(apiKeys == null ? List.of() : apiKeys)
                .models(ModelMap.of(modelMap == null ? Map.of() : modelMap))
                .outputCeiling(outputCeiling)
                .pingInterval(Duration.ofMillis(pingIntervalMs))
                .maxBodyBytes(maxBodyMb * 1024 * 1024)
                .contextOverride(ctx)
                .minOutputTokens(minOutputTokens)
                .build();
    }

    /** The URL Claude Code should use to reach this bridge. */
    String bridgeUrl() {
        String reachable = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return "http://" + reachable + ":" + port;
    }
}
