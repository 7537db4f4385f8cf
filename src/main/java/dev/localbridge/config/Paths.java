package dev.localbridge.config;

import java.nio.file.Path;

/** Where Local Bridge keeps its configuration and state: {@code $LOCALBRIDGE_HOME}, else {@code ~/.config/localbridge}. */
public final class Paths {
    private Paths() {
    }

    public static Path home() {
        String explicit = System.getenv("LOCALBRIDGE_HOME");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("localbridge");
    }

    public static Path configFile() {
        return home().resolve("config.properties");
    }

    public static Path installKey() {
        return home().resolve("install.key");
    }
}
