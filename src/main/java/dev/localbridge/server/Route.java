package dev.localbridge.server;

import dev.localbridge.anthropic.MessagesRequest;
import dev.localbridge.backend.PoolMember;
import dev.localbridge.routing.ConversationKey;
import dev.localbridge.routing.RequestKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Where one messages request may run: what it is, whose conversation, the model it wants (null: each backend's
 * own) and the backends to try, in order (the first is preferred; the rest are the failover order); {@code large}:
 * the request is translated and serialised off the event loop.
 */
record Route(MessagesRequest request, RequestKind kind, ConversationKey key, String model,
             List<PoolMember> candidates, boolean large) {
    Route {
        candidates = List.copyOf(candidates);
    }

    /** The same route with {@code first} tried first. */
    Route startingWith(PoolMember first) {
        List<PoolMember> reordered = new ArrayList<>(candidates.size() + 1);
        reordered.add(first);
        candidates.stream().filter(member -> member != first).forEach(reordered::add);
        return new Route(request, kind, key, model, reordered, large);
    }
}
