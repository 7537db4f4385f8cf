package dev.localbridge.server;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;

/**
 * The dashboard's static page, style and script, read from the jar once, when first asked for (on a worker). The
 * page itself holds no data: it asks
 * {@code /api/live/stream} with the same key rules as the API (the key, when one is needed, is typed into the page
 * and sent as {@code x-api-key}; it is kept in the tab's session storage only).
 */
final class Dashboard {
    private static final String BASE = "/dev/localbridge/dashboard/";
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
            + " img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private record Asset(String type, Buffer body) {
    }

    private static final Set<String> PATHS = Set.of("/", "/dashboard", "/dashboard/dashboard.css",
            "/dashboard/dashboard.js");

    private final Vertx vertx;
    /** Read from the jar on a worker when first asked for, not at start-up (10-30 ms of it). */
    private volatile Map<String, Asset> assets;

    Dashboard(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Whether {@code path} is one of the dashboard's files. */
    boolean serves(String path) {
        return PATHS.contains(path);
    }

    void serve(String path, HttpServerResponse response) {
        Map<String, Asset> loaded = assets;
        if (loaded != null) {
            send(loaded.get(path), response);
            return;
        }
        vertx.executeBlocking(Dashboard::load, false).onComplete(read -> {
            if (read.failed()) {
                response.setStatusCode(500).end(read.cause().getMessage());
                return;
            }
            assets = read.result();
            send(read.result().get(path), response);
        });
    }

    private static Map<String, Asset> load() {
        Asset page = asset("index.html", "text/html; charset=utf-8");
        return Map.of("/", page, "/dashboard", page,
                "/dashboard/dashboard.css", asset("dashboard.css", "text/css; charset=utf-8"),
                "/dashboard/dashboard.js", asset("dashboard.js", "text/javascript; charset=utf-8"));
    }

    private static void send(Asset asset, HttpServerResponse response) {
        response.setStatusCode(200)
                .putHeader("content-type", asset.type())
                .putHeader("cache-control", "no-cache")
                .putHeader("content-security-policy", POLICY)
                .putHeader("x-content-type-options", "nosniff")
                .putHeader("referrer-policy", "no-referrer")
                .end(asset.body());
    }

    private static Asset asset(String name, String type) {
        try (InputStream in = Dashboard.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard's " + name + " is missing from the jar");
            }
            return new Asset(type, Buffer.buffer(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
