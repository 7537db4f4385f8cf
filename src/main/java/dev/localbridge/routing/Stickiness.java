package dev.localbridge.routing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The backend each conversation used last, forgotten once the conversation has been quiet for the quiet time
 * (and the oldest beyond a bound, so it never grows without limit). Time is passed in; callers synchronise.
 */
public final class Stickiness {
    private static final int MAX_CONVERSATIONS = 10_000;

    private record Used(String backend, long lastUsed) {
    }

    private final long quietNanos;
    private final Map<String, Used> entries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Used> eldest) {
            return size() > MAX_CONVERSATIONS;
        }
    };

    public Stickiness(long quietNanos) {
        this.quietNanos = quietNanos;
    }

    /** The backend the conversation used last, or null if new or quiet. */
    public String backendOf(String session, long now) {
        Used entry = entries.get(session);
        if (entry == null) {
            return null;
        }
        if (now - entry.lastUsed() >= quietNanos) {
            entries.remove(session);
            return null;
        }
        return entry.backend();
    }

    public void remember(String session, String backend, long now) {
        entries.put(session, new Used(backend, now));
    }

    /** Conversations on each backend that are not quiet at {@code now}. */
    public java.util.Map<String, Integer> live(long now) {
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        for (Used used : entries.values()) {
            if (now - used.lastUsed() < quietNanos) {
                counts.merge(used.backend(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** Conversations currently remembered. */
    public int size() {
        return entries.size();
    }
}
