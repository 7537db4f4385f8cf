package dev.localbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localbridge.backend.BackendInfo;
import dev.localbridge.backend.BackendProbe;
import dev.localbridge.backend.UpstreamClient;
import dev.localbridge.cli.ClaudeEnvironment.ContextWindow;
import dev.localbridge.server.BridgeServer;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * What Claude Code's environment depends on: the bridge's URL and output ceiling, and the context one request may
 * use. Read from the running bridge's {@code GET /health} when one answers (its own view of the backend), else
 * from the options and a probe of {@code --backend} like the bridge's own.
 */
record BridgeFacts(String url, boolean running, int outputCeiling, ContextWindow context) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static BridgeFacts discover(BridgeOptions options) {
        Optional<JsonNode> health = runningBridge(options.bridgeUrl());
        if (health.isPresent()) {
            JsonNode json = health.get();
            return new BridgeFacts(options.bridgeUrl(), true, json.path("output_ceiling").asInt(options.outputCeiling),
                    fromHealth(json.path("backend"), options));
        }
        ContextWindow context = options.ctx > 0
                ? new ContextWindow.Known(options.ctx, "configured (--ctx " + options.ctx + ")")
                : probe(options.backend, options.backendApiKey);
        return new BridgeFacts(options.bridgeUrl(), false, options.outputCeiling, context);
    }

    /** The bridge this process just started. */
    static BridgeFacts of(BridgeOptions options, BridgeServer bridge) {
        return new BridgeFacts(options.bridgeUrl(), true, options.outputCeiling, fromInfo(bridge.backend()));
    }

    /** The {@code /health} answer of a Local Bridge at {@code url}, if one runs there. */
    static Optional<JsonNode> runningBridge(String url) {
        try {
            HttpRequest health = HttpRequest.newBuilder(URI.create(url + "/health")).timeout(Duration.ofSeconds(5))
                    .GET().build();
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(health, HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.statusCode() == 200 ? MAPPER.readTree(response.body()) : null;
            boolean ours = json != null && json.path("status").asText().equals("ok")
                    && (json.path("service").asText().equals("localbridge") || json.has("output_ceiling"));
            return ours ? Optional.of(json) : Optional.empty();
        } catch (IOException notRunning) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The bridge's {@code backend} in {@code /health}: an object with what its probe found, or (older) its URL. */
    static ContextWindow fromHealth(JsonNode backend, BridgeOptions options) {
        if (backend.isObject()) {
            int nCtx = backend.path("n_ctx").asInt(0);
            String source = backend.path("n_ctx_source").asText("the bridge's /health");
            if (nCtx > 0 && backend.path("serving").asBoolean(true)) {
                return new ContextWindow.Known(nCtx, source + ", via the bridge's /health");
            }
            String kind = backend.path("kind").asText("unknown");
            String detail = backend.path("detail").asText("");
            return new ContextWindow.Unknown("the bridge reports its backend as " + kind
                    + (detail.isEmpty() ? "" : " (" + detail + ")") + "; n_ctx: " + source);
        }
        URI url = backend.isTextual() && !backend.asText().isBlank() ? URI.create(backend.asText()) : options.backend;
        return probe(url, options.backendApiKey);
    }

    static ContextWindow fromInfo(BackendInfo info) {
        if (info.kind().serving() && info.nCtx() > 0) {
            return new ContextWindow.Known(info.nCtx(), info.ctxSource());
        }
        return new ContextWindow.Unknown(info.kind().serving() ? info.ctxSource()
                : "the backend is " + info.describe());
    }

    /** Probes the backend as the bridge does ({@code /props}, Ollama, vLLM, {@code /v1/models}). */
    static ContextWindow probe(URI backend, String apiKey) {
        Vertx vertx = Vertx.vertx();
        try (UpstreamClient upstream = new UpstreamClient(vertx, backend, apiKey, Duration.ofSeconds(3))) {
            return fromInfo(new BackendProbe(upstream).probe().await());
        } finally {
            vertx.close().await();
        }
    }
}
