package dev.localbridge.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlotTableTest {
    private static final long QUIET = 1_000;

    @Test
    void each_conversation_gets_its_own_slot_and_comes_back_to_it() {
        SlotTable table = new SlotTable(4, QUIET);
        int[] slots = new int[4];
        for (int c = 0; c < 4; c++) {
            slots[c] = table.acquire("c" + c, c);
            table.release(slots[c], c);
        }
        assertThat(slots).containsExactlyInAnyOrder(0, 1, 2, 3);
        for (int turn = 0; turn < 3; turn++) {
            for (int c = 0; c < 4; c++) {
                int slot = table.acquire("c" + c, 10 + turn * 4 + c);
                assertThat(slot).isEqualTo(slots[c]);
                table.release(slot, 10 + turn * 4 + c);
            }
        }
    }

    @Test
    void a_second_request_of_a_conversation_whose_slot_is_busy_borrows_another_without_moving_it() {
        SlotTable table = new SlotTable(2, QUIET);
        int own = table.acquire("a", 0);
        int borrowed = table.acquire("a", 1);
        assertThat(borrowed).isNotEqualTo(own).isNotEqualTo(SlotTable.ANY);
        table.release(own, 2);
        table.release(borrowed, 2);
        assertThat(table.acquire("a", 3)).isEqualTo(own);
    }

    @Test
    void a_new_conversation_takes_a_quiet_conversations_slot_before_an_active_ones() {
        SlotTable table = new SlotTable(2, QUIET);
        int old = table.acquire("old", 0);
        table.release(old, 0);
        int active = table.acquire("active", 900);
        table.release(active, 1500);
        assertThat(table.acquire("new", 1600)).isEqualTo(old);
        assertThat(table.holder(old)).isEqualTo("new");
    }

    @Test
    void with_every_slot_held_by_active_conversations_the_least_recently_used_is_taken() {
        SlotTable table = new SlotTable(2, QUIET);
        int first = table.acquire("a", 0);
        table.release(first, 10);
        int second = table.acquire("b", 20);
        table.release(second, 30);
        assertThat(table.acquire("c", 40)).isEqualTo(first);
        assertThat(table.holder(first)).isEqualTo("c");
        table.release(first, 50);
        assertThat(table.acquire("a", 60)).isEqualTo(second);
    }

    @Test
    void no_slot_is_offered_when_all_are_busy() {
        SlotTable table = new SlotTable(1, QUIET);
        table.acquire("a", 0);
        assertThat(table.acquire("b", 1)).isEqualTo(SlotTable.ANY);
    }

    @Test
    void quiet_conversations_are_not_counted_as_holding_slots() {
        SlotTable table = new SlotTable(2, QUIET);
        table.release(table.acquire("a", 0), 0);
        table.release(table.acquire("b", 500), 500);
        assertThat(table.held(600)).isEqualTo(2);
        assertThat(table.held(1200)).isEqualTo(1);
    }
}
