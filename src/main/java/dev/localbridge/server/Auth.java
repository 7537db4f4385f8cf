package dev.localbridge.server;

import dev.localbridge.error.ApiException;
import dev.localbridge.error.ErrorType;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/** Client keys: {@code x-api-key} or {@code Authorization: Bearer}. With no keys configured, any value passes. */
final class Auth {
    private final List<byte[]> keys;

    Auth(List<String> keys) {
        this.keys = keys.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** Whether the request may see more than a bare liveness answer: no keys configured, or a right one presented. */
    boolean passes(HttpServerRequest request) {
        try {
            check(request);
            return true;
        } catch (ApiException e) {
            return false;
        }
    }

    void check(HttpServerRequest request) {
        if (keys.isEmpty()) {
            return;
        }
        String presented = request.getHeader("x-api-key");
        if (presented == null || presented.isEmpty()) {
            String authorization = request.getHeader("authorization");
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                presented = authorization.substring(7).strip();
            }
        }
        if (presented == null || presented.isEmpty()) {
            throw ApiException.of(ErrorType.AUTHENTICATION,
                    "missing API key: send it as x-api-key or Authorization: Bearer");
        }
        byte[] candidate = presented.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (byte[] key : keys) {
            match |= MessageDigest.isEqual(key, candidate);
        }
        if (!match) {
            throw ApiException.of(ErrorType.AUTHENTICATION, "invalid API key");
        }
    }
}
