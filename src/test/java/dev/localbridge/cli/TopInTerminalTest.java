package dev.localbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.testing.LiveSnapshots;
import dev.localbridge.testing.LiveViewServer;
import dev.localbridge.testing.Tmux;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code localbridge top} in a real pseudo-terminal (tmux), against a stand-in for the bridge's live view that the
 * test moves forward: a request is queued, generates, and completes, and the screen follows it.
 */
class TopInTerminalTest {
    static final Duration SHOWS = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    static List<String> top(String url) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "dev.localbridge.cli.Main", "top", "--url", url);
    }

    @Test
    void top_shows_a_live_request_move_through_its_phases_and_quits_on_q() throws Exception {
        Tmux.require();
        try (LiveViewServer live = LiveViewServer.serving(LiveSnapshots.withBackend()
                .active("req_live_1", "prefill", 13000, 32768, 0, 0, 300).json());
             Tmux tmux = Tmux.start(dir.resolve("tmux.conf"), 120, 40, top(live.url()))) {

            String prefill = tmux.awaitScreen(s -> s.contains("req_live_1"), SHOWS);
            assertThat(prefill).contains("Local Bridge 0.1.0 · " + live.url()).contains("live")
                    .containsPattern("req_live_1 +gemma-4-31b +prefill +\\[█{8}░{12}] +13.0k/32.8k +40%")
                    .containsPattern("● ready +llama-server +gemma-4-31b +n_ctx 32768 × 4 slots")
                    .contains("41.5 tok/s out").contains("prefix cache hit 44%");

            live.publish(LiveSnapshots.withBackend().active("req_live_1", "generating", 13000, 32768, 3384, 31.5, 4100)
                    .json());
            String generating = tmux.awaitScreen(s -> s.contains("generating"), SHOWS);
            System.err.println("top in tmux, 120x40:\n" + generating);
            assertThat(generating).containsPattern("req_live_1 +gemma-4-31b +generating +\\[█{10}░{10}] +16.4k/32.8k"
                    + " +50% +3384 +31.5 +4.1s");

            live.publish(LiveSnapshots.withBackend().completed("req_live_1", "end_turn", 13000, 12000, 3384).json());
            String done = tmux.awaitScreen(s -> s.contains("ACTIVE (0)"), SHOWS);
            assertThat(done).containsPattern("req_live_1 +gemma-4-31b +completed +end_turn").doesNotContain("prefill");

            tmux.sendKeys("q");
            assertThat(tmux.awaitExit(SHOWS)).isZero();
        }
    }

    @Test
    void top_says_plainly_when_no_bridge_answers() throws Exception {
        Tmux.require();
        int port = dev.localbridge.testing.LlamaServer.freePort();
        try (Tmux tmux = Tmux.start(dir.resolve("tmux.conf"), 120, 20, top("http://127.0.0.1:" + port))) {
            String screen = tmux.awaitScreen(s -> s.contains("disconnected"), SHOWS);

            assertThat(screen).contains("disconnected: nothing answers at 127.0.0.1:" + port + " (retrying)");
            tmux.sendKeys("C-c");
            assertThat(tmux.awaitExit(SHOWS)).isZero();
        }
    }
}
