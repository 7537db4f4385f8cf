package dev.localbridge.routing;

import java.util.HashMap;
import java.util.Map;

/**
 * Which llama-server slot holds which conversation's KV cache, for one backend. A conversation goes back to its
 * own slot; a new one takes a slot no conversation holds, else one whose conversation has gone quiet, else the
 * least recently used idle slot (its conversation loses its cache there). A conversation whose slot is busy (a
 * second request of the same conversation) borrows another idle slot without moving. Not thread-safe: the pool
 * calls it under its lock. Time is passed in, so the table is pure.
 */
public final class SlotTable {
    /** No slot is idle: let the backend choose. */
    public static final int ANY = -1;

    private final String[] holder;
    private final long[] lastUsed;
    private final int[] busy;
    private final long quietNanos;
    private final Map<String, Integer> slotOf = new HashMap<>();

    public SlotTable(int slots, long quietNanos) {
        if (slots < 1) {
            throw new IllegalArgumentException("a slot table needs at least one slot, got " + slots);
        }
        this.holder = new String[slots];
        this.lastUsed = new long[slots];
        this.busy = new int[slots];
        this.quietNanos = quietNanos;
    }

    public int slots() {
        return holder.length;
    }

    /** The slot for the next request of {@code key}, marked busy until {@link #release}; {@link #ANY} if none is idle. */
    public int acquire(String key, long now) {
        Integer own = slotOf.get(key);
        if (own != null && busy[own] == 0) {
            return take(own, now);
        }
        int chosen = idleSlot(now);
        if (chosen == ANY) {
            return ANY;
        }
        if (own == null) {
            if (holder[chosen] != null) {
                slotOf.remove(holder[chosen]);
            }
            holder[chosen] = key;
            slotOf.put(key, chosen);
        }
        return take(chosen, now);
    }

    public void release(int slot, long now) {
        if (slot >= 0 && slot < busy.length && busy[slot] > 0) {
            busy[slot]--;
            lastUsed[slot] = now;
        }
    }

    /** The conversation holding {@code slot}, or null. */
    public String holder(int slot) {
        return holder[slot];
    }

    /** Conversations that hold a slot and used it within the quiet time. */
    public int held(long now) {
        int held = 0;
        for (int slot = 0; slot < holder.length; slot++) {
            if (holder[slot] != null && !quiet(slot, now)) {
                held++;
            }
        }
        return held;
    }

    private int take(int slot, long now) {
        busy[slot]++;
        lastUsed[slot] = now;
        return slot;
    }

    /** An idle slot: unheld first, then held by a quiet conversation, then the least recently used. */
    private int idleSlot(long now) {
        int best = ANY;
        int bestRank = Integer.MAX_VALUE;
        for (int slot = 0; slot < holder.length; slot++) {
            if (busy[slot] > 0) {
                continue;
            }
            int rank = holder[slot] == null ? 0 : quiet(slot, now) ? 1 : 2;
            if (rank < bestRank || (rank == bestRank && lastUsed[slot] < lastUsed[best])) {
                best = slot;
                bestRank = rank;
            }
        }
        return best;
    }

    private boolean quiet(int slot, long now) {
        return now - lastUsed[slot] >= quietNanos;
    }
}
