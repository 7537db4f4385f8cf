package dev.localbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localbridge.server.BridgeServer;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.Json;
import dev.localbridge.testing.LlamaServer;
import dev.localbridge.testing.ScriptedBackend;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code localbridge bench} against Debian's llama-server with the tiny model. */
class BenchCommandTest {
    static LlamaServer llama;

    @BeforeAll
    static void startLlamaServer() throws Exception {
        // The tiny model was trained on 4096 tokens; its metadata is overridden so one slot holds Claude Code's
        // whole first request (~4.4k tokens with this model's vocabulary and its tool-less template).
        llama = LlamaServer.start(32768, 1, "--override-kv", "llama.context_length=int:32768");
    }

    @AfterAll
    static void stopLlamaServer() {
        if (llama != null) {
            llama.close();
        }
    }

    record Run(int exit, String out, String err) {
    }

    static Run bench(BenchCommand command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** A bench that starts its in-process bridge like {@code Bridges.start}, on the --port it was given. */
    static BenchCommand benchStartingBridges(List<BridgeServer> started) {
        return new BenchCommand(options -> {
            BridgeServer bridge = Bridges.start(options.backend().toString(), b -> b.port(options.port));
            started.add(bridge);
            return bridge;
        });
    }

    @Test
    void json_figures_agree_with_llama_servers_own_timings_and_usage() throws IOException {
        int port = LlamaServer.freePort();
        List<BridgeServer> started = new ArrayList<>();

        Run run = bench(benchStartingBridges(started), "--json", "--runs", "2", "--max-tokens", "16",
                "--port", Integer.toString(port), "--backend", llama.url());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(started).hasSize(1);
        assertThat(run.err()).contains("starting one in-process", "bench: claude-code run 1/2",
                "bench: claude-code run 2/2", "bench: small run 2/2");
        JsonNode report = Json.parse(run.out());
        assertThat(report.path("bridge").path("started_in_process").asBoolean()).isTrue();
        assertThat(report.path("backend").path("kind").asText()).isEqualTo("llama.cpp");
        assertThat(report.path("prompts")).hasSize(2);
        for (JsonNode prompt : report.path("prompts")) {
            assertThat(prompt.path("status").asText()).as(prompt.toString()).isEqualTo("measured");
            assertThat(prompt.path("runs")).hasSize(2);
            for (JsonNode pair : prompt.path("runs")) {
                assertRunAgreesWithTimings(pair);
            }
            assertSummaryIsTheMedianOfTheRuns(prompt);
        }
        assertThat(report.path("bottleneck").size()).isGreaterThanOrEqualTo(2);
        assertThat(report.path("notes").toString()).contains("fresh nonce", "keeps llama-server's prompt cache on");
    }

    static void assertRunAgreesWithTimings(JsonNode pair) {
        JsonNode direct = pair.path("direct");
        JsonNode timings = direct.path("timings");
        JsonNode bridge = pair.path("bridge");
        assertThat(direct.path("predicted_tokens_per_second").asDouble()).isCloseTo(
                timings.path("predicted_n").asDouble() / timings.path("predicted_ms").asDouble() * 1000, within(1e-6));
        assertThat(direct.path("prompt_tokens_per_second").asDouble()).isCloseTo(
                timings.path("prompt_n").asDouble() / timings.path("prompt_ms").asDouble() * 1000, within(1e-6));
        assertThat(direct.path("prompt_tokens").asLong())
                .isEqualTo(timings.path("prompt_n").asLong() + timings.path("cache_n").asLong());
        assertThat(direct.path("cached_tokens").asLong()).isEqualTo(timings.path("cache_n").asLong());
        assertThat(direct.path("completion_tokens").asLong()).isEqualTo(timings.path("predicted_n").asLong())
                .isBetween(1L, 16L);
        assertThat(bridge.path("prompt_tokens").asLong()).isEqualTo(direct.path("prompt_tokens").asLong());
        assertThat(bridge.path("output_tokens").asLong()).isEqualTo(direct.path("completion_tokens").asLong());
        assertThat(pair.path("bridge_added_ms").isNumber()).isTrue();
        assertThat(pair.path("bridge_added_ms").asDouble()).isCloseTo(
                bridge.path("ttft_ms").asDouble() - direct.path("ttft_ms").asDouble(), within(1e-6));
    }

    static void assertSummaryIsTheMedianOfTheRuns(JsonNode prompt) {
        JsonNode summary = prompt.path("summary");
        JsonNode first = prompt.path("runs").get(0);
        JsonNode second = prompt.path("runs").get(1);
        assertThat(summary.path("speeds_from").asText()).isEqualTo("llama-server timings");
        assertThat(summary.path("generation_tokens_per_second").asDouble()).isCloseTo(
                (first.path("direct").path("predicted_tokens_per_second").asDouble()
                        + second.path("direct").path("predicted_tokens_per_second").asDouble()) / 2, within(1e-6));
        assertThat(summary.path("bridge_added_ms").asDouble()).isCloseTo(
                (first.path("bridge_added_ms").asDouble() + second.path("bridge_added_ms").asDouble()) / 2,
                within(1e-6));
        assertThat(summary.path("prompt_tokens").asLong()).isEqualTo(first.path("direct").path("prompt_tokens").asLong());
        assertThat(summary.path("tokens_per_second_loss_percent").isNumber()).isTrue();
    }

    @Test
    void plain_output_through_a_running_bridge_says_where_the_bottleneck_is() {
        try (BridgeServer bridge = Bridges.start(llama.url())) {
            AtomicInteger starts = new AtomicInteger();
            Run run = bench(new BenchCommand(options -> {
                starts.incrementAndGet();
                throw new AssertionError("a bridge is running: none should be started");
            }), "--runs", "2", "--max-tokens", "16", "--port", Integer.toString(bridge.port()));

            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(starts).hasValue(0);
            assertThat(run.out()).contains(Bridges.url(bridge) + " (already running)", "claude-code", "small",
                    "prompt tokens", "first token, via bridge", "bridge adds", "tokens/s lost via bridge",
                    "Where is the bottleneck?");
            List<String> sentences = run.out().lines().dropWhile(l -> !l.equals("Where is the bottleneck?")).skip(1)
                    .takeWhile(l -> !l.isEmpty()).filter(l -> !l.startsWith("  - the runs disagreed")).toList();
            assertThat(sentences.getFirst()).matches("  - (the backend is fast|prefill dominates|generation dominates)"
                    + ": .*");
            assertThat(sentences.get(1)).matches("  - (the bridge adds |the first token came ).*");
        }
    }

    @Test
    void claude_codes_request_too_long_for_the_context_is_reported_with_the_fix() throws Exception {
        try (LlamaServer small = LlamaServer.start(2048, 1); BridgeServer bridge = Bridges.start(small.url())) {
            Run run = bench(new BenchCommand(), "--prompt", "fixture", "--runs", "1", "--max-tokens", "8",
                    "--port", Integer.toString(bridge.port()));

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.out()).contains("failed", "Where is the bottleneck?",
                    "  - Claude Code's first request (12 tools) does not fit the backend's context (",
                    "give each slot at least 32768 tokens (llama-server -c 32768 -np 1)");
        }
    }

    @Test
    void a_port_held_by_something_else_is_refused_without_benchmarking() {
        try (ScriptedBackend other = new ScriptedBackend()) {
            Run run = bench(new BenchCommand(options -> {
                throw new AssertionError("must not start a bridge on a taken port");
            }), "--port", Integer.toString(other.port()), "--backend", llama.url());

            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).contains("port " + other.port() + " is taken by something that is not Local Bridge");
        }
    }

    @Test
    void help_shows_examples() {
        Run run = bench(new BenchCommand(), "--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("Examples:", "localbridge bench --prompt small --runs 5", "--warm-ups");
    }
}
