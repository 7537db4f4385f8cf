package dev.localbridge.top;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localbridge.testing.LiveSnapshots;
import org.junit.jupiter.api.Test;

class SnapshotReaderTest {
    @Test
    void reads_every_part_of_the_contract() {
        LiveSnapshot s = SnapshotReader.read(LiveSnapshots.withBackend()
                .active("req_1", "prefill", 13000, 32768, 0, 0, 2300)
                .completed("req_0", "end_turn", 13000, 12000, 200)
                .failed("req_f", "invalid_request_error", "prompt is too long: 40000 tokens > 32768 maximum")
                .json());

        assertThat(s.bridge()).isEqualTo(new LiveSnapshot.Bridge("0.1.0", 3_723_000, 16384));
        assertThat(s.rates().outputTokensPerSecond()).isEqualTo(41.5);
        assertThat(s.ttftMs().p90()).isEqualTo(340.0);
        assertThat(s.cacheHitRate()).isEqualTo(0.44);
        assertThat(s.active()).singleElement().satisfies(a -> {
            assertThat(a.phase()).isEqualTo(LiveSnapshot.Phase.PREFILL);
            assertThat(a.nCtx()).isEqualTo(32768);
        });
        assertThat(s.recent()).extracting(LiveSnapshot.Recent::outcome)
                .containsExactly(LiveSnapshot.Outcome.COMPLETED, LiveSnapshot.Outcome.FAILED);
        assertThat(s.recent().get(0).errorType()).isNull();
        assertThat(s.recent().get(1).message()).startsWith("prompt is too long");
        assertThat(s.backends()).singleElement().satisfies(b -> {
            assertThat(b.state()).isEqualTo(LiveSnapshot.BackendState.READY);
            assertThat(b.slots()).isEqualTo(4);
        });
    }

    @Test
    void fields_it_does_not_know_are_ignored() {
        LiveSnapshot s = SnapshotReader.read(LiveSnapshots.empty().set("newThing", "{\"a\":1}").json());

        assertThat(s.active()).isEmpty();
    }

    @Test
    void a_missing_field_is_named() {
        assertThatThrownBy(() -> SnapshotReader.read(LiveSnapshots.empty().remove("cacheHitRate").json()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the live view lacks \"cacheHitRate\"");
    }

    @Test
    void a_phase_outside_the_contract_is_named() {
        assertThatThrownBy(() -> SnapshotReader.read(LiveSnapshots.empty()
                .active("req_1", "dreaming", 1, 1, 1, 1, 1).json()))
                .hasMessage("unknown phase \"dreaming\" in the live view");
    }

    @Test
    void a_field_of_the_wrong_type_and_text_that_is_not_json_are_clear_errors() {
        assertThatThrownBy(() -> SnapshotReader.read(LiveSnapshots.empty().set("time", "\"soon\"").json()))
                .hasMessage("\"time\" in the live view is not a number");
        assertThatThrownBy(() -> SnapshotReader.read("<html>")).hasMessageStartingWith("the live view is not JSON");
        assertThatThrownBy(() -> SnapshotReader.read("[]")).hasMessage("the live view is not a JSON object");
    }
}
