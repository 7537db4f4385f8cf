package dev.localbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localbridge.config.ModelMap;
import dev.localbridge.testing.BridgeClient;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.Script;
import dev.localbridge.testing.ScriptedBackend;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RoutesTest {
    static ScriptedBackend backend;
    static BridgeServer bridge;
    static BridgeClient client;
    static final String MESSAGE = "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":10,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @BeforeAll
    static void start() {
        backend = new ScriptedBackend().fallback(body -> Script.text("ok"));
        bridge = Bridges.start(backend.url(), b -> b.apiKeys(List.of("sk-right"))
                .maxBodyBytes(64 * 1024)
                .models(ModelMap.of(Map.of("haiku", "small-model", "default", "big-model"))));
        client = new BridgeClient(Bridges.url(bridge));
    }

    @org.junit.jupiter.api.BeforeEach
    void forgetEarlierRequests() {
        backend.clearRequests();
    }

    @AfterAll
    static void stop() {
        bridge.close();
        backend.close();
    }

    @Test
    void health_without_a_key_is_a_bare_liveness_answer_that_says_nothing_about_the_backend() {
        BridgeClient.Response health = client.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("ok");
        assertThat(health.json().has("backend")).isFalse();
        assertThat(health.body()).doesNotContain(backend.url()).doesNotContain("n_ctx");
    }

    @Test
    void health_with_the_key_shows_the_backend() {
        BridgeClient.Response health = client.send(HttpRequest.newBuilder(URI.create(Bridges.url(bridge) + "/health"))
                .header("x-api-key", "sk-right").GET().build());
        assertThat(health.json().path("backend").path("url").asText()).isEqualTo(backend.url());
    }

    @Test
    void metrics_and_models_need_the_key_when_keys_are_set() {
        assertThat(client.get("/metrics").status()).isEqualTo(401);
        assertThat(client.get("/v1/models").status()).isEqualTo(401);
        assertThat(client.get("/metrics").json().path("error").path("type").asText())
                .isEqualTo("authentication_error");
    }

    @Test
    void claude_codes_warm_up_probe_is_answered_for_head_and_get() {
        assertThat(client.get("/api/hello").status()).isEqualTo(200);
        BridgeClient.Response head = client.send(HttpRequest.newBuilder(URI.create(Bridges.url(bridge) + "/api/hello"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.status()).isEqualTo(200);
    }

    @Test
    void a_configured_key_is_accepted_as_x_api_key_and_as_bearer_token() {
        assertThat(client.post("/v1/messages", MESSAGE, "x-api-key", "sk-right").status()).isEqualTo(200);
        assertThat(client.post("/v1/messages", MESSAGE, "authorization", "Bearer sk-right").status()).isEqualTo(200);
    }

    @Test
    void a_wrong_or_missing_key_gets_401_authentication_error() {
        for (BridgeClient.Response response : List.of(
                client.post("/v1/messages", MESSAGE, "x-api-key", "sk-wrong"),
                client.post("/v1/messages", MESSAGE))) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.json().path("type").asText()).isEqualTo("error");
            assertThat(response.json().path("error").path("type").asText()).isEqualTo("authentication_error");
        }
    }

    @Test
    void beta_query_parameter_is_accepted() {
        assertThat(client.post("/v1/messages?beta=true", MESSAGE, "x-api-key", "sk-right").status()).isEqualTo(200);
    }

    @Test
    void unknown_paths_get_404_not_found_error() {
        BridgeClient.Response response = client.get("/v1/complete");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("error").path("type").asText()).isEqualTo("not_found_error");
    }

    @Test
    void a_body_over_the_limit_gets_413_request_too_large() {
        String big = "{\"model\":\"m\",\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":\""
                + "x".repeat(70 * 1024) + "\"}]}";
        BridgeClient.Response response = client.post("/v1/messages", big, "x-api-key", "sk-right");
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().path("error").path("type").asText()).isEqualTo("request_too_large");
    }

    @Test
    void malformed_json_gets_400_invalid_request_error() {
        BridgeClient.Response response = client.post("/v1/messages", "{\"model\":", "x-api-key", "sk-right");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(response.headers().firstValue("x-should-retry")).hasValue("false");
    }

    @Test
    void an_invalid_field_gets_400_naming_the_field() {
        BridgeClient.Response response = client.post("/v1/messages", "{\"model\":\"m\",\"max_tokens\":10,"
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"hologram\"}]}]}", "x-api-key", "sk-right");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("error").path("message").asText())
                .contains("messages.0.content.0.type").contains("hologram");
    }

    @Test
    void models_map_by_family_and_responses_echo_the_requested_id() {
        JsonNode message = client.post("/v1/messages", MESSAGE, "x-api-key", "sk-right").json();
        assertThat(message.path("model").asText()).isEqualTo("claude-haiku-4-5");
        assertThat(backend.takeRequest().path("model").asText()).isEqualTo("small-model");

        client.post("/v1/messages", MESSAGE.replace("claude-haiku-4-5", "claude-opus-5-5"), "x-api-key", "sk-right");
        assertThat(backend.takeRequest().path("model").asText()).isEqualTo("big-model");
    }

    @Test
    void models_endpoint_lists_the_mapped_families_in_anthropic_shape() {
        BridgeClient.Response response = client.send(HttpRequest.newBuilder(
                URI.create(Bridges.url(bridge) + "/v1/models")).header("x-api-key", "sk-right").GET().build());
        JsonNode data = response.json().path("data");
        assertThat(data).hasSize(2);
        assertThat(data.get(0).path("id").asText()).isEqualTo("claude-haiku-local");
        assertThat(data.get(0).path("display_name").asText()).contains("small-model");
        assertThat(data.get(1).path("id").asText()).isEqualTo("claude-local");
        assertThat(data.get(0).path("type").asText()).isEqualTo("model");
        assertThat(response.json().path("has_more").asBoolean()).isFalse();
    }

    @Test
    void metrics_are_exposed_in_prometheus_format() {
        String metrics = client.send(HttpRequest.newBuilder(URI.create(Bridges.url(bridge) + "/metrics"))
                .header("x-api-key", "sk-right").GET().build()).body();
        assertThat(metrics).contains("# TYPE localbridge_requests_total counter")
                .contains("localbridge_client_hangups_total");
    }
}
