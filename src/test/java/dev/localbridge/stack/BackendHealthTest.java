package dev.localbridge.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.testing.LlamaServer;
import dev.localbridge.testing.ScriptedBackend;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackendHealthTest {
    final ScriptedBackend backend = new ScriptedBackend();
    final BackendHealth health = new BackendHealth();

    @AfterEach
    void stop() {
        backend.close();
    }

    ScriptedBackend answering(String path, int status, String body) {
        return backend.routes(request -> {
            if (!request.path().equals(path)) {
                return false;
            }
            request.response().setStatusCode(status).putHeader("content-type", "application/json").end(body);
            return true;
        });
    }

    @Test
    void llama_server_loading_its_model_is_loading_with_its_own_message() {
        answering("/health", 503,
                "{\"error\":{\"message\":\"Loading model\",\"type\":\"unavailable_error\",\"code\":503}}");

        assertThat(health.check(URI.create(backend.url()))).isEqualTo(new BackendHealth.State.Loading("Loading model"));
    }

    @Test
    void a_healthy_backend_is_ready_also_when_its_url_ends_in_v1() {
        answering("/health", 200, "{\"status\":\"ok\"}");

        assertThat(health.check(URI.create(backend.url() + "/v1/"))).isInstanceOf(BackendHealth.State.Ready.class);
    }

    @Test
    void a_backend_without_health_is_ready_when_it_lists_models() {
        answering("/v1/models", 200, "{\"object\":\"list\",\"data\":[]}");

        assertThat(health.check(URI.create(backend.url()))).isInstanceOf(BackendHealth.State.Ready.class);
    }

    @Test
    void something_that_answers_neither_is_foreign() {
        assertThat(health.check(URI.create(backend.url()))).isEqualTo(new BackendHealth.State.Foreign(404,
                "GET /health answered 404, GET /v1/models 404"));
    }

    @Test
    void a_closed_port_is_absent() throws Exception {
        assertThat(health.check(URI.create("http://127.0.0.1:" + LlamaServer.freePort())))
                .isInstanceOf(BackendHealth.State.Absent.class);
    }
}
