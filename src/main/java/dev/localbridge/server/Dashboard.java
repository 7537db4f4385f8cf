package dev.localbridge.server;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The dashboard's static page, style and script, read from the jar once. The page itself holds no data: it asks
 * {@code /api/live/stream} with the same key rules as the API (the key, when one is needed, is typed into the page
 * and sent as {@code x-api-key}; it is kept in the tab's session storage only).
 */
final class Dashboard {
    private static final String BASE = "/dev/localbridge/dashboard/";
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
            + " img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private record Asset(String type, Buffer body) {
    }

    private final Map<String, Asset> assets = Map.of(
            "/", asset("index.html", "text/html; charset=utf-8"),
            "/dashboard", asset("index.html", "text/html; charset=utf-8"),
            "/dashboard/dashboard.css", asset("dashboard.css", "text/css; charset=utf-8"),
            "/dashboard/dashboard.js", asset("dashboard.js", "text/javascript; charset=utf-8"));

    /** Whether {@code path} is one of the dashboard's files. */
    boolean serves(String path) {
        return assets.containsKey(path);
    }

    void serve(String path, HttpServerResponse response) {
        Asset asset = assets.get(path);
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
