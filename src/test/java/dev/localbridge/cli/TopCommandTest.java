package dev.localbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.testing.LiveSnapshots;
import dev.localbridge.testing.LiveViewServer;
import dev.localbridge.testing.LlamaServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TopCommandTest {
    record Run(int code, String out, String err) {
    }

    static Run top(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new TopCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void once_prints_one_snapshot_as_text() throws Exception {
        try (LiveViewServer live = LiveViewServer.serving(LiveSnapshots.withBackend()
                .active("req_once", "prefill", 13000, 32768, 0, 0, 300).json())) {
            Run run = top("--once", "--url", live.url(), "--width", "100");

            assertThat(run.code()).isZero();
            assertThat(run.out()).startsWith("Local Bridge 0.1.0 · " + live.url() + " · up 1h02m · live\n")
                    .containsPattern("req_once +gemma-4-31b +prefill +\\[█{8}░{12}]").endsWith("q quit\n");
            assertThat(run.out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
        }
    }

    @Test
    void the_bridges_key_comes_from_api_key_or_the_first_of_api_keys() throws Exception {
        try (LiveViewServer live = LiveViewServer.withKey(LiveSnapshots.empty().json(), "sesame")) {
            Run without = top("--once", "--url", live.url());
            Run flag = top("--once", "--url", live.url(), "--api-key", "sesame");
            Run shared = top("--once", "--url", live.url(), "--api-keys", "sesame,other");

            assertThat(without.code()).isEqualTo(1);
            assertThat(without.err()).isEqualTo("localbridge top: " + live.url() + "/api/live answered 401\n");
            assertThat(flag.code()).isZero();
            assertThat(shared.code()).isZero();
        }
    }

    @Test
    void no_bridge_or_a_body_that_is_not_the_live_view_is_a_one_line_error() throws Exception {
        int port = LlamaServer.freePort();
        Run nothing = top("--once", "--url", "http://127.0.0.1:" + port);
        try (LiveViewServer live = LiveViewServer.serving("{\"time\":1}")) {
            Run malformed = top("--once", "--url", live.url());

            assertThat(malformed.code()).isEqualTo(1);
            assertThat(malformed.err()).isEqualTo("localbridge top: cannot read the live view of " + live.url()
                    + ": the live view lacks \"bridge\"\n");
        }
        assertThat(nothing.code()).isEqualTo(1);
        assertThat(nothing.err()).startsWith("localbridge top: cannot read the live view of http://127.0.0.1:" + port);
    }

    @Test
    void without_a_terminal_it_points_to_once() {
        Run run = top("--url", "http://127.0.0.1:1");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("localbridge top: not a terminal; use `localbridge top --once` for one"
                + " snapshot as text\n");
    }

    @Test
    void help_shows_examples() {
        assertThat(new CommandLine(new TopCommand()).getUsageMessage()).contains("Examples:")
                .contains("localbridge top --url http://gpu-box:8082 --api-key KEY").contains("q or Ctrl-C quits");
    }
}
