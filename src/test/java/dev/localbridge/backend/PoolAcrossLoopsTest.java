package dev.localbridge.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.config.BackendKind;
import dev.localbridge.config.BackendSpec;
import dev.localbridge.config.BridgeConfig;
import dev.localbridge.config.PoolConfig;
import dev.localbridge.config.ScenarioModels;
import dev.localbridge.error.ApiException;
import dev.localbridge.routing.ConversationKey;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.ScriptedBackend;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pool is shared by every event loop: a request waiting on one loop hears its grant or refusal on its own loop,
 * whichever loop freed the slot, so an exchange's state is only ever touched by its own thread.
 */
class PoolAcrossLoopsTest {
    private Vertx vertx;
    private ScriptedBackend backend;
    private BackendPool pool;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        backend = new ScriptedBackend();
    }

    @AfterEach
    void stop() {
        if (pool != null) {
            pool.close();
        }
        vertx.close().await();
        backend.close();
    }

    private BackendPool pool(Duration maxWait) {
        BackendSpec only = new BackendSpec("only", URI.create(backend.url()), null, List.of(), 1, 1, BackendKind.AUTO);
        PoolConfig config = new PoolConfig(List.of(only), ScenarioModels.NONE, 8, maxWait, Duration.ofMinutes(10));
        BridgeConfig bridge = BridgeConfig.builder(URI.create(backend.url()), Bridges.TEST_KEY).pool(config)
                .probeInterval(Duration.ofHours(1)).build();
        pool = BackendPool.create(vertx, bridge, Duration.ofSeconds(5), (status, body) -> ApiException.overloaded("x"));
        pool.start().await();
        return pool;
    }

    /** A context on its own event loop (each deployment takes the next of the two loops). */
    private Context loop() {
        AtomicReference<Context> deployed = new AtomicReference<>();
        vertx.deployVerticle(new VerticleBase() {
            @Override
            public Future<?> start() {
                deployed.set(context);
                return Future.succeededFuture();
            }
        }).await();
        return deployed.get();
    }

    private static String threadOf(Context context) throws Exception {
        CompletableFuture<String> name = new CompletableFuture<>();
        context.runOnContext(v -> name.complete(Thread.currentThread().getName()));
        return name.get(10, TimeUnit.SECONDS);
    }

    /** What one request hears, and on which thread. */
    private static final class Heard implements BackendPool.Listener {
        final CompletableFuture<BackendPool.Lease> granted = new CompletableFuture<>();
        final CompletableFuture<String> grantedOn = new CompletableFuture<>();
        final CompletableFuture<String> refusedOn = new CompletableFuture<>();
        final CompletableFuture<Void> queued = new CompletableFuture<>();

        @Override
        public void granted(BackendPool.Lease lease) {
            grantedOn.complete(Thread.currentThread().getName());
            granted.complete(lease);
        }

        @Override
        public void queued() {
            queued.complete(null);
        }

        @Override
        public void refused(ApiException error) {
            refusedOn.complete(Thread.currentThread().getName());
        }
    }

    private static void on(Context context, Runnable action) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            action.run();
            done.complete(null);
        });
        done.get(10, TimeUnit.SECONDS);
    }

    @Test
    void a_slot_freed_on_one_loop_is_granted_to_a_request_waiting_on_another_on_the_waiting_loop() throws Exception {
        BackendPool pool = pool(Duration.ofMinutes(1));
        Context first = loop();
        Context second = loop();
        String secondThread = threadOf(second);
        assertThat(threadOf(first)).isNotEqualTo(secondThread);
        Heard holder = new Heard();
        Heard waiter = new Heard();
        ConversationKey one = new ConversationKey("one", "p1");
        ConversationKey two = new ConversationKey("two", "p2");

        on(first, () -> pool.acquire(pool.members(), one, holder));
        BackendPool.Lease held = holder.granted.get(10, TimeUnit.SECONDS);
        on(second, () -> pool.acquire(pool.members(), two, waiter));
        waiter.queued.get(10, TimeUnit.SECONDS);
        assertThat(waiter.granted).isNotDone();

        on(first, () -> pool.release(held));

        assertThat(waiter.grantedOn.get(10, TimeUnit.SECONDS)).isEqualTo(secondThread);
        assertThat(pool.waiting()).isZero();
    }

    @Test
    void a_request_that_waited_too_long_hears_its_refusal_on_its_own_loop() throws Exception {
        BackendPool pool = pool(Duration.ofMillis(50));
        Context first = loop();
        Context second = loop();
        String secondThread = threadOf(second);
        Heard holder = new Heard();
        Heard waiter = new Heard();

        on(first, () -> pool.acquire(pool.members(), new ConversationKey("one", "p1"), holder));
        holder.granted.get(10, TimeUnit.SECONDS);
        on(second, () -> pool.acquire(pool.members(), new ConversationKey("two", "p2"), waiter));

        assertThat(waiter.refusedOn.get(10, TimeUnit.SECONDS)).isEqualTo(secondThread);
        assertThat(waiter.granted).isNotDone();
    }
}
