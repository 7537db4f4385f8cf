package dev.localbridge.routing;

import dev.localbridge.anthropic.MessagesRequest;
import dev.localbridge.config.ModelMap;
import dev.localbridge.config.ScenarioModels;

/**
 * Scenario routing: which model a request wants before any backend is chosen. Haiku-family requests and side
 * requests (title, compaction, probes) go to the {@code background} model when one is configured; requests with
 * thinking on go to the {@code reasoning} model when one is configured; everything else follows the model map.
 * Null means no model in particular (each backend then serves its own).
 */
public final class Scenarios {
    private Scenarios() {
    }

    public static String target(ScenarioModels models, MessagesRequest request, RequestKind kind, ModelMap map) {
        if (models.background() != null && (kind.side() || "haiku".equals(ModelMap.familyOf(request.model())))) {
            return models.background();
        }
        if (models.reasoning() != null && request.thinking().on()) {
            return models.reasoning();
        }
        return map.mapped(request.model());
    }
}
