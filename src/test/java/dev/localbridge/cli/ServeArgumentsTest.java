package dev.localbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.config.ConfigDefaults;
import dev.localbridge.config.ConfiguredValues;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The fast start's reading of {@code serve} is picocli's reading, or none at all (then picocli reads it). */
class ServeArgumentsTest {
    private static final String NO_DEFAULT = "__no_default_value__";

    @TempDir
    Path dir;

    /** Every {@code @Option} field of {@code serve}: its own and its mixin's (the shared options). */
    private static Map<String, Field> optionFields() {
        Map<String, Field> fields = new LinkedHashMap<>();
        for (Class<?> type : List.of(BridgeOptions.class, ServeCommand.class)) {
            for (Field field : type.getDeclaredFields()) {
                CommandLine.Option option = field.getAnnotation(CommandLine.Option.class);
                if (option != null) {
                    assertThat(option.names()).as(field.getName()).hasSize(1);
                    fields.put(option.names()[0], field);
                }
            }
        }
        return fields;
    }

    @Test
    void every_option_of_serve_is_listed_with_picocli_s_name_default_and_split() {
        Map<String, Field> fields = optionFields();
        assertThat(ServeArguments.OPTIONS.stream().map(ServeArguments.Spec::name))
                .containsExactlyInAnyOrderElementsOf(fields.keySet());
        for (ServeArguments.Spec spec : ServeArguments.OPTIONS) {
            Field field = fields.get(spec.name());
            CommandLine.Option option = field.getAnnotation(CommandLine.Option.class);
            String declared = option.defaultValue().equals(NO_DEFAULT) ? null : option.defaultValue();
            assertThat(spec.defaultValue()).as(spec.name()).isEqualTo(declared);
            assertThat(spec.shared()).as(spec.name()).isEqualTo(field.getDeclaringClass() == BridgeOptions.class);
            assertThat(option.split()).as(spec.name()).isEqualTo(spec.multiple() ? "," : "");
            assertThat(option.arity()).as(spec.name()).isEmpty();
        }
    }

    @Test
    void plain_command_lines_read_the_same_as_picocli_reads_them() throws IOException {
        Path file = Files.writeString(dir.resolve("config.properties"),
                "port=9001\nmodel-map=opus=big\nslot-affinity=false\nrequest-log= " + dir.resolve("r.jsonl") + " \n");
        List<Map<String, String>> environments = List.of(Map.of(),
                Map.of("LOCALBRIDGE_BACKEND", "http://a:1,http://b:2", "LOCALBRIDGE_API_KEYS", "k1,k2",
                        "LOCALBRIDGE_ALLOW_PUBLIC_BACKEND", "TRUE", "LOCALBRIDGE_LOOP_DETECTION", "off",
                        "LOCALBRIDGE_CONFIG_IGNORED", "x", "LOCALBRIDGE_CTX", "4096"));
        List<List<String>> lines = List.of(
                List.of(),
                List.of("--port", "8090", "--backend", "http://gpu:8080"),
                List.of("--port=8091", "--host=0.0.0.0", "--ctx", "1"),
                List.of("--backend", "http://a:8080", "--backend", "http://b:8080,http://c:8080", "--slot-affinity"),
                List.of("--model-map", "opus=qwen3,haiku=small", "--model-map", "default=x=y"),
                List.of("--api-keys", "one,two", "--backend-api-key", "sk-1"),
                List.of("--slot-affinity", "--backend", "http://a:8080"),
                List.of("--ctx=-5", "--max-body-mb", "64", "--upstream-idle-s", "5", "--image-urls", "refused"),
                List.of("--loop-detection", "100,4,200", "--request-log", "log.jsonl", "--config", "pool.yaml"),
                List.of("--ping-interval-ms", "500", "--count-grace-ms", "0", "--output-ceiling", "2048",
                        "--min-output-tokens", "512", "--upstream-first-byte-s", "9",
                        "--upstream-prefill-s-per-1k", "3", "--upstream-error-body-kb", "8",
                        "--header-timeout-s", "4", "--body-timeout-s", "5", "--max-connections", "10",
                        "--max-connections-per-client", "3", "--max-concurrent-requests", "7",
                        "--max-inflight-mb", "9"));
        int read = 0;
        for (Path configFile : new Path[] {null, file}) {
            for (Map<String, String> env : environments) {
                for (List<String> line : lines) {
                    List<String> args = new ArrayList<>(List.of("serve"));
                    args.addAll(line);
                    Optional<ServeCommand> fast = ServeArguments.read(args.toArray(String[]::new),
                            new ConfiguredValues(env, configFile));
                    assertThat(fast).as("read fast: " + line + " " + env + " " + configFile).isPresent();
                    assertThat(values(fast.get())).as(line + " " + env + " " + configFile)
                            .isEqualTo(values(picocli(env, configFile, line)));
                    read++;
                }
            }
        }
        assertThat(read).isEqualTo(2 * environments.size() * lines.size());
    }

