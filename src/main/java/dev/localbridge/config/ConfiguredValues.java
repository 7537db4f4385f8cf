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

/**
 * The configured value of a shared option, by its long name without dashes: {@code LOCALBRIDGE_<NAME>} from the
 * environment, else {@code name=} in the config file ({@code ~/.config/localbridge/config.properties}, or
 * {@code LOCALBRIDGE_CONFIG}). Free of picocli, so the fast start of {@code serve} can read it too; picocli reads it
 * through {@link ConfigDefaults}.
 */
public final class ConfiguredValues {
    private final Map<String, String> environment;
    private final Properties file;

    public ConfiguredValues(Map<String, String> environment, Path configFile) {
        this.environment = Map.copyOf(environment);
        this.file = load(configFile);
    }

    public static ConfiguredValues fromSystem() {
        String explicit = System.getenv("LOCALBRIDGE_CONFIG");
        Path file = explicit != null && !explicit.isBlank() ? Path.of(explicit) : Paths.configFile();
        return new ConfiguredValues(System.getenv(), file);
    }

    /** The value of {@code key} ({@code backend-api-key}): the environment's, else the file's (stripped), else null. */
    public String get(String key) {
        String env = environment.get(envName(key));
        if (env != null && !env.isBlank()) {
            return env;
        }
        String fromFile = file.getProperty(key);
        if (fromFile != null && !fromFile.isBlank()) {
            return fromFile.strip();
        }
        return null;
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
