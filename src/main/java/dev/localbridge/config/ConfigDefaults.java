package dev.localbridge.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;

/**
 * Picocli's default-value provider for the shared option groups ({@link SharedOptions}): the environment ({@code --backend} ← {@code LOCALBRIDGE_BACKEND}),
 * then the config file ({@code backend=…} in {@code ~/.config/localbridge/config.properties}), then the
 * option's own default. Flags given on the command line win over all of them.
 */
public final class ConfigDefaults implements CommandLine.IDefaultValueProvider {
    private final Map<String, String> environment;
    private final Properties file;

    public ConfigDefaults(Map<String, String> environment, Path configFile) {
        this.environment = Map.copyOf(environment);
        this.file = load(configFile);
    }

    public static ConfigDefaults fromSystem() {
        String explicit = System.getenv("LOCALBRIDGE_CONFIG");
        Path file = explicit != null && !explicit.isBlank() ? Path.of(explicit) : Paths.configFile();
        return new ConfigDefaults(System.getenv(), file);
    }

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec argument) {
        if (!(argument instanceof CommandLine.Model.OptionSpec option)) {
            return null;
        }
        if (!shared(option)) {
            return option.defaultValue();
        }
        String key = option.longestName().replaceFirst("^-+", "");
        String env = environment.get(envName(key));
        if (env != null && !env.isBlank()) {
            return env;
        }
        String fromFile = file.getProperty(key);
        if (fromFile != null && !fromFile.isBlank()) {
            return fromFile.strip();
        }
        return option.defaultValue();
    }

    /**
     * Only the option groups marked {@link SharedOptions} are configuration, as picocli's model of the command says:
     * the option belongs to such a group itself, or to a command that mixes one in and got the option from it. A
     * command's own switches ({@code map --check}) are not read from the environment.
     */
    static boolean shared(CommandLine.Model.OptionSpec option) {
        CommandLine.Model.CommandSpec command = option.command();
        if (command == null) {
            return false;
        }
        return command.userObject() instanceof SharedOptions || command.mixins().values().stream()
                .anyMatch(mixin -> mixin.userObject() instanceof SharedOptions && mixin.options().contains(option));
    }

    /** {@code backend-api-key} → {@code LOCALBRIDGE_BACKEND_API_KEY}. */
    public static String envName(String key) {
        return "LOCALBRIDGE_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static Properties load(Path path) {
        Properties properties = new Properties();
        if (path == null || !Files.isRegularFile(path)) {
            return properties;
        }
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config file " + path, e);
        }
    }
}