    @Test
    void what_it_might_read_otherwise_than_picocli_is_left_to_picocli() {
        List<List<String>> lines = List.of(
                List.of("--help"), List.of("-h"), List.of("--version"), List.of("-V"), List.of("--prot", "1"),
                List.of("--port", "abc"), List.of("--port", "010"), List.of("--port", "1", "--port", "2"),
                List.of("--port", "99999999999"), List.of("--backend-api-key", "-k"), List.of("@args.txt"),
                List.of("--host", "\"x\""), List.of("--api-keys", "a,,b"), List.of("--model-map", "opus"),
                List.of("--slot-affinity=true"), List.of("--port"), List.of("--loop-detection", "1,2"),
                List.of("--backend", "http://a b"), List.of("--host", "${env:HOME}"), List.of("positional"),
                List.of("--", "--port", "1"));
        for (List<String> line : lines) {
            List<String> args = new ArrayList<>(List.of("serve"));
            args.addAll(line);
            assertThat(ServeArguments.read(args.toArray(String[]::new), new ConfiguredValues(Map.of(), null)))
                    .as(line.toString()).isEmpty();
        }
        assertThat(ServeArguments.read(new String[] {"serve"},
                new ConfiguredValues(Map.of("LOCALBRIDGE_PORT", "08"), null))).as("a configured value too").isEmpty();
        assertThat(ServeArguments.read(new String[] {"serve", "--slot-affinity"},
                new ConfiguredValues(Map.of("LOCALBRIDGE_SLOT_AFFINITY", "true"), null)))
                .as("a flag given that is on by configuration").isEmpty();
        assertThat(ServeArguments.read(new String[] {"up"}, new ConfiguredValues(Map.of(), null))).isEmpty();
        assertThat(ServeArguments.read(new String[] {}, new ConfiguredValues(Map.of(), null))).isEmpty();
    }

    private static ServeCommand picocli(Map<String, String> env, Path configFile, List<String> line) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).setDefaultValueProvider(new ConfigDefaults(env, configFile))
                .parseArgs(line.toArray(String[]::new));
        return serve;
    }

    /** Every option's value, by name. */
    private static Map<String, Object> values(ServeCommand serve) {
        Map<String, Object> values = new LinkedHashMap<>();
        optionFields().forEach((name, field) -> {
            try {
                values.put(name, field.get(field.getDeclaringClass() == ServeCommand.class ? serve : serve.options));
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        });
        return values;
    }

    @Test
    void a_default_backend_list_is_a_list_of_uris() {
        ServeCommand serve = ServeArguments.read(new String[] {"serve"}, new ConfiguredValues(Map.of(), null))
                .orElseThrow();
        assertThat(serve.options.backends).containsExactly(URI.create("http://127.0.0.1:8080"));
    }
}
