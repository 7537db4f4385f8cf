package dev.localbridge.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the bridge is configured with. Built from flags, environment and config file by the CLI
 * (flags win), or directly by tests.
 *
 * @param backendApiKey key the bridge sends to the backend; null for none
 * @param apiKeys keys clients must present; empty accepts any
 * @param contextOverride a context size that overrides what the backend reports; 0 for none
 * @param minOutputTokens a prompt that leaves less room than this for output is an overflow
 * @param requestLog a file to append one JSON line per request to; null for none
 * @param upstreamLimits how long the bridge waits for the backend, and how much of an error it reads
 * @param commitGrace how long a streaming request waits for the backend's answer before committing to
 *     HTTP 200 and {@code message_start}: errors within it become real HTTP errors
 * @param countGrace how long a streaming request may stay silent while its prompt is counted exactly (the count
 *     decides whether it is answered {@code prompt is too long}); past it the stream commits and pings, and an
 *     overflow found later is an {@code error} event, after which Claude Code asks again without streaming and
 *     gets the HTTP 400
 * @param loops when a generation that repeats itself is stopped
 * @param inboundLimits timeouts and limits on inbound connections, requests and bytes
 * @param allowPublicBackend whether a backend outside loopback and private networks is accepted
 * @param refuseImageUrls whether images given by URL are refused (else forwarded within the image URL policy)
 * @param pool the backends requests are spread over; by default {@code backend} alone
 */
