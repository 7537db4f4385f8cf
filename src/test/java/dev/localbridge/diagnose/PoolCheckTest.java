package dev.localbridge.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.localbridge.config.BackendKind;
import dev.localbridge.config.BackendSpec;
import dev.localbridge.config.PoolConfig;
import dev.localbridge.config.ScenarioModels;
import dev.localbridge.server.BridgeServer;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.FakeLlamaControl;
import dev.localbridge.testing.Script;
import dev.localbridge.testing.ScriptedBackend;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** doctor shows the bridge's pool: every backend with what it serves, and which are out of it. */
class PoolCheckTest {
    @Test
    void a_running_pool_is_listed_backend_by_backend() throws Exception {
        try (ScriptedBackend a = backend(); ScriptedBackend b = backend();
             BridgeServer bridge = Bridges.start(a.url(), c -> c.pool(new PoolConfig(List.of(spec("big", a.url()),
                     spec("small", b.url())), ScenarioModels.NONE, 16, Duration.ofSeconds(30), Duration.ofMinutes(10)))
                     .probeInterval(Duration.ofHours(1)))) {
            Check check = PoolCheck.check(BridgeStatus.probe(Bridges.url(bridge), Duration.ofSeconds(5))).orElseThrow();

            assertThat(check.outcome()).isInstanceOf(Outcome.Pass.class);
            assertThat(check.outcome().toString()).contains("2 backends").contains("big " + a.url())
                    .contains("small " + b.url()).contains("n_ctx 32768");
        }
    }

    @Test
    void a_backend_out_of_the_pool_is_a_warning_naming_it() throws Exception {
        var backends = new ObjectMapper().readTree("[{\"name\":\"a\",\"url\":\"http://10.0.0.1:8080\",\"up\":true,"
                + "\"kind\":\"llama.cpp\",\"n_ctx\":32768},{\"name\":\"b\",\"url\":\"http://10.0.0.2:8080\",\"up\":false,"
                + "\"kind\":\"unreachable\",\"n_ctx\":0}]");
        BridgeStatus running = new BridgeStatus.Running("1", "http://10.0.0.1:8080", 16384, MissingNode.getInstance(),
                backends);

        Check check = PoolCheck.check(running).orElseThrow();

        assertThat(check.outcome()).isInstanceOf(Outcome.Warn.class);
        assertThat(check.outcome().toString()).contains("out of the pool: b http://10.0.0.2:8080");
    }

    @Test
    void one_backend_is_no_pool_and_says_nothing() {
        BridgeStatus running = new BridgeStatus.Running("1", "http://127.0.0.1:8080", 16384, MissingNode.getInstance(),
                MissingNode.getInstance());

        assertThat(PoolCheck.check(running)).isEmpty();
    }

    private static ScriptedBackend backend() {
        return new ScriptedBackend().routes(new FakeLlamaControl(32768)).fallback(body -> Script.text("ok"));
    }

    private static BackendSpec spec(String name, String url) {
        return new BackendSpec(name, URI.create(url), null, List.of(), 1, 0, BackendKind.AUTO);
    }
}
