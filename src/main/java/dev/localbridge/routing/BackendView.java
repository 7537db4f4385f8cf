package dev.localbridge.routing;

import java.util.List;
import java.util.Objects;

/**
 * What routing sees of one pool member at one moment: its name, whether it takes requests, the models it was
 * configured to serve (empty: whatever it serves), the model it reported (may be null), its context per request
 * (0 unknown), the requests it is running, how many it may run at once (0: no limit), its weight, and the
 * conversations that used it last and are not quiet yet.
 */
public record BackendView(String name, boolean up, List<String> models, String reportedModel, int nCtx,
                          int inFlight, int capacity, int weight, int conversations) {
    public BackendView {
        Objects.requireNonNull(name);
        models = List.copyOf(models);
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be at least 1, got " + weight);
        }
    }

    /** Whether it can start one more request now. */
    public boolean hasRoom() {
        return capacity <= 0 || inFlight < capacity;
    }

    /** Whether it serves {@code model}; null asks for no model in particular. */
    public boolean serves(String model) {
        if (model == null) {
            return true;
        }
        return models.isEmpty() ? model.equals(reportedModel) : models.contains(model);
    }

    /** Running requests per unit of weight: lower is less loaded. */
    double load() {
        return (double) inFlight / weight;
    }

    /** Live conversations per unit of weight: where a new conversation's cache has the most room. */
    double crowding() {
        return (double) conversations / weight;
    }

    /** The same backend with this many live conversations. */
    public BackendView withConversations(int count) {
        return new BackendView(name, up, models, reportedModel, nCtx, inFlight, capacity, weight, count);
    }
}