public record BridgeConfig(
        String host,
        int port,
        URI backend,
        String backendApiKey,
        List<String> apiKeys,
        ModelMap models,
        int outputCeiling,
        Duration pingInterval,
        Duration commitGrace,
        Duration countGrace,
        long maxBodyBytes,
        Duration connectTimeout,
        int contextOverride,
        int minOutputTokens,
        Duration probeInterval,
        UpstreamLimits upstreamLimits,
        java.nio.file.Path requestLog,
        LoopLimits loops,
        byte[] thinkingKey,
        InboundLimits inboundLimits,
        boolean allowPublicBackend,
        boolean refuseImageUrls,
        PoolConfig pool) {

    public static final int DEFAULT_PORT = 8082;
    public static final int DEFAULT_OUTPUT_CEILING = 16384;
    public static final int DEFAULT_MIN_OUTPUT = 2048;

    public BridgeConfig {
        Objects.requireNonNull(host);
        Objects.requireNonNull(backend);
        apiKeys = List.copyOf(apiKeys);
        Objects.requireNonNull(models);
        Objects.requireNonNull(pingInterval);
        Objects.requireNonNull(commitGrace);
        Objects.requireNonNull(countGrace);
        Objects.requireNonNull(connectTimeout);
        Objects.requireNonNull(probeInterval);
        Objects.requireNonNull(upstreamLimits);
        Objects.requireNonNull(loops);
        Objects.requireNonNull(thinkingKey);
        Objects.requireNonNull(inboundLimits);
        if (pool == null) {
            pool = PoolConfig.of(List.of(backend), backendApiKey);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
        if (outputCeiling < 1) {
            throw new IllegalArgumentException("output ceiling must be positive, got " + outputCeiling);
        }
    }

    /** The same configuration in front of another backend, with another context override (0 for none). */
    public BridgeConfig withBackend(URI newBackend, int newContextOverride) {
        return withBackend(newBackend, newContextOverride, BackendKind.AUTO);
    }

    /** The same configuration in front of another backend of a known kind. */
    public BridgeConfig withBackend(URI newBackend, int newContextOverride, BackendKind kind) {
        return new BridgeConfig(host, port, newBackend, backendApiKey, apiKeys, models, outputCeiling, pingInterval,
                commitGrace, countGrace, maxBodyBytes, connectTimeout, newContextOverride, minOutputTokens, probeInterval,
                upstreamLimits, requestLog, loops, thinkingKey, inboundLimits, allowPublicBackend,
                refuseImageUrls, PoolConfig.of(List.of(newBackend), backendApiKey, kind)
                        .withQueue(pool.maxWaiting(), pool.maxWait()));
    }

    public static Builder builder(URI backend, byte[] thinkingKey) {
        return new Builder(backend, thinkingKey);
    }

    /** For the many optional settings; every one has a sound default. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = DEFAULT_PORT;
        private final URI backend;
        private String backendApiKey;
        private List<String> apiKeys = List.of();
        private ModelMap models = ModelMap.empty();
        private int outputCeiling = DEFAULT_OUTPUT_CEILING;
        private Duration pingInterval = Duration.ofSeconds(2);
        private Duration commitGrace = Duration.ofMillis(100);
        private Duration countGrace = Duration.ofSeconds(1);
        private long maxBodyBytes = 32L * 1024 * 1024;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private int contextOverride;
        private int minOutputTokens = DEFAULT_MIN_OUTPUT;
        private Duration probeInterval = Duration.ofSeconds(15);
        private UpstreamLimits upstreamLimits = UpstreamLimits.DEFAULTS;
        private java.nio.file.Path requestLog;
        private LoopLimits loops = LoopLimits.DEFAULT;
        private final byte[] thinkingKey;
        private InboundLimits inboundLimits = InboundLimits.DEFAULTS;
        private boolean allowPublicBackend;
        private boolean refuseImageUrls;
        private PoolConfig pool;

        private Builder(URI backend, byte[] thinkingKey) {
            this.backend = backend;
            this.thinkingKey = thinkingKey;
        }

        public Builder host(String value) {
            host = value;
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder backendApiKey(String value) {
            backendApiKey = value;
            return this;
        }

        public Builder apiKeys(List<String> value) {
            apiKeys = value;
            return this;
        }

        public Builder models(ModelMap value) {
            models = value;
            return this;
        }

        public Builder outputCeiling(int value) {
            outputCeiling = value;
            return this;
        }

        public Builder pingInterval(Duration value) {
            pingInterval = value;
            return this;
        }

        public Builder commitGrace(Duration value) {
            commitGrace = value;
            return this;
        }

        public Builder countGrace(Duration value) {
            countGrace = value;
            return this;
        }

        public Builder maxBodyBytes(long value) {
            maxBodyBytes = value;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            connectTimeout = value;
            return this;
        }

        public Builder contextOverride(int value) {
            contextOverride = value;
            return this;
        }

        public Builder minOutputTokens(int value) {
            minOutputTokens = value;
            return this;
        }

        public Builder probeInterval(Duration value) {
            probeInterval = value;
            return this;
        }

        public Builder upstreamLimits(UpstreamLimits value) {
            upstreamLimits = value;
            return this;
        }

        public Builder requestLog(java.nio.file.Path value) {
            requestLog = value;
            return this;
        }

        public Builder loops(LoopLimits value) {
            loops = value;
            return this;
        }

        public Builder inboundLimits(InboundLimits value) {
            inboundLimits = value;
            return this;
        }

        public Builder allowPublicBackend(boolean value) {
            allowPublicBackend = value;
            return this;
        }

        public Builder refuseImageUrls(boolean value) {
            refuseImageUrls = value;
            return this;
        }

        /** Several backends (the pool's first is also {@code backend} for what names one backend). */
        public Builder pool(PoolConfig value) {
            pool = value;
            return this;
        }

        public BridgeConfig build() {
            URI primary = pool == null ? backend : pool.primary().url();
            return new BridgeConfig(host, port, primary, backendApiKey, apiKeys, models, outputCeiling, pingInterval,
                    commitGrace, countGrace, maxBodyBytes, connectTimeout, contextOverride, minOutputTokens, probeInterval,
                    upstreamLimits, requestLog, loops, thinkingKey, inboundLimits, allowPublicBackend,
                    refuseImageUrls, pool);
        }
    }
}
