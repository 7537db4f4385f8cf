package dev.localbridge.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LlamaServerArgsTest {
    static final LlamaServerArgs.Model MODEL = new LlamaServerArgs.Model.File(Path.of("/models/m.gguf"));

    @Test
    void defaults_are_the_flags_for_agentic_coding() {
        LlamaServerArgs args = LlamaServerArgs.of("127.0.0.1", 8080, MODEL, 32768, 1, List.of());

        assertThat(args.args()).containsExactly("--host", "127.0.0.1", "--port", "8080", "-m", "/models/m.gguf",
                "-c", "32768", "-np", "1", "--jinja", "-cb", "--cache-reuse", "256", "--no-webui", "--metrics",
                "--slots", "--reasoning-format", "deepseek");
    }

    @Test
    void each_slot_keeps_the_context_so_llama_server_gets_ctx_times_parallel() {
        LlamaServerArgs args = LlamaServerArgs.of("127.0.0.1", 8080, MODEL, 32768, 4, List.of());

        assertThat(args.args()).containsSubsequence("-c", "131072").containsSubsequence("-np", "4");
    }

    @Test
    void an_extra_argument_replaces_the_default_for_the_same_flag_by_any_alias_or_negation() {
        LlamaServerArgs args = LlamaServerArgs.of("127.0.0.1", 8080, MODEL, 4096, 1,
                List.of("--ctx-size", "8192", "--no-jinja", "-nocb", "--cache-reuse", "0", "--webui", "-ngl", "99"));

        assertThat(args.args()).doesNotContain("-c", "--jinja", "-cb", "256", "--no-webui")
                .containsSubsequence("--ctx-size", "8192", "--no-jinja", "-nocb", "--cache-reuse", "0", "--webui",
                        "-ngl", "99");
        assertThat(args.args()).containsOnlyOnce("--cache-reuse");
    }

    @Test
    void a_model_source_in_the_extra_arguments_replaces_ours() {
        LlamaServerArgs args = LlamaServerArgs.of("127.0.0.1", 8080, MODEL, 4096, 1,
                List.of("-hf", "org/repo:Q4_K_M"));

        assertThat(args.args()).doesNotContain("-m", "/models/m.gguf").containsSubsequence("-hf", "org/repo:Q4_K_M");
    }

    @Test
    void a_hugging_face_model_is_passed_with_hf() {
        LlamaServerArgs args = LlamaServerArgs.of("127.0.0.1", 8080,
                new LlamaServerArgs.Model.HuggingFace("org/repo"), 4096, 1, List.of());

        assertThat(args.args()).containsSubsequence("-hf", "org/repo");
    }

    @Test
    void the_url_follows_a_port_or_host_given_in_the_extra_arguments() {
        LlamaServerArgs args = LlamaServerArgs.of("127.0.0.1", 8080, MODEL, 4096, 1,
                List.of("--port", "9090", "--host", "0.0.0.0"));

        assertThat(args.args()).containsOnlyOnce("--port").containsOnlyOnce("--host");
        assertThat(args.url()).hasToString("http://127.0.0.1:9090");
    }

    @Test
    void non_positive_sizes_are_refused() {
        assertThatThrownBy(() -> LlamaServerArgs.of("127.0.0.1", 8080, MODEL, 4096, 0, List.of()))
                .isInstanceOf(StackException.class).hasMessageContaining("--parallel");
    }
}
