package dev.localbridge.loadbench;

import java.util.concurrent.ConcurrentHashMap;

/**
 * What the fake upstream saw of each request, by request id, on the harness's one clock ({@link System#nanoTime}):
 * when the whole request body had arrived, and when each token was handed to the socket.
 */
final class UpstreamStamps {
    private final ConcurrentHashMap<Long, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, long[]> counting = new ConcurrentHashMap<>();

    static final class Entry {
        final long received;
        final long[] sent;

        Entry(long received, int tokens) {
            this.received = received;
            this.sent = new long[tokens];
        }
    }

    /** A tokenizer call (template or tokenize) carrying request {@code id}'s marker was received and answered. */
    void counted(long id, long received, long answered) {
        if (id >= 0) {
            counting.merge(id, new long[] {received, answered},
                    (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
    }

    /** When the first marked tokenizer call of a request arrived and the last was answered, removed; or null. */
    long[] takeCounting(long id) {
        return counting.remove(id);
    }

    Entry received(long id, long nanos, int tokens) {
        Entry entry = new Entry(nanos, tokens);
        if (id >= 0) {
            entries.put(id, entry);
        }
        return entry;
    }

    /** The entry of a request, removed (each is read once), or null when the upstream never saw it. */
    Entry take(long id) {
        return entries.remove(id);
    }

    void clear() {
        entries.clear();
        counting.clear();
    }
}
