package dev.localbridge.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlidingCounterTest {
    static final long SECOND = 1_000_000_000L;

    @Test
    void counts_the_last_sixty_seconds_and_forgets_older_ones() {
        SlidingCounter counter = new SlidingCounter();
        long start = 1_000 * SECOND;
        counter.add(start, 5);
        counter.add(start + SECOND / 2, 1);
        counter.add(start + 30 * SECOND, 2);

        assertThat(counter.sum(start + 30 * SECOND)).isEqualTo(8);
        assertThat(counter.sum(start + 60 * SECOND)).isEqualTo(2);
        assertThat(counter.sum(start + 91 * SECOND)).isZero();
    }

    @Test
    void a_slot_reused_a_minute_later_starts_from_zero() {
        SlidingCounter counter = new SlidingCounter();
        counter.add(10 * SECOND, 7);
        counter.add(71 * SECOND, 1);

        assertThat(counter.sum(71 * SECOND)).isEqualTo(1);
    }

    @Test
    void the_history_holds_the_sixty_whole_seconds_before_now_oldest_first() {
        SlidingCounter counter = new SlidingCounter();
        counter.add(100 * SECOND, 3);
        counter.add(159 * SECOND, 4);
        counter.add(160 * SECOND, 9);

        long[] history = counter.perSecond(160 * SECOND);
        assertThat(history).hasSize(60);
        assertThat(history[0]).isEqualTo(3);
        assertThat(history[59]).isEqualTo(4);
    }
}
