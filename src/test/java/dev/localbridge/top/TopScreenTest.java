package dev.localbridge.top;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.testing.LiveSnapshots;
import java.util.List;
import java.util.Optional;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopScreenTest {
    static final String URL = "http://127.0.0.1:8082";

    static LiveSnapshot busy() {
        return SnapshotReader.read(LiveSnapshots.withBackend()
                .active("req_gen", "generating", 16000, 32768, 384, 25.1, 2300)
                .active("req_wait", "queued", 13000, 32768, 0, 0, 400)
                .completed("req_done", "end_turn", 13000, 12000, 200)
                .failed("req_bad", "invalid_request_error", "prompt is too long: 40000 tokens > 32768 maximum")
                .hungUp("req_gone")
                .json());
    }

    static List<AttributedString> render(LiveSnapshot snapshot, int width, int height) {
        return TopScreen.render(new TopScreen.View(URL, new TopScreen.Connection.Live(), Optional.of(snapshot)), width,
                height, TopScreen.Glyphs.UNICODE);
    }

    static String text(List<AttributedString> lines) {
        return TopScreen.plain(lines);
    }

    @Test
    void shows_rates_time_to_first_token_and_the_prefix_cache_hit_rate() {
        String screen = text(render(busy(), 140, 40));

        assertThat(screen).contains("41.5 tok/s out").contains("3.0 req/min").contains("TTFT p50 120ms p90 340ms")
                .contains("prefix cache hit 44%").contains("12 requests, 1 failed, 0 hung up")
                .contains("Local Bridge 0.1.0 · " + URL + " · up 1h02m · live");
    }

    @Test
    void shows_each_backend_with_state_model_context_and_slots() {
        String screen = text(render(busy(), 140, 40));

        assertThat(screen).containsPattern("● ready +llama-server +gemma-4-31b +n_ctx 32768 × 4 slots +"
                + "http://127.0.0.1:8080");
    }

    @Test
    void shows_each_active_request_with_its_phase_and_a_context_gauge_against_n_ctx() {
        String screen = text(render(busy(), 140, 40));

        // 16000 prompt + 384 output of 32768 = 50 %: 10 of 20 cells
        assertThat(screen).containsPattern("req_gen +gemma-4-31b +generating +\\[█{10}░{10}] +16.4k/32.8k +50% +384 +"
                + "25.1 +2.3s");
        assertThat(screen).containsPattern("req_wait +gemma-4-31b +queued +\\[█{8}░{12}] +13.0k/32.8k +40% +0 +- +400ms");
        assertThat(screen).contains("ACTIVE (2)");
    }

    @Test
    void shows_recent_requests_with_their_outcomes() {
        String screen = text(render(busy(), 160, 40));

        assertThat(screen).containsPattern("5.0s ago +req_done +gemma-4-31b +completed +end_turn +13.0k/32.8k ctx, "
                + "12.0k cached · 200 out · 24.0 tok/s · TTFT 450ms · 8.0s");
        assertThat(screen).containsPattern("req_bad +gemma-4-31b +failed +invalid_request_error: prompt is too long");
        assertThat(screen).containsPattern("req_gone +gemma-4-31b +hung_up");
    }

    @Test
    void a_full_window_turns_the_gauge_full_and_a_request_without_n_ctx_says_so() {
        LiveSnapshot s = SnapshotReader.read(LiveSnapshots.withBackend()
                .active("req_full", "generating", 32000, 32768, 2000, 20, 100)
                .active("req_unk", "prefill", 5000, 0, 0, 0, 100).json());

        String screen = text(render(s, 140, 40));

        assertThat(screen).containsPattern("req_full .*\\[█{20}] +34.0k/32.8k +100%");
        assertThat(screen).contains("5.0k tokens (n_ctx unknown)");
    }

    @ParameterizedTest
    @ValueSource(ints = {20, 40, 80, 100, 200})
    void no_line_is_wider_than_the_screen(int width) {
        List<AttributedString> lines = render(busy(), width, 40);

        assertThat(lines).allSatisfy(line -> assertThat(line.columnLength()).isLessThanOrEqualTo(width));
        assertThat(lines).hasSizeLessThanOrEqualTo(40);
    }

    @Test
    void wide_characters_are_counted_as_two_columns() {
        LiveSnapshot s = SnapshotReader.read(LiveSnapshots.empty()
                .backend("http://127.0.0.1:8080", "llama-server", "模型模型模型模型模型模型模型模型", 4096, 1, "ready", true)
                .json());

        List<AttributedString> lines = render(s, 50, 40);

        assertThat(lines).allSatisfy(line -> assertThat(line.columnLength()).isLessThanOrEqualTo(50));
    }

    @Test
    void when_rows_run_short_recent_requests_give_way_and_the_footer_stays() {
        List<AttributedString> tall = render(busy(), 140, 40);
        List<AttributedString> shortScreen = render(busy(), 140, 14);

        assertThat(text(tall)).contains("req_gone");
        assertThat(shortScreen).hasSize(14);
        assertThat(text(shortScreen)).contains("req_gen").contains("req_wait").doesNotContain("req_gone");
        assertThat(shortScreen.getLast().toString()).isEqualTo("q quit");
    }

    @Test
    void a_lost_connection_says_why_and_keeps_the_last_snapshot() {
        List<AttributedString> lines = TopScreen.render(new TopScreen.View(URL,
                new TopScreen.Connection.Lost("nothing answers at 127.0.0.1:8082"), Optional.of(busy())), 160, 40,
                TopScreen.Glyphs.UNICODE);

        assertThat(text(lines)).contains("disconnected: nothing answers at 127.0.0.1:8082 (showing the last snapshot;"
                + " retrying)").contains("req_gen");
    }

    @Test
    void a_stream_that_goes_silent_is_shown_as_stalled() {
        String fresh = text(TopScreen.render(new TopScreen.View(URL, new TopScreen.Connection.Live(),
                Optional.of(busy()), 900), 160, 40, TopScreen.Glyphs.UNICODE));
        String stalled = text(TopScreen.render(new TopScreen.View(URL, new TopScreen.Connection.Live(),
                Optional.of(busy()), 7400), 160, 40, TopScreen.Glyphs.UNICODE));

        assertThat(fresh.lines().findFirst()).hasValueSatisfying(line -> assertThat(line).endsWith(" · live"));
        assertThat(stalled.lines().findFirst()).hasValueSatisfying(line -> assertThat(line)
                .endsWith(" · live, but no snapshot for 7.4s"));
    }

    @Test
    void before_the_first_snapshot_only_the_header_shows() {
        List<AttributedString> lines = TopScreen.render(new TopScreen.View(URL, new TopScreen.Connection.Connecting(),
                Optional.empty()), 80, 24, TopScreen.Glyphs.UNICODE);

        assertThat(text(lines)).isEqualTo("Local Bridge · " + URL + " · connecting…\nq quit\n");
    }

    @Test
    void an_ascii_terminal_gets_an_ascii_gauge() {
        List<AttributedString> lines = TopScreen.render(new TopScreen.View(URL, new TopScreen.Connection.Live(),
                Optional.of(busy())), 140, 40, TopScreen.Glyphs.ASCII);

        assertThat(text(lines)).containsPattern("req_gen .*\\[#{10}\\.{10}]").contains("* ready").doesNotContain("█");
    }
}
