package dev.localbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine;

class ConfigDefaultsTest {
    @TempDir
    Path dir;

    /** Shared options, marked like the CLI's BridgeOptions. */
    static final class SampleOptions implements SharedOptions {
        @CommandLine.Option(names = "--backend", defaultValue = "http://127.0.0.1:8080")
        String backend;

        @CommandLine.Option(names = {"-k", "--backend-api-key"})
        String backendApiKey;

        @CommandLine.Option(names = "--port", defaultValue = "8082")
        int port;

        @CommandLine.Option(names = "--host", defaultValue = "127.0.0.1")
        String host;
    }

    /** A command that mixes the shared options in and has a switch of its own, like {@code map --check}. */
    @CommandLine.Command(name = "sample")
    static final class SampleCommand {
        @CommandLine.Mixin
        SampleOptions options = new SampleOptions();

        @CommandLine.Option(names = "--check")
        boolean check;
    }

    /** Named {@code ...Options} but not marked: a class name no longer makes options configuration. */
    static final class UnmarkedOptions {
        @CommandLine.Option(names = "--verbose")
        boolean verbose;
    }

    private static OptionSpec option(Object holder, String name) {
        return CommandSpec.forAnnotatedObject(holder).findOption(name);
    }

    /** {@code --backend} as a command that mixes the shared options in sees it. */
    private static OptionSpec backend() {
        return option(new SampleCommand(), "--backend");
    }

    private Path configFile(String content) throws IOException {
        Path file = dir.resolve("config.properties");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void the_environment_beats_the_config_file() throws IOException {
        ConfigDefaults defaults = new ConfigDefaults(Map.of("LOCALBRIDGE_BACKEND", "http://env:1"),
                configFile("backend=http://file:2\n"));

        assertThat(defaults.defaultValue(backend())).isEqualTo("http://env:1");
    }

    @Test
    void the_config_file_beats_the_option_default() throws IOException {
        ConfigDefaults defaults = new ConfigDefaults(Map.of(), configFile("# comment\nbackend = http://file:2  \n"));

        assertThat(defaults.defaultValue(backend())).isEqualTo("http://file:2");
    }

    @Test
    void the_option_default_is_used_when_nothing_else_is_set() {
        ConfigDefaults defaults = new ConfigDefaults(Map.of("OTHER", "x"), dir.resolve("missing.properties"));

        assertThat(defaults.defaultValue(backend())).isEqualTo("http://127.0.0.1:8080");
    }

    @Test
    void blank_values_fall_through_to_the_next_source() throws IOException {
        ConfigDefaults defaults = new ConfigDefaults(Map.of("LOCALBRIDGE_BACKEND", "  "), configFile("backend=\n"));

        assertThat(defaults.defaultValue(backend())).isEqualTo("http://127.0.0.1:8080");
    }

    @Test
    void no_config_file_at_all_is_fine() {
        ConfigDefaults defaults = new ConfigDefaults(Map.of(), null);

        assertThat(defaults.defaultValue(backend())).isEqualTo("http://127.0.0.1:8080");
    }

    @Test
    void the_longest_option_name_is_the_key() throws IOException {
        OptionSpec option = option(new SampleCommand(), "--backend-api-key");

        assertThat(new ConfigDefaults(Map.of("LOCALBRIDGE_BACKEND_API_KEY", "sk-env"), null).defaultValue(option))
                .isEqualTo("sk-env");
        assertThat(new ConfigDefaults(Map.of(), configFile("backend-api-key=sk-file")).defaultValue(option))
                .isEqualTo("sk-file");
        assertThat(new ConfigDefaults(Map.of(), null).defaultValue(option)).isNull();
    }

    @Test
    void positional_parameters_get_no_default() {
        PositionalParamSpec positional = PositionalParamSpec.builder().type(String.class).defaultValue("x").build();

        assertThat(new ConfigDefaults(Map.of("LOCALBRIDGE_X", "y"), null).defaultValue(positional)).isNull();
    }

    @Test
    void env_names_are_upper_case_with_underscores() {
        assertThat(ConfigDefaults.envName("backend")).isEqualTo("LOCALBRIDGE_BACKEND");
        assertThat(ConfigDefaults.envName("backend-api-key")).isEqualTo("LOCALBRIDGE_BACKEND_API_KEY");
        assertThat(ConfigDefaults.envName("ping-interval")).isEqualTo("LOCALBRIDGE_PING_INTERVAL");
    }

    @Test
    void picocli_uses_the_defaults_and_a_flag_on_the_command_line_still_wins() throws IOException {
        ConfigDefaults defaults = new ConfigDefaults(Map.of("LOCALBRIDGE_PORT", "9000"),
                configFile("backend=http://file:2\nport=7000\n"));

        CommandSpec spec = CommandSpec.forAnnotatedObject(new SampleCommand());
        CommandLine commandLine = new CommandLine(spec).setDefaultValueProvider(defaults);

        commandLine.parseArgs("--backend", "http://flag:3");

        assertThat((String) spec.findOption("--backend").getValue()).isEqualTo("http://flag:3");
        assertThat((Integer) spec.findOption("--port").getValue()).isEqualTo(9000);
        assertThat((String) spec.findOption("--host").getValue()).isEqualTo("127.0.0.1");
    }

    @Test
    void a_commands_own_switches_are_not_read_from_the_environment() {
        ConfigDefaults defaults = new ConfigDefaults(Map.of("LOCALBRIDGE_CHECK", "true"), null);

        assertThat(defaults.defaultValue(option(new SampleCommand(), "--check"))).isNull();
    }

    @Test
    void a_commands_own_switch_stays_off_when_parsed_with_the_environment_set() {
        ConfigDefaults defaults = new ConfigDefaults(Map.of("LOCALBRIDGE_CHECK", "true", "LOCALBRIDGE_PORT", "9000"),
                null);
        SampleCommand command = new SampleCommand();

        new CommandLine(command).setDefaultValueProvider(defaults).parseArgs();

        assertThat(command.check).isFalse();
        assertThat(command.options.port).isEqualTo(9000);
    }

    @Test
    void options_of_a_group_that_is_not_marked_shared_are_not_configuration() {
        ConfigDefaults defaults = new ConfigDefaults(Map.of("LOCALBRIDGE_VERBOSE", "true"), null);

        assertThat(defaults.defaultValue(option(new UnmarkedOptions(), "--verbose"))).isNull();
    }
}
