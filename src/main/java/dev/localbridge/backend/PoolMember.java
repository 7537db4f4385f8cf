package dev.localbridge.backend;

import dev.localbridge.budget.ConversationSizes;
import dev.localbridge.budget.TokenCounter;
import dev.localbridge.config.BackendSpec;
import dev.localbridge.routing.BackendView;
import dev.localbridge.routing.SlotTable;
import java.time.Duration;

/**
 * One backend of the pool with everything that is its own: its HTTP client, its monitor (kind, {@code n_ctx},
 * slots), its token counter (its own template and tokenizer) and conversation sizes, and the pool's bookkeeping
 * about it: requests running, slot table, and health (taken out after a failure, with a backoff that doubles up to
 * a limit, until a probe finds it serving again). The bookkeeping is guarded by the pool's lock.
 */
public final class PoolMember {
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final BackendSpec spec;
    private final UpstreamClient client;
    private final BackendMonitor monitor;
    private final TokenCounter counter;
    private final ConversationSizes sizes = new ConversationSizes();
    private final long quietNanos;

    // Guarded by the pool's lock.
    int inFlight;
    boolean benched;
    int failures;
    private SlotTable slots;

    PoolMember(BackendSpec spec, UpstreamClient client, BackendMonitor monitor, LlamaCppTokenizer tokenizer,
               long quietNanos) {
        this.spec = spec;
        this.client = client;
        this.monitor = monitor;
        this.counter = new TokenCounter(tokenizer);
        this.quietNanos = quietNanos;
    }

    public String name() {
        return spec.name();
    }

    public BackendSpec spec() {
        return spec;
    }

    public UpstreamClient client() {
        return client;
    }

    public BackendMonitor monitor() {
        return monitor;
    }

    public TokenCounter counter() {
        return counter;
    }

    public ConversationSizes sizes() {
        return sizes;
    }

    public BackendInfo info() {
        return monitor.current();
    }

    /** Most requests at once: as configured, else llama-server's slots, else no limit (0). */
    int capacity() {
        if (spec.maxConcurrent() > 0) {
            return spec.maxConcurrent();
        }
        BackendInfo info = info();
        return info.kind() == BackendInfo.Kind.LLAMA_CPP ? Math.max(1, info.slots()) : 0;
    }

    boolean up() {
        return info().kind().serving() && !benched;
    }

    BackendView view() {
        BackendInfo info = info();
        return new BackendView(name(), up(), spec.models(), info.model(), info.nCtx(), inFlight, capacity(),
                spec.weight(), 0);
    }

    /** The slot table when conversations are pinned to slots here (llama-server with two slots or more), else null. */
    SlotTable slots() {
        BackendInfo info = info();
        boolean pin = spec.kind().slotAffinity(info.kind() == BackendInfo.Kind.LLAMA_CPP) && info.slots() >= 2;
        if (!pin) {
            return null;
        }
        if (slots == null || slots.slots() != info.slots()) {
            slots = new SlotTable(info.slots(), quietNanos);
        }
        return slots;
    }

    /** Takes the member out until a probe finds it serving; returns how long until that probe. */
    Duration bench() {
        failures++;
        benched = true;
        return Duration.ofMillis(Math.min(MAX_BACKOFF.toMillis(),
                FIRST_BACKOFF.toMillis() << Math.min(failures - 1, 20)));
    }

    void rejoin() {
        failures = 0;
        benched = false;
    }
}
