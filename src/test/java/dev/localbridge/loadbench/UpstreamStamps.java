package dev.localbridge.loadbench;

import java.util.concurrent.ConcurrentHashMap;

/**
 * What the fake upstream saw of each request, by request id, on the harness's one clock ({@link System#nanoTime}):
 * when the whole request body had arrived, and when each token was handed to the socket.
 */
final class UpstreamStamps {
    private final ConcurrentHashMap<Long, Entry> entries = new ConcurrentHashMap<>();

    static final class Entry {
        final long received;
        final long[] sent;

        Entry(long received, int tokens) {
            this.received = received;
            this.sent = new long[tokens];
        }
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
    }
}
