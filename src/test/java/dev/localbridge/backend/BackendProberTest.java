package dev.localbridge.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.testing.FakeLlamaControl;
import dev.localbridge.testing.LlamaServer;
import dev.localbridge.testing.ScriptedBackend;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BackendProberTest {
    Vertx vertx;
    ScriptedBackend backend;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        backend = new ScriptedBackend();
    }

    @AfterEach
    void stop() {
        backend.close();
        vertx.close().await();
    }

    BackendInfo probe(String url) {
        return status(url).info();
    }

    static BackendStatus status(String url) {
        return new BackendProber(URI.create(url), null, Duration.ofSeconds(2)).probe();
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

    BackendProber prober() {
        return new BackendProber(URI.create(backend.url()), null, Duration.ofSeconds(2));
    }

    static Function<HttpServerRequest, Boolean> serving(Map<String, String> bodies) {
        return request -> {
            String body = bodies.get(request.path());
            if (body == null) {
                request.response().setStatusCode(404).end("{\"error\":\"not found\"}");
            } else {
                request.response().putHeader("content-type", "application/json").end(body);
            }
            return true;
        };
    }

    @Test
    void llama_server_is_recognised_by_props_with_its_per_slot_context_and_template_caps() {
        backend.routes(new FakeLlamaControl(32768));

        BackendInfo info = probe(backend.url());

        assertThat(info.kind()).isEqualTo(BackendInfo.Kind.LLAMA_CPP);
        assertThat(info.nCtx()).isEqualTo(32768);
        assertThat(info.ctxSource()).isEqualTo("llama-server /props");
        assertThat(info.tokenizer()).isTrue();
        assertThat(info.capabilities().tools()).isTrue();
        assertThat(info.capabilities().vision()).isFalse();
        assertThat(info.describe()).contains("n_ctx 32768");
    }

    @Test
    void a_loading_llama_server_is_reported_as_loading() {
        FakeLlamaControl control = new FakeLlamaControl(4096);
        control.status(503);
        backend.routes(control);

        assertThat(probe(backend.url()).kind()).isEqualTo(BackendInfo.Kind.LOADING);
    }

    @Test
    void ollama_is_recognised_and_its_loaded_context_used() {
        backend.routes(serving(Map.of(
                "/api/version", "{\"version\":\"0.12.0\"}",
                "/api/ps", "{\"models\":[{\"name\":\"qwen3-coder:30b\",\"context_length\":65536}]}")));

        BackendInfo info = probe(backend.url());

        assertThat(info.kind()).isEqualTo(BackendInfo.Kind.OLLAMA);
        assertThat(info.model()).isEqualTo("qwen3-coder:30b");
        assertThat(info.nCtx()).isEqualTo(65536);
        assertThat(info.tokenizer()).isFalse();
    }

    @Test
    void vllm_is_recognised_by_max_model_len() {
        backend.routes(serving(Map.of("/v1/models",
                "{\"object\":\"list\",\"data\":[{\"id\":\"Qwen/Qwen3-32B\",\"max_model_len\":40960}]}")));

        BackendInfo info = probe(backend.url());

        assertThat(info.kind()).isEqualTo(BackendInfo.Kind.VLLM);
        assertThat(info.nCtx()).isEqualTo(40960);
        assertThat(info.model()).isEqualTo("Qwen/Qwen3-32B");
    }

    @Test
    void a_generic_openai_server_has_an_unknown_context_and_says_so() {
        backend.routes(serving(Map.of("/v1/models", "{\"object\":\"list\",\"data\":[{\"id\":\"local-model\"}]}")));

        BackendInfo info = probe(backend.url());

        assertThat(info.kind()).isEqualTo(BackendInfo.Kind.OPENAI_COMPATIBLE);
        assertThat(info.nCtx()).isZero();
        assertThat(info.ctxSource()).contains("unknown").contains("--ctx");
    }

    @Test
    void a_closed_port_is_unreachable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        BackendInfo info = probe("http://127.0.0.1:" + port);

        assertThat(info.kind()).isEqualTo(BackendInfo.Kind.UNREACHABLE);
        assertThat(info.kind().serving()).isFalse();
    }

    @Test
    void a_configured_context_overrides_the_probe_and_says_where_it_came_from() {
        backend.routes(new FakeLlamaControl(32768));
        BackendMonitor monitor = new BackendMonitor(vertx, prober(), 16384, Duration.ofHours(1));

        BackendInfo info = monitor.start().await();
        monitor.stop();

        assertThat(info.nCtx()).isEqualTo(16384);
        assertThat(info.ctxSource()).isEqualTo("configured (--ctx 16384)");
    }

    @Test
    void the_monitor_notices_a_backend_that_finished_loading_without_a_restart() {
        FakeLlamaControl control = new FakeLlamaControl(8192);
        control.status(503);
        backend.routes(control);
        BackendMonitor monitor = new BackendMonitor(vertx, prober(), 0, Duration.ofHours(1));
        assertThat(monitor.start().await().kind()).isEqualTo(BackendInfo.Kind.LOADING);

        control.status(200);
        monitor.recheck();
        BackendInfo after = monitor.refresh().await();
        monitor.stop();

        assertThat(after.kind()).isEqualTo(BackendInfo.Kind.LLAMA_CPP);
        assertThat(monitor.current().nCtx()).isEqualTo(8192);
    }

    // What stack/BackendHealth used to decide, now the one prober's reading (up, claude, Readiness).

    @Test
    void llama_server_loading_its_model_is_loading_with_its_own_message() {
        answering("/health", 503,
                "{\"error\":{\"message\":\"Loading model\",\"type\":\"unavailable_error\",\"code\":503}}");

        assertThat(status(backend.url())).isEqualTo(new BackendStatus.Loading(backend.url(), "Loading model"));
    }

    @Test
    void a_healthy_backend_serves_also_when_its_url_ends_in_v1() {
        answering("/health", 200, "{\"status\":\"ok\"}");

        assertThat(status(backend.url() + "/v1/")).isInstanceOf(BackendStatus.Serving.class);
    }

    @Test
    void a_backend_without_health_serves_when_it_lists_models() {
        answering("/v1/models", 200, "{\"object\":\"list\",\"data\":[]}");

        assertThat(status(backend.url())).isInstanceOf(BackendStatus.Serving.class);
    }

    @Test
    void something_that_answers_neither_is_foreign() {
        assertThat(status(backend.url())).isEqualTo(new BackendStatus.Foreign(backend.url(),
                "GET /v1/models answered 404 {\"error\":{\"code\":404,\"message\":\"File Not Found\","
                        + "\"type\":\"not_found_error\"}}"));
    }

    @Test
    void a_closed_port_is_absent() throws Exception {
        assertThat(status("http://127.0.0.1:" + LlamaServer.freePort())).isInstanceOf(BackendStatus.Absent.class);
    }
}
