package dev.localbridge.backend;

import dev.localbridge.config.BackendSpec;
import dev.localbridge.config.BridgeConfig;
import dev.localbridge.config.PoolConfig;
import dev.localbridge.error.ApiException;
import dev.localbridge.routing.BackendView;
import dev.localbridge.routing.ConversationKey;
import dev.localbridge.routing.RoutingPolicy;
import dev.localbridge.routing.SlotTable;
import dev.localbridge.routing.Stickiness;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The backends the bridge spreads requests over. It orders them for each request ({@link RoutingPolicy}, with the
 * conversation's last backend first), hands out {@link Lease}s (a backend and, on llama-server, the conversation's
 * slot) up to each backend's capacity, and keeps requests that find every candidate full in a bounded queue, in
 * arrival order, for at most the configured wait; past it, or beyond the queue's size, they are refused with 529
 * {@code overloaded_error}, which Claude Code retries with backoff. A backend that failed a request is taken out
 * and probed again with a doubling backoff until it answers.
 *
 * <p>Called from every event loop: the bookkeeping is guarded by this object's lock, and listeners are called back
 * on the context that asked.
 */
public final class BackendPool implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BackendPool.class.getName());

    /** What a request hears from the pool: a lease, or that it waits, or a refusal. */
    public interface Listener {
        void granted(Lease lease);

        /** Every candidate is full: the request waits in the queue (a grant or a refusal follows). */
        void queued();

        void refused(ApiException error);
    }

    /** The right to run one request on {@code member}, in {@code slot} ({@link SlotTable#ANY}: the backend's choice). */
    public record Lease(PoolMember member, int slot) {
    }

    /** A request waiting in the queue; {@link #cancel} it when its client hangs up. */
    public final class Waiter {
        private final List<PoolMember> candidates;
        private final ConversationKey key;
        private final Listener listener;
        private final Context context;
        private long timer = -1;

        private Waiter(List<PoolMember> candidates, ConversationKey key, Listener listener, Context context) {
            this.candidates = candidates;
            this.key = key;
            this.listener = listener;
            this.context = context;
        }
    }

    private final Vertx vertx;
    private final PoolConfig config;
    private final List<PoolMember> members;
    private final Stickiness stickiness;
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    private final PoolCounters counters;
    private final Duration firstProbeWait;
    private final Promise<Void> firstProbes = Promise.promise();
    private volatile boolean closed;

    private BackendPool(Vertx vertx, PoolConfig config, List<PoolMember> members, Duration firstProbeWait) {
        this.vertx = vertx;
        this.config = config;
        this.firstProbeWait = firstProbeWait;
        this.members = List.copyOf(members);
        this.stickiness = new Stickiness(config.sessionQuiet().toNanos());
        this.counters = new PoolCounters(this.members);
    }

    /**
     * @param probeTimeout how long one probe of a backend may take
     * @param upstreamErrors how a backend's error answers to tokenizer calls are translated
     */
    public static BackendPool create(Vertx vertx, BridgeConfig config, Duration probeTimeout,
                                     LlamaCppTokenizer.ErrorTranslation upstreamErrors) {
        List<PoolMember> members = new ArrayList<>();
        for (BackendSpec spec : config.pool().backends()) {
            UpstreamClient client = new UpstreamClient(vertx, spec.url(), spec.key(), config.connectTimeout());
            BackendMonitor monitor = new BackendMonitor(vertx, new BackendProber(spec.url(), spec.key(),
                    probeTimeout), config.contextOverride(), config.probeInterval());
            members.add(new PoolMember(spec, client, monitor, new LlamaCppTokenizer(client, upstreamErrors),
                    config.pool().sessionQuiet().toNanos()));
        }
        return new BackendPool(vertx, config.pool(), members, probeTimeout);
    }

    /** Probes every member now (and then periodically); completes when every first probe has answered. */
    public Future<Void> start() {
        return start(null);
    }

    /** As {@link #start()}, taking each member's first probe from {@code early} when given. */
    public Future<Void> start(FirstProbes early) {
        List<Future<BackendInfo>> first = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            BackendMonitor monitor = members.get(i).monitor();
            first.add(early == null ? monitor.start() : monitor.start(early.of(i)));
        }
        return Future.join(first)
                .onSuccess(all -> {
                    if (members.size() > 1) {
                        members.forEach(m -> LOG.info(() -> "pool: " + m.name() + " at " + m.client().baseUrl()
                                + ": " + m.info().describe()));
                    }
                })
                .onComplete(all -> firstProbes.tryComplete())
                .mapEmpty();
    }

    /** Whether every member's first probe has answered (what requests are planned with is known). */
    public boolean probed() {
        return firstProbes.future().isComplete();
    }

    /**
     * Completes once every member's first probe has answered, or after at most the probe's timeout, whichever comes
     * first; at once when it has. A request that arrives while the bridge is still starting waits on it, so it is
     * planned with what the probe finds (context size, tokenizer, model) rather than with nothing. Completes on the
     * caller's context.
     */
    public Future<Void> firstProbes() {
        if (probed()) {
            return Future.succeededFuture();
        }
        Context context = vertx.getOrCreateContext();
        Promise<Void> ready = Promise.promise();
        long timer = vertx.setTimer(Math.max(1, firstProbeWait.toMillis()), t -> ready.tryComplete());
        firstProbes.future().onComplete(done -> context.runOnContext(v -> {
            vertx.cancelTimer(timer);
            ready.tryComplete();
        }));
        return ready.future();
    }

    public PoolMember primary() {
        return members.getFirst();
    }

    public List<PoolMember> members() {
        return members;
    }

    /**
     * The members to try for a request, in order: the routing policy's order among those that are up, else (none
     * is up) every member, so that the request finds out and a recovered backend is noticed at once.
     */
    public synchronized List<PoolMember> candidates(String model, ConversationKey key) {
        long now = System.nanoTime();
        String sticky = stickiness.backendOf(key.session(), now);
        Map<String, Integer> live = stickiness.live(now);
        List<BackendView> views = members.stream()
                .map(m -> m.view().withConversations(live.getOrDefault(m.name(), 0))).toList();
        List<BackendView> ordered = RoutingPolicy.order(model, sticky, views);
        return ordered.isEmpty() ? members : ordered.stream().map(this::member).toList();
    }

    /** A member with a larger context where a prompt of {@code tokens} fits (see {@link RoutingPolicy#larger}). */
    public synchronized PoolMember larger(long tokens, int minOutput, String model, PoolMember current) {
        BackendView found = RoutingPolicy.larger(tokens, minOutput, model, current.view(), views());
        return found == null ? null : member(found);
    }

    /**
     * Asks for a lease on the first candidate that is up and has room. When every candidate that is up is full the
     * request waits; when none is up the first candidate is leased anyway (the request then finds out).
     * Returns the waiter (to cancel) or null when answered at once.
     */
    public Waiter acquire(List<PoolMember> candidates, ConversationKey key, Listener listener) {
        Lease lease;
        Waiter waiter = null;
        ApiException refusal = null;
        synchronized (this) {
            lease = grant(candidates, key);
            if (lease == null && candidates.stream().noneMatch(PoolMember::up)) {
                lease = lease(candidates.getFirst(), key);
            } else if (lease == null && waiting.size() >= config.maxWaiting()) {
                counters.rejected.increment();
                refusal = ApiException.overloaded("every backend is busy and " + waiting.size()
                        + " requests are already waiting; retry later");
            } else if (lease == null) {
                waiter = new Waiter(List.copyOf(candidates), key, listener, vertx.getOrCreateContext());
                waiting.add(waiter);
                Waiter queued = waiter;
                waiter.timer = vertx.setTimer(Math.max(1, config.maxWait().toMillis()), t -> expire(queued));
            }
        }
        if (lease != null) {
            listener.granted(lease);
        } else if (refusal != null) {
            listener.refused(refusal);
        } else {
            listener.queued();
        }
        return waiter;
    }

    /** The request no longer wants its place in the queue. */
    public void cancel(Waiter waiter) {
        synchronized (this) {
            if (!waiting.remove(waiter)) {
                return;
            }
        }
        vertx.cancelTimer(waiter.timer);
    }

    /** The request on this lease has ended (answered, failed or cancelled): its slot and capacity are free. */
    public void release(Lease lease) {
        synchronized (this) {
            PoolMember member = lease.member();
            member.inFlight--;
            SlotTable slots = member.slots();
            if (slots != null) {
                slots.release(lease.slot(), System.nanoTime());
            }
        }
        pump();
    }

    /** A request failed on {@code member} before its answer began and goes to the next candidate. */
    public void failedOver(PoolMember member, String why) {
        counters.failovers.increment();
        takeOut(member, why);
    }

    /** Takes the member out until a probe, after a doubling backoff, finds it serving. */
    public void takeOut(PoolMember member, String why) {
        Duration wait;
        synchronized (this) {
            if (member.benched) {
                return;
            }
            wait = member.bench();
        }
        LOG.warning(() -> "backend " + member.name() + " taken out (" + why + "); probing it again in "
                + wait.toMillis() + " ms");
        probeLater(member, wait);
    }

    private void probeLater(PoolMember member, Duration wait) {
        if (closed) {
            return;
        }
        vertx.setTimer(Math.max(1, wait.toMillis()), t -> member.monitor().refresh().onComplete(probed -> {
            if (probed.succeeded() && probed.result().kind().serving()) {
                synchronized (this) {
                    member.rejoin();
                }
                LOG.info(() -> "backend " + member.name() + " rejoined the pool: " + probed.result().describe());
                pump();
            } else {
                Duration next;
                synchronized (this) {
                    next = member.bench();
                }
                probeLater(member, next);
            }
        }));
    }

    /** Requests waiting for a free slot now. */
    public synchronized int waiting() {
        return waiting.size();
    }

    /** The pool's gauges and counters in Prometheus text format. */
    public String prometheus() {
        synchronized (this) {
            return counters.prometheus(waiting.size());
        }
    }

    /** Each member as routing sees it now, in configuration order. */
    public synchronized List<BackendView> views() {
        return members.stream().map(PoolMember::view).toList();
    }

    /** Conversations holding a slot, per member with slot affinity (for {@code /health}). */
    public synchronized Map<String, Integer> heldSlots() {
        long now = System.nanoTime();
        return members.stream().filter(m -> m.slots() != null)
                .collect(Collectors.toMap(PoolMember::name, m -> m.slots().held(now)));
    }

    private void pump() {
        List<Runnable> grants = new ArrayList<>();
        synchronized (this) {
            for (Iterator<Waiter> it = waiting.iterator(); it.hasNext(); ) {
                Waiter waiter = it.next();
                Lease lease = grant(waiter.candidates, waiter.key);
                if (lease != null) {
                    it.remove();
                    vertx.cancelTimer(waiter.timer);
                    grants.add(() -> waiter.context.runOnContext(v -> waiter.listener.granted(lease)));
                }
            }
        }
        grants.forEach(Runnable::run);
    }

    private void expire(Waiter waiter) {
        synchronized (this) {
            if (!waiting.remove(waiter)) {
                return;
            }
        }
        counters.timeouts.increment();
        waiter.context.runOnContext(v -> waiter.listener.refused(ApiException.overloaded("every backend stayed busy"
                + " for " + config.maxWait().toMillis() + " ms (the queue's limit); retry later")));
    }

    /** Under the lock: a lease on the first candidate that is up and has room, or null. */
    private Lease grant(List<PoolMember> candidates, ConversationKey key) {
        for (PoolMember member : candidates) {
            if (member.up() && member.view().hasRoom()) {
                return lease(member, key);
            }
        }
        return null;
    }

    private Lease lease(PoolMember member, ConversationKey key) {
        long now = System.nanoTime();
        member.inFlight++;
        stickiness.remember(key.session(), member.name(), now);
        SlotTable slots = member.slots();
        counters.leased(member);
        return new Lease(member, slots == null ? SlotTable.ANY : slots.acquire(key.prefix(), now));
    }

    private PoolMember member(BackendView view) {
        return member(view.name());
    }

    /** Looks a member up by name. */
    public PoolMember member(String name) {
        return members.stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
    }

    @Override
    public void close() {
        closed = true;
        for (PoolMember member : members) {
            member.monitor().stop();
            member.client().close();
        }
    }
}
