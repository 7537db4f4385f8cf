package dev.localbridge.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Orders the pool for one request, purely from a snapshot of the members. A conversation stays on the backend
 * it used last (its prompt cache is there) unless that backend is down or full; a new conversation goes to the
 * least-loaded backend that serves the model: fewest running requests per unit of weight, then fewest live
 * conversations per unit of weight (so one-at-a-time traffic still spreads, and each backend's slots hold their
 * share of conversations). The order is also the
 * failover order. When no member that is up claims the model, every member that is up is a candidate: a request
 * is better answered by another model than refused.
 */
public final class RoutingPolicy {
    private static final Comparator<BackendView> BY_LOAD = Comparator.comparingDouble(BackendView::load)
            .thenComparingDouble(BackendView::crowding);

    private RoutingPolicy() {
    }

    /**
     * @param model the model the request wants, or null for none in particular
     * @param sticky the name of the backend the conversation used last, or null
     */
    public static List<BackendView> order(String model, String sticky, List<BackendView> backends) {
        List<BackendView> up = backends.stream().filter(BackendView::up).toList();
        List<BackendView> serving = up.stream().filter(b -> b.serves(model)).toList();
        if (serving.isEmpty()) {
            serving = up;
        }
        List<BackendView> withRoom = new ArrayList<>();
        List<BackendView> full = new ArrayList<>();
        BackendView stuck = null;
        for (BackendView backend : serving) {
            if (backend.name().equals(sticky)) {
                stuck = backend;
            } else if (backend.hasRoom()) {
                withRoom.add(backend);
            } else {
                full.add(backend);
            }
        }
        withRoom.sort(BY_LOAD);
        full.sort(BY_LOAD);
        List<BackendView> ordered = new ArrayList<>(serving.size());
        if (stuck != null && stuck.hasRoom()) {
            ordered.add(stuck);
        }
        ordered.addAll(withRoom);
        if (stuck != null && !stuck.hasRoom()) {
            ordered.add(stuck);
        }
        ordered.addAll(full);
        return List.copyOf(ordered);
    }

    /**
     * A prompt of {@code tokens} leaves less than {@code minOutput} tokens of room on {@code current}: the member
     * that is up with a larger context where it fits (one serving {@code model} first, then the smallest such
     * context, then the least loaded), else the one with the largest context beyond {@code current}'s, else null.
     */
    public static BackendView larger(long tokens, int minOutput, String model, BackendView current,
                                     List<BackendView> backends) {
        List<BackendView> larger = backends.stream()
                .filter(b -> b.up() && b.nCtx() > current.nCtx() && !b.name().equals(current.name()))
                .toList();
        return larger.stream()
                .filter(b -> b.nCtx() - tokens >= minOutput)
                .min(Comparator.comparing((BackendView b) -> !b.serves(model))
                        .thenComparingInt(BackendView::nCtx)
                        .thenComparing(BY_LOAD))
                .orElseGet(() -> larger.stream().max(Comparator.comparingInt(BackendView::nCtx)).orElse(null));
    }
}
