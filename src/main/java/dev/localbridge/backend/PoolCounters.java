package dev.localbridge.backend;

import dev.localbridge.routing.BackendView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** The pool's counters and, with its members' state, its part of {@code /metrics}. */
final class PoolCounters {
    final LongAdder failovers = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder rejected = new LongAdder();
    private final List<PoolMember> members;
    private final Map<String, LongAdder> requests = new LinkedHashMap<>();

    PoolCounters(List<PoolMember> members) {
        this.members = members;
        members.forEach(member -> requests.put(member.name(), new LongAdder()));
    }

    void leased(PoolMember member) {
        requests.get(member.name()).increment();
    }

    /** Called under the pool's lock. */
    String prometheus(int waiting) {
        StringBuilder out = new StringBuilder(512);
        metric(out, "localbridge_pool_queue_depth", "gauge", "Requests waiting in the bridge for a free backend slot",
                waiting);
        metric(out, "localbridge_queue_timeouts_total", "counter",
                "Requests answered 529 after waiting the queue's limit", timeouts.sum());
        metric(out, "localbridge_queue_rejections_total", "counter",
                "Requests answered 529 at once because the queue was full", rejected.sum());
        metric(out, "localbridge_failovers_total", "counter",
                "Requests sent to another backend after one failed before answering", failovers.sum());
        header(out, "localbridge_pool_backend_up", "gauge", "Whether the pool sends the backend requests (probed"
                + " serving and not taken out after a failure)");
        for (PoolMember member : members) {
            labelled(out, "localbridge_pool_backend_up", member.name(), member.up() ? 1 : 0);
        }
        header(out, "localbridge_backend_in_flight", "gauge", "Requests running on the backend");
        for (PoolMember member : members) {
            BackendView view = member.view();
            labelled(out, "localbridge_backend_in_flight", member.name(), view.inFlight());
        }
        header(out, "localbridge_backend_requests_total", "counter", "Requests sent to the backend");
        requests.forEach((name, count) -> labelled(out, "localbridge_backend_requests_total", name, count.sum()));
        return out.toString();
    }

    private static void metric(StringBuilder out, String name, String type, String help, long value) {
        header(out, name, type, help);
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void labelled(StringBuilder out, String name, String backend, long value) {
        out.append(name).append("{backend=\"").append(backend.replace("\\", "\\\\").replace("\"", "\\\""))
                .append("\"} ").append(value).append('\n');
    }
}
