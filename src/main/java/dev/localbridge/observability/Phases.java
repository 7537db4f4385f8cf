package dev.localbridge.observability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The phase of each request in flight: {@code counting} until the bridge has planned it (the prompt is being
 * counted), {@code generating} once the first token came, and in between {@code prefill}, or {@code queued} when the
 * backend's slots are all held by requests sent earlier (a backend serves its queue in order). With the slots
 * unknown (0), nothing is called queued.
 */
final class Phases {
    private final Map<ExchangeRecord, String> phases;
    private final long queued;

    private Phases(Map<ExchangeRecord, String> phases, long queued) {
        this.phases = phases;
        this.queued = queued;
    }

    /** Requests sent to the backend that wait for a slot. */
    long queued() {
        return queued;
    }

    static Phases of(List<ExchangeRecord> inFlight, int slots) {
        Map<ExchangeRecord, String> phases = new IdentityHashMap<>();
        List<ExchangeRecord> waiting = new ArrayList<>();
        int generating = 0;
        for (ExchangeRecord record : inFlight) {
            if (record.firstTokenNanos != 0) {
                phases.put(record, "generating");
                generating++;
            } else if (record.plannedNanos != 0) {
                waiting.add(record);
            } else {
                phases.put(record, "counting");
            }
        }
        waiting.sort(Comparator.comparingLong(r -> r.plannedNanos));
        int free = slots <= 0 ? Integer.MAX_VALUE : Math.max(0, slots - generating);
        long queued = 0;
        for (int i = 0; i < waiting.size(); i++) {
            boolean inSlot = i < free;
            phases.put(waiting.get(i), inSlot ? "prefill" : "queued");
            queued += inSlot ? 0 : 1;
        }
        return new Phases(phases, queued);
    }

    String of(ExchangeRecord record) {
        return phases.getOrDefault(record, "counting");
    }
}
