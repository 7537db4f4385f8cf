package dev.localbridge.backend;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLParameters;

/**
 * One plain HTTP GET that tells apart the ways a port can answer: with HTTP, not at all (nothing listens), or
 * with something that is not HTTP (the connection is accepted, then garbage, silence or a hang-up).
 */
public final class HttpProbe implements AutoCloseable {
    private final HttpClient http;
    private final Duration timeout;

    /** A probe that may ask {@code http://} and {@code https://} URLs. */
    public HttpProbe(Duration timeout) {
        this(timeout, true);
    }

    private HttpProbe(Duration timeout, boolean tls) {
        this.timeout = timeout;
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER);
        if (!tls) {
            builder.sslContext(PlainHttpOnly.context()).sslParameters(new SSLParameters());
        }
        this.http = builder.build();
    }

    /**
     * A probe for URLs under {@code base}: without TLS when {@code base} is {@code http://}, which spares the JDK's
     * TLS set-up (see {@link PlainHttpOnly}); redirects are never followed, so it never leaves the scheme.
     */
    public static HttpProbe forBase(String base, Duration timeout) {
        return new HttpProbe(timeout, !base.regionMatches(true, 0, "http://", 0, 7));
    }

    public sealed interface Reply {
        /** An HTTP answer; {@code body} is text, possibly empty. */
        record Answered(int status, String contentType, String body) implements Reply {
            public Answered {
                Objects.requireNonNull(contentType);
                Objects.requireNonNull(body);
            }

            /** The body shortened for a one-line report. */
            public String snippet() {
                String flat = body.strip().replaceAll("\\s+", " ");
                return flat.length() <= 120 ? flat : flat.substring(0, 117) + "...";
            }
        }

        /** Nothing accepted the connection. */
        record Refused(String reason) implements Reply {
        }

        /** The connection was accepted but no HTTP answer came. */
        record NotHttp(String reason) implements Reply {
        }
    }

    /** GET {@code uri}, with an {@code Authorization: Bearer} header when {@code bearer} is not null. */
    public Reply get(URI uri, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        if (bearer != null && !bearer.isBlank()) {
            request.header("authorization", "Bearer " + bearer);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply.Answered(response.statusCode(),
                    response.headers().firstValue("content-type").orElse(""), response.body());
        } catch (HttpConnectTimeoutException e) {
            return new Reply.Refused("no connection within " + timeout.toMillis() + " ms");
        } catch (ConnectException e) {
            return new Reply.Refused("connection refused");
        } catch (HttpTimeoutException e) {
            return new Reply.NotHttp("it accepted the connection but sent no HTTP answer within "
                    + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new Reply.NotHttp("it accepted the connection but did not answer HTTP (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply.Refused("interrupted");
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
