package dev.localbridge.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {
    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    final RestartPolicy policy = RestartPolicy.perMinute(3);

    @Test
    void the_backoff_doubles_with_each_recent_restart() {
        Deque<Instant> recent = new ArrayDeque<>();
        assertThat(policy.nextBackoff(recent, NOW)).contains(Duration.ofMillis(500));
        recent.add(NOW.minusSeconds(5));
        assertThat(policy.nextBackoff(recent, NOW)).contains(Duration.ofSeconds(1));
        recent.add(NOW.minusSeconds(3));
        assertThat(policy.nextBackoff(recent, NOW)).contains(Duration.ofSeconds(2));
    }

    @Test
    void the_budget_is_spent_after_max_restarts_within_the_window() {
        Deque<Instant> recent = new ArrayDeque<>(List.of(NOW.minusSeconds(50), NOW.minusSeconds(20),
                NOW.minusSeconds(1)));

        assertThat(policy.nextBackoff(recent, NOW)).isEmpty();
    }

    @Test
    void restarts_older_than_the_window_no_longer_count() {
        Deque<Instant> recent = new ArrayDeque<>(List.of(NOW.minusSeconds(90), NOW.minusSeconds(61),
                NOW.minusSeconds(1)));

        assertThat(policy.nextBackoff(recent, NOW)).contains(Duration.ofSeconds(1));
        assertThat(recent).containsExactly(NOW.minusSeconds(1));
    }

    @Test
    void the_backoff_is_capped() {
        RestartPolicy many = RestartPolicy.perMinute(100);
        Deque<Instant> recent = new ArrayDeque<>();
        for (int i = 0; i < 30; i++) {
            recent.add(NOW.minusMillis(100 - i));
        }
        assertThat(many.nextBackoff(recent, NOW)).contains(Duration.ofSeconds(8));
    }
}
