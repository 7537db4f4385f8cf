package dev.localbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.Json;
import dev.localbridge.testing.RawHttp;
import dev.localbridge.testing.Script;
import dev.localbridge.testing.ScriptedBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the HTTP decoder refuses is answered in Anthropic's error shape, not with an empty body. */
class HttpErrorsTest {
    static ScriptedBackend backend;
    static BridgeServer bridge;

    @BeforeAll
    static void start() {
        backend = new ScriptedBackend().fallback(body -> Script.text("ok"));
        bridge = Bridges.start(backend.url());
    }

    @AfterAll
    static void stop() {
        bridge.close();
        backend.close();
    }

    private static String exchange(String request) {
        try (RawHttp http = RawHttp.connect(bridge.port())) {
            http.send(request);
            return http.readUntilClosed(20);
        }
    }

    private static JsonNode error(String response) {
        JsonNode body = Json.parse(RawHttp.body(response));
        assertThat(body.path("type").asText()).isEqualTo("error");
        return body.path("error");
    }

    @Test
    void headers_over_the_limit_get_431_with_an_anthropic_error() {
        String response = exchange("GET /health HTTP/1.1\r\nhost: x\r\nx-big: " + "a".repeat(70 * 1024) + "\r\n\r\n");
        assertThat(RawHttp.status(response)).isEqualTo(431);
        assertThat(error(response).path("type").asText()).isEqualTo("request_too_large");
        assertThat(error(response).path("message").asText()).contains("headers");
    }

    @Test
    void a_request_line_over_the_limit_gets_414_with_an_anthropic_error() {
        String response = exchange("GET /" + "a".repeat(20 * 1024) + " HTTP/1.1\r\nhost: x\r\n\r\n");
        assertThat(RawHttp.status(response)).isEqualTo(414);
        assertThat(error(response).path("type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void a_malformed_content_length_gets_400_with_an_anthropic_error() {
        String response = exchange("POST /v1/messages HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n"
                + "content-length: 12abc\r\n\r\n{}");
        assertThat(RawHttp.status(response)).isEqualTo(400);
        assertThat(error(response).path("type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void two_different_content_lengths_get_400_with_an_anthropic_error() {
        String response = exchange("POST /v1/messages HTTP/1.1\r\nhost: x\r\ncontent-length: 2\r\n"
                + "content-length: 3\r\n\r\n{}");
        assertThat(RawHttp.status(response)).isEqualTo(400);
        assertThat(error(response).path("type").asText()).isEqualTo("invalid_request_error");
    }
}
