package dev.localbridge.config;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/**
 * Picocli's default-value provider for the shared option groups ({@link SharedOptions}): the environment ({@code --backend} ← {@code LOCALBRIDGE_BACKEND}),
 * then the config file ({@code backend=…} in {@code ~/.config/localbridge/config.properties}), then the
 * option's own default. Flags given on the command line win over all of them.
 */
public final class ConfigDefaults implements CommandLine.IDefaultValueProvider {
    private final ConfiguredValues configured;

    public ConfigDefaults(Map<String, String> environment, Path configFile) {
        this(new ConfiguredValues(environment, configFile));
    }

    public ConfigDefaults(ConfiguredValues configured) {
        this.configured = configured;
    }

    public static ConfigDefaults fromSystem() {
        return new ConfigDefaults(ConfiguredValues.fromSystem());
    }

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec argument) {
        if (!(argument instanceof CommandLine.Model.OptionSpec option)) {
            return null;
        }
        if (!shared(option)) {
            return option.defaultValue();
        }
        String value = configured.get(option.longestName().replaceFirst("^-+", ""));
        return value != null ? value : option.defaultValue();
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
        return ConfiguredValues.envName(key);
    }
}
