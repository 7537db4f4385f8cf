package dev.localbridge.loadbench;

import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs N concurrent Claude Code-shaped conversations against one contender for a while: each of N workers
 * goes through a conversation's requests one after another (side request, first turn, second turn), then
 * starts a new conversation, until the time is up. Workers start spread over the first second, every request
 * from the client's event loop.
 */
final class Runner {
    private static final AtomicLong IDS = new AtomicLong(1);
    private final StreamClient client;
    private final Workload workload;

    Runner(StreamClient client, Workload workload) {
        this.client = client;
        this.workload = workload;
    }

    /** Every request of {@code workers} workers over {@code seconds}; each worker finishes its current request. */
    List<Sample> run(Contender target, int workers, double seconds, int tokens, List<Workload.Step> steps)
            throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        CountDownLatch finished = new CountDownLatch(workers);
        for (int w = 0; w < workers; w++) {
            long startAfter = workers == 1 ? 0 : (long) (1e9 * w / workers);
            client.later(startAfter, () -> conversation(target, steps, 0, IDS.getAndIncrement(), 0, deadline, tokens,
                    samples).onComplete(done -> finished.countDown()));
        }
        if (!finished.await((long) seconds + 300, TimeUnit.SECONDS)) {
            throw new IllegalStateException("workers still busy 300 s after the end of the run");
        }
        return List.copyOf(samples);
    }

    /**
     * One request of {@code step} from each of {@code workers} workers, started over the first second; a stream
     * silent for 30 s, or not finished within 60 s, fails.
     */
    List<Sample> once(Contender target, int workers, int tokens, Workload.Step step) throws InterruptedException {
        client.idleTimeout(30_000);
        client.deadline(60_000);
        ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        CountDownLatch finished = new CountDownLatch(workers);
        for (int w = 0; w < workers; w++) {
            long startAfter = (long) (1e9 * w / workers);
            client.later(startAfter, () -> {
                long id = IDS.getAndIncrement();
                client.send(target, step.kind(), id, step.body(id, id, 0), tokens).onComplete(done -> {
                    samples.add(done.result());
                    finished.countDown();
                });
            });
        }
        try {
            if (!finished.await(300, TimeUnit.SECONDS)) {
                throw new IllegalStateException("streams still open after 300 s");
            }
        } finally {
            client.idleTimeout(120_000);
            client.deadline(0);
        }
        return List.copyOf(samples);
    }

    /** Sends step {@code index} of a conversation, then the next, then a new conversation while time is left. */
    private Future<Void> conversation(Contender target, List<Workload.Step> steps, int index, long conversation,
                                      long previous, long deadline, int tokens, ConcurrentLinkedQueue<Sample> out) {
        if (System.nanoTime() >= deadline) {
            return Future.succeededFuture();
        }
        if (index == steps.size()) {
            return conversation(target, steps, 0, IDS.getAndIncrement(), 0, deadline, tokens, out);
        }
        Workload.Step step = steps.get(index);
        long id = IDS.getAndIncrement();
        return client.send(target, step.kind(), id, step.body(conversation, id, previous), tokens).compose(sample -> {
            out.add(sample);
            boolean sideRequest = step.kind() == Workload.Kind.SMALL_NEW;
            return conversation(target, steps, index + 1, conversation, sideRequest ? previous : id, deadline,
                    tokens, out);
        });
    }
}
