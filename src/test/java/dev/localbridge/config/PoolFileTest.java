package dev.localbridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoolFileTest {
    @Test
    void a_full_pool_file_is_read_field_by_field() {
        PoolConfig pool = PoolFile.parse("""
                backends:
                  - name: big
                    url: http://gpu1:8080
                    key: secret
                    models: [qwen3-coder-30b]
                    weight: 2
                    max_concurrent: 4
                    kind: llama-server
                  - url: http://gpu2:8000/v1
                    models: qwen3-4b
                    kind: vllm
                routes:
                  background: qwen3-4b
                  reasoning: qwen3-coder-30b
                queue:
                  max_waiting: 16
                  max_wait: 90s
                session_quiet: 5m
                """);
        assertThat(pool.backends()).containsExactly(
                new BackendSpec("big", URI.create("http://gpu1:8080"), "secret", List.of("qwen3-coder-30b"), 2, 4,
                        BackendKind.LLAMA_SERVER),
                new BackendSpec("gpu2:8000", URI.create("http://gpu2:8000/v1"), null, List.of("qwen3-4b"), 1, 0,
                        BackendKind.VLLM));
        assertThat(pool.scenarios().background()).isEqualTo("qwen3-4b");
        assertThat(pool.scenarios().reasoning()).isEqualTo("qwen3-coder-30b");
        assertThat(pool.maxWaiting()).isEqualTo(16);
        assertThat(pool.maxWait()).isEqualTo(Duration.ofSeconds(90));
        assertThat(pool.sessionQuiet()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void a_minimal_pool_file_gets_the_defaults() {
        PoolConfig pool = PoolFile.parse("backends:\n  - url: http://127.0.0.1:8080\n");
        assertThat(pool.backends()).containsExactly(BackendSpec.of(URI.create("http://127.0.0.1:8080"), null));
        assertThat(pool.maxWait()).isEqualTo(PoolConfig.DEFAULT_MAX_WAIT);
        assertThat(pool.scenarios().background()).isNull();
    }

    @Test
    void mistakes_are_named_by_their_field() {
        assertThatThrownBy(() -> PoolFile.parse("backends:\n  - url: http://a:1\n    wieght: 2\n"))
                .hasMessageContaining("unknown field backends[0].wieght");
        assertThatThrownBy(() -> PoolFile.parse("backends: []\n")).hasMessageContaining("backends");
        assertThatThrownBy(() -> PoolFile.parse("backends:\n  - name: x\n"))
                .hasMessageContaining("backends[0].url is required");
        assertThatThrownBy(() -> PoolFile.parse("backends:\n  - url: http://a:1\n    kind: tgi\n"))
                .hasMessageContaining("unknown backend kind \"tgi\"");
        assertThatThrownBy(() -> PoolFile.parse("backends:\n  - url: http://a:1\nqueue:\n  max_wait: soon\n"))
                .hasMessageContaining("queue.max_wait must be a duration");
        assertThatThrownBy(() -> PoolFile.parse("backends:\n  - url: http://a:1\n  - url: http://a:1\n"))
                .hasMessageContaining("two backends are named \"a:1\"");
        assertThatThrownBy(() -> PoolFile.parse("backends:\n  - url: http://a:1\n    weight: 0\n"))
                .hasMessageContaining("weight must be at least 1");
        assertThatThrownBy(() -> PoolFile.parse("backends: [\n")).hasMessageContaining("not valid YAML");
    }
}
