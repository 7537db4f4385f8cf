package dev.localbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.config.BackendSpec;
import dev.localbridge.config.BridgeConfig;
import dev.localbridge.config.ConfigDefaults;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --backend} given several times is a pool of equals; {@code --config} reads a pool file; one backend as before. */
class PoolOptionsTest {
    static ServeCommand serve(Map<String, String> env, String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).setDefaultValueProvider(new ConfigDefaults(env, null)).parseArgs(args);
        return serve;
    }

    static BridgeOptions parse(Map<String, String> env, String... args) {
        return serve(env, args).options;
    }

    @Test
    void one_backend_flag_or_variable_is_one_backend_as_before() {
        assertThat(parse(Map.of()).toConfig().pool().backends())
                .containsExactly(BackendSpec.of(URI.create("http://127.0.0.1:8080"), null));
        BridgeConfig fromEnv = parse(Map.of("LOCALBRIDGE_BACKEND", "http://gpu:9000")).toConfig();
        assertThat(fromEnv.backend()).isEqualTo(URI.create("http://gpu:9000"));
        assertThat(fromEnv.pool().backends()).hasSize(1);
    }

    @Test
    void several_backend_flags_make_a_pool_of_equals_sharing_the_key() {
        BridgeConfig config = parse(Map.of(), "--backend", "http://a:8080", "--backend", "http://b:8080",
                "--backend-api-key", "k").toConfig();
        assertThat(config.pool().backends()).containsExactly(
                BackendSpec.of(URI.create("http://a:8080"), "k"), BackendSpec.of(URI.create("http://b:8080"), "k"));
        assertThat(config.backend()).isEqualTo(URI.create("http://a:8080"));
    }

    @Test
    void slot_affinity_is_asked_for_since_a_unified_kv_cache_cannot_be_told_apart() {
        assertThat(parse(Map.of(), "--backend", "http://a:8080").toConfig().pool().primary().kind())
                .isEqualTo(dev.localbridge.config.BackendKind.AUTO);
        assertThat(parse(Map.of(), "--backend", "http://a:8080", "--slot-affinity").toConfig().pool().backends())
                .extracting(BackendSpec::kind).containsExactly(dev.localbridge.config.BackendKind.LLAMA_SERVER);
        assertThat(LlamaServerOptions.bridgeConfig(parse(Map.of()), URI.create("http://127.0.0.1:9999"), true)
                .pool().primary().kind()).isEqualTo(dev.localbridge.config.BackendKind.LLAMA_SERVER);
    }

    @Test
    void a_pool_file_replaces_the_backend_flags_and_is_not_read_from_localbridge_config(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("pool.yaml");
        Files.writeString(file, "backends:\n  - name: one\n    url: http://one:8080\n  - url: http://two:8080\n");
        ServeCommand serve = serve(Map.of("LOCALBRIDGE_CONFIG", dir.resolve("config.properties").toString()),
                "--config", file.toString());
        BridgeConfig config = serve.options.toConfig(serve.poolFile);
        assertThat(config.pool().backends()).extracting(BackendSpec::name).containsExactly("one", "two:8080");
        assertThat(config.backend()).isEqualTo(URI.create("http://one:8080"));
        assertThat(serve(Map.of("LOCALBRIDGE_CONFIG", file.toString())).poolFile).isNull();
    }

    @Test
    void a_wrong_pool_file_is_a_one_line_error_and_exit_code_2(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pool.yaml");
        Files.writeString(file, "backends:\n  - url: http://one:8080\n    weigth: 2\n");
        ServeCommand serve = new ServeCommand();
        CommandLine command = new CommandLine(serve).setDefaultValueProvider(new ConfigDefaults(Map.of(), null));
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        int code;
        try {
            System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
            code = command.execute("--config", file.toString());
        } finally {
            System.setErr(original);
        }
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("localbridge: unknown field backends[0].weigth");
    }
}
