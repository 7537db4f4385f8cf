package dev.localbridge.config;

/**
 * The pool file's {@code routes}: the model side requests go to, and the model thinking requests go to.
 *
 * @param background a small fast model for haiku-family and side requests, or null
 * @param reasoning a reasoning model for requests with thinking on, or null
 */
public record ScenarioModels(String background, String reasoning) {
    public static final ScenarioModels NONE = new ScenarioModels(null, null);
}
