package dev.localbridge.config;

/**
 * Marks a picocli option group (a {@code @Mixin}) whose options are configuration: {@link ConfigDefaults} gives
 * them defaults from {@code LOCALBRIDGE_<NAME>} and the config file. A command's own switches are never marked, so
 * {@code LOCALBRIDGE_CHECK} cannot turn on {@code map --check}.
 */
public interface SharedOptions {
}
