package dev.localbridge.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StickinessTest {
    @Test
    void a_conversation_is_remembered_until_it_goes_quiet() {
        Stickiness sticky = new Stickiness(1_000);
        sticky.remember("s:1", "a", 0);
        assertThat(sticky.backendOf("s:1", 999)).isEqualTo("a");
        sticky.remember("s:1", "b", 999);
        assertThat(sticky.backendOf("s:1", 1500)).isEqualTo("b");
        assertThat(sticky.backendOf("s:1", 2000)).isNull();
        assertThat(sticky.backendOf("s:2", 0)).isNull();
    }

    @Test
    void live_conversations_are_counted_per_backend_until_they_go_quiet() {
        Stickiness sticky = new Stickiness(1_000);
        sticky.remember("s:1", "a", 0);
        sticky.remember("s:2", "a", 500);
        sticky.remember("s:3", "b", 600);
        assertThat(sticky.live(900)).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("a", 2, "b", 1));
        assertThat(sticky.live(1200)).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("a", 1, "b", 1));
    }
}
