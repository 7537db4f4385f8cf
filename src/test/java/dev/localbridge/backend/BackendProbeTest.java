package dev.localbridge.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.testing.FakeLlamaControl;
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

class BackendProbeTest {
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
        return new BackendProbe(new UpstreamClient(vertx, URI.create(url), null, Duration.ofSeconds(2))).probe().await();
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
        UpstreamClient upstream = new UpstreamClient(vertx, URI.create(backend.url()), null, Duration.ofSeconds(2));
        BackendMonitor monitor = new BackendMonitor(vertx, new BackendProbe(upstream), 16384, Duration.ofHours(1));

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
        UpstreamClient upstream = new UpstreamClient(vertx, URI.create(backend.url()), null, Duration.ofSeconds(2));
        BackendMonitor monitor = new BackendMonitor(vertx, new BackendProbe(upstream), 0, Duration.ofHours(1));
        assertThat(monitor.start().await().kind()).isEqualTo(BackendInfo.Kind.LOADING);

        control.status(200);
        monitor.recheck();
        BackendInfo after = monitor.refresh().await();
        monitor.stop();

        assertThat(after.kind()).isEqualTo(BackendInfo.Kind.LLAMA_CPP);
        assertThat(monitor.current().nCtx()).isEqualTo(8192);
    }
}
