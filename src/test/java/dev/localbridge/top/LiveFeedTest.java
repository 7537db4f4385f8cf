package dev.localbridge.top;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.testing.LiveSnapshots;
import dev.localbridge.testing.LiveViewServer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LiveFeedTest {
    final BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
    final LiveFeed.Listener listener = new LiveFeed.Listener() {
        @Override
        public void onSnapshot(LiveSnapshot snapshot) {
            seen.add(snapshot);
        }

        @Override
        public void onConnection(TopScreen.Connection connection) {
            seen.add(connection);
        }
    };

    Object next() throws InterruptedException {
        Object event = seen.poll(30, TimeUnit.SECONDS);
        assertThat(event).as("an event within 30 s").isNotNull();
        return event;
    }

    @Test
    void follows_the_stream_snapshot_by_snapshot() throws Exception {
        try (LiveViewServer live = LiveViewServer.serving(LiveSnapshots.empty().json());
             LiveFeed feed = new LiveFeed(live.url() + "/", null, listener).start()) {
            assertThat(next()).isEqualTo(new TopScreen.Connection.Connecting());
            assertThat(next()).isEqualTo(new TopScreen.Connection.Live());
            assertThat(next()).isInstanceOfSatisfying(LiveSnapshot.class, s -> assertThat(s.active()).isEmpty());

            live.publish(LiveSnapshots.empty().active("req_2", "generating", 100, 4096, 5, 10, 50).json());

            Object event = next();
            while (event instanceof LiveSnapshot s && s.active().isEmpty()) {
                event = next(); // the stand-in resends the current snapshot every second, as the bridge does
            }
            assertThat(event).isInstanceOfSatisfying(LiveSnapshot.class,
                    s -> assertThat(s.active()).extracting(LiveSnapshot.Active::id).containsExactly("req_2"));
        }
    }

    @Test
    void a_refused_stream_says_why_and_a_malformed_snapshot_is_shown_not_fatal() throws Exception {
        try (LiveViewServer locked = LiveViewServer.withKey(LiveSnapshots.empty().json(), "k");
             LiveFeed feed = new LiveFeed(locked.url(), null, listener).start()) {
            assertThat(next()).isEqualTo(new TopScreen.Connection.Connecting());
            assertThat(next()).isEqualTo(new TopScreen.Connection.Lost("the bridge wants an API key (pass --api-key)"));
        }
        seen.clear();
        try (LiveViewServer odd = LiveViewServer.serving("{\"time\":\"later\"}");
             LiveFeed feed = new LiveFeed(odd.url(), null, listener).start()) {
            assertThat(next()).isEqualTo(new TopScreen.Connection.Connecting());
            assertThat(next()).isEqualTo(new TopScreen.Connection.Live());
            assertThat(next()).isEqualTo(new TopScreen.Connection.Lost("the live view lacks \"bridge\""));
        }
    }

    @Test
    void with_the_key_the_stream_is_followed() throws Exception {
        try (LiveViewServer locked = LiveViewServer.withKey(LiveSnapshots.empty().json(), "k");
             LiveFeed feed = new LiveFeed(locked.url(), "k", listener).start()) {
            assertThat(next()).isEqualTo(new TopScreen.Connection.Connecting());
            assertThat(next()).isEqualTo(new TopScreen.Connection.Live());
            assertThat(next()).isInstanceOf(LiveSnapshot.class);
        }
    }
}
