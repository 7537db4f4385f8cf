package dev.localbridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.server.BridgeServer;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.LlamaServer;
import org.junit.jupiter.api.Test;

/**
 * Against real llama-server ({@code -np 4}, 32768-token slots): 4 Claude Code-shaped conversations of 6 turns,
 * interleaved. With the bridge pinning each conversation to its slot, at most 10 % of later turns' prompt tokens
 * are processed again, and fewer tokens are processed in all than when llama-server chooses the slot by prompt
 * similarity (every conversation shares Claude Code's ~13k-token system prompt and tools, so they all look alike and
 * evict each other from one slot). Figures for more cases: {@code scripts/bench-slots}.
 */
class SlotAffinityEndToEndTest {
    @Test
    void slot_affinity_keeps_each_conversations_cache_and_processes_fewer_tokens_than_llama_servers_choice()
            throws Exception {
        CacheWarmth.Result own = run(false);
        CacheWarmth.Result pinned = run(true);

        assertThat(pinned.failures()).isEmpty();
        assertThat(own.failures()).isEmpty();
        assertThat(pinned.reprocessedLaterTurns()).as(pinned.summary("slot affinity")).isLessThanOrEqualTo(0.10);
        assertThat(pinned.processed(false)).as(pinned.summary("slot affinity") + " vs " + own.summary("own choice"))
                .isLessThan(own.processed(false));
    }

    @Test
    void four_conversations_run_truly_concurrently_each_in_its_own_slot() throws Exception {
        try (LlamaServer llama = SlotAffinityBenchmark.start(4);
             BridgeServer bridge = Bridges.start(llama.url(), b -> b.pool(SlotAffinityBenchmark.pool(true,
                     llama.url())))) {
            CacheWarmth.Result result = new CacheWarmth(Bridges.url(bridge), 4, "concurrent").run(3, true);

            assertThat(result.failures()).isEmpty();
            assertThat(result.reprocessedLaterTurns()).as(result.summary("concurrent")).isLessThanOrEqualTo(0.10);
            // The first turn's four requests were all in their slots before any of them finished.
            String log = java.nio.file.Files.readString(llama.log());
            String untilFirstRelease = log.substring(0, log.indexOf("stop processing"));
            for (int slot = 0; slot < 4; slot++) {
                assertThat(untilFirstRelease).contains("id  " + slot + " | task -1 | selected slot by id (" + slot
                        + ")");
            }
        }
    }

    static CacheWarmth.Result run(boolean affinity) throws Exception {
        try (LlamaServer llama = SlotAffinityBenchmark.start(4);
             BridgeServer bridge = Bridges.start(llama.url(), b -> b.pool(SlotAffinityBenchmark.pool(affinity,
                     llama.url())))) {
            return new CacheWarmth(Bridges.url(bridge), 4, affinity ? "pinned" : "own").run(6, false);
        }
    }
}
