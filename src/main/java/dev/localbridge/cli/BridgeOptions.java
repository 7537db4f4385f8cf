package dev.localbridge.cli;

import dev.localbridge.config.BackendKind;
import dev.localbridge.config.BridgeConfig;
import dev.localbridge.config.LoopLimits;
import dev.localbridge.config.InboundLimits;
import dev.localbridge.config.InstallKey;
import dev.localbridge.config.ModelMap;
import dev.localbridge.config.Paths;
import dev.localbridge.config.PoolConfig;
import dev.localbridge.config.PoolFile;
import dev.localbridge.config.SharedOptions;
import dev.localbridge.config.UpstreamLimits;
import dev.localbridge.translate.ImageUrlPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options every command shares. Each also reads {@code LOCALBRIDGE_<NAME>} and {@code <name>=} in
 * the config file; a flag wins.
 */
public final class BridgeOptions implements SharedOptions {
    @Option(names = "--port", description = "The bridge's port (default: ${DEFAULT-VALUE}).", defaultValue = "8082")
    int port;

    @Option(names = "--host", description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 exposes the bridge"
            + " on your network: set --api-keys then).", defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--backend", split = ",", description = "The OpenAI-compatible backend (default:"
            + " ${DEFAULT-VALUE}); give it several times for a pool of equals.", defaultValue = "http://127.0.0.1:8080")
    List<URI> backends = List.of();

    /** The first (or only) backend. */
    URI backend() {
        return backends.getFirst();
    }

    @Option(names = "--slot-affinity", description = "Pin each conversation to a llama-server slot (id_slot):"
            + " only for llama-servers started with an explicit -np N, never with a unified KV cache (-kvu, or no"
            + " -np).")
    boolean slotAffinity;

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

    @Option(names = "--count-grace-ms", description = "Longest a stream stays silent while its prompt is counted"
            + " before it commits and pings (default: ${DEFAULT-VALUE}).", defaultValue = "1000")
    long countGraceMs;

    @Option(names = "--upstream-first-byte-s", description = "Wait for a backend's answer to begin, for a small"
            + " prompt (default: ${DEFAULT-VALUE}).", defaultValue = "120")
    long upstreamFirstByteS;

    @Option(names = "--upstream-prefill-s-per-1k", description = "Added to that wait per thousand prompt tokens, so a"
            + " long prefill on slow hardware is never cut off (default: ${DEFAULT-VALUE}).", defaultValue = "20")
    long upstreamPrefillSPer1k;

    @Option(names = "--upstream-idle-s", description = "Longest silence of a backend in the middle of an answer"
            + " (default: ${DEFAULT-VALUE}).", defaultValue = "60")
    long upstreamIdleS;

    @Option(names = "--upstream-error-body-kb", description = "How much of a backend's error answer is read"
            + " (default: ${DEFAULT-VALUE}).", defaultValue = "64")
    int upstreamErrorBodyKb;

    @Option(names = "--header-timeout-s", description = "Seconds a client has to send a request's headers, and"
            + " an idle keep-alive connection stays open (default: ${DEFAULT-VALUE}).", defaultValue = "10")
    long headerTimeoutS;

    @Option(names = "--body-timeout-s", description = "Seconds a client has to send a request's body after its"
            + " headers; 408 beyond (default: ${DEFAULT-VALUE}).", defaultValue = "60")
    long bodyTimeoutS;

    @Option(names = "--max-connections", description = "Open client connections in all (default: ${DEFAULT-VALUE}).",
            defaultValue = "2048")
    int maxConnections;

    @Option(names = "--max-connections-per-client", description = "Open connections from one client address"
            + " (default: ${DEFAULT-VALUE}).", defaultValue = "1024")
    int maxConnectionsPerClient;

    @Option(names = "--max-concurrent-requests", description = "API requests served at once; more get 529"
            + " overloaded_error (default: ${DEFAULT-VALUE}).", defaultValue = "1024")
    int maxConcurrentRequests;

    @Option(names = "--max-inflight-mb", description = "Request body MiB held by all requests being served; more"
            + " get 529 overloaded_error (default: ${DEFAULT-VALUE}).", defaultValue = "128")
    long maxInflightMb;

    @Option(names = "--allow-public-backend", description = "Accept a backend outside loopback and private"
            + " networks (your prompts and code would leave your network).", defaultValue = "false")
    boolean allowPublicBackend;

    @Option(names = "--image-urls", description = "Images given by URL: 'limited' forwards http(s) URLs whose host"
            + " is not link-local; 'refused' answers 400 (default: ${DEFAULT-VALUE}).", defaultValue = "limited")
    String imageUrls;

    @Option(names = "--request-log", description = "Also append one JSON line per request to this file (sizes,"
            + " models, times, outcomes; never prompt or completion text).")
    java.nio.file.Path requestLog;

    @Option(names = "--loop-detection", description = "Stop a generation that repeats itself: 'off', or"
            + " SPAN,REPEATS,WORDS = a passage of at most SPAN words repeated REPEATS times and over at least WORDS"
            + " words (default: ${DEFAULT-VALUE}).", defaultValue = "300,8,400", converter = LoopSettings.class)
    LoopLimits loopDetection;

    /** Parses {@code --loop-detection}; a bad value is a usage error naming the option. */
    static final class LoopSettings implements picocli.CommandLine.ITypeConverter<LoopLimits> {
        @Override
        public LoopLimits convert(String value) {
            try {
                return LoopLimits.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    BridgeConfig toConfig() {
        return toConfig(null);
    }

    /**
     * @param poolFile {@code serve --config}, or null
     * @throws IllegalArgumentException when the pool file is wrong (the message names the field)
     */
    BridgeConfig toConfig(Path poolFile) {
        PoolConfig pool = poolFile != null ? PoolFile.read(poolFile)
                : backends.size() > 1 || slotAffinity ? PoolConfig.of(backends, backendApiKey,
                        slotAffinity ? BackendKind.LLAMA_SERVER : BackendKind.AUTO) : null;
        return BridgeConfig.builder(backend(), InstallKey.loadOrCreate(Paths.installKey()))
                .pool(pool)
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
                .countGrace(Duration.ofMillis(countGraceMs))
                .upstreamLimits(new UpstreamLimits(Duration.ofSeconds(upstreamFirstByteS),
                        Duration.ofSeconds(upstreamPrefillSPer1k), Duration.ofSeconds(upstreamIdleS),
                        upstreamErrorBodyKb * 1024))
                .requestLog(requestLog)
                .loops(loopDetection)
                .inboundLimits(new InboundLimits(Duration.ofSeconds(headerTimeoutS), Duration.ofSeconds(bodyTimeoutS),
                        maxConnections, maxConnectionsPerClient, maxConcurrentRequests, maxInflightMb * 1024 * 1024))
                .allowPublicBackend(allowPublicBackend)
                .refuseImageUrls(imageUrls != null && ImageUrlPolicy.parse(imageUrls) == ImageUrlPolicy.REFUSED)
                .build();
    }

    /** The URL Claude Code should use to reach this bridge. */
    String bridgeUrl() {
        String reachable = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return "http://" + reachable + ":" + port;
    }
}
