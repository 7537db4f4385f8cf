package dev.localbridge.e2e;

import dev.localbridge.config.BackendKind;
import dev.localbridge.config.BackendSpec;
import dev.localbridge.config.PoolConfig;
import dev.localbridge.config.ScenarioModels;
import dev.localbridge.server.BridgeServer;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.LlamaServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The measurement of issue #11, rerunnable by anyone ({@code scripts/bench-slots}): Claude Code-shaped
 * conversations ({@link CacheWarmth}) through the bridge against real llama-server (the tiny model, {@code -np 4},
 * a 32768-token slot, the chatml-tools template), with the bridge pinning conversations to slots ({@code id_slot})
 * and without (llama-server's own choice by prompt similarity), one request at a time and all at once, 4 and 8
 * conversations, with and without {@code --cache-ram}. Prints one line per run and what llama-server logged about
 * slot selection.
 */
public final class SlotAffinityBenchmark {
    static final int SLOTS = 4;
    static final int CTX_PER_SLOT = 32768;

    private record Case(String label, boolean affinity, int conversations, boolean concurrent, String... extra) {
    }

    private static final List<Case> CASES = List.of(
            new Case("4 conv, llama-server's choice", false, 4, false),
            new Case("4 conv, slot affinity", true, 4, false),
            new Case("4 conv concurrent, llama-server's choice", false, 4, true),
            new Case("4 conv concurrent, slot affinity", true, 4, true),
            new Case("4 conv, llama-server's choice, -sps 0.95", false, 4, false, "-sps", "0.95"),
            new Case("8 conv, llama-server's choice", false, 8, false),
            new Case("8 conv, slot affinity", true, 8, false),
            new Case("8 conv, llama-server's choice, --cache-ram 0", false, 8, false, "--cache-ram", "0"),
            new Case("8 conv, slot affinity, --cache-ram 0", true, 8, false, "--cache-ram", "0"),
            new Case("8 conv, llama-server's choice, --kv-unified", false, 8, false, "--kv-unified"),
            new Case("8 conv, slot affinity, --kv-unified", true, 8, false, "--kv-unified"),
            new Case("4 conv, slot affinity, --kv-unified", true, 4, false, "--kv-unified"),
            new Case("4 conv, llama-server's choice, --kv-unified", false, 4, false, "--kv-unified"));

    /** Arguments: turns (6), then optionally words every case to run must contain (e.g. {@code "8 conv"}). */
    public static void main(String[] args) throws Exception {
        int turns = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        List<String> lines = new ArrayList<>();
        for (Case c : CASES) {
            if (args.length > 1 && !c.label().contains(args[1])) {
                continue;
            }
            lines.add(run(c.label(), c.affinity(), c.conversations(), turns, c.concurrent(), c.extra()));
        }
        System.out.println();
        lines.forEach(System.out::println);
    }

    static String run(String label, boolean affinity, int conversations, int turns, boolean concurrent,
                      String... extra) throws Exception {
        try (LlamaServer llama = start(SLOTS, extra);
             BridgeServer bridge = Bridges.start(llama.url(), b -> b.pool(pool(affinity, llama.url())))) {
            CacheWarmth warmth = new CacheWarmth(Bridges.url(bridge), conversations, Long.toString(System.nanoTime()));
            CacheWarmth.Result result = warmth.run(turns, concurrent);
            String line = result.summary(label) + "; " + slotSelection(llama.log());
            System.out.println(line);
            return line;
        }
    }

    /** The tiny model with a Claude Code-sized slot and a tool-capable template. */
    static LlamaServer start(int slots, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of(startArgs()));
        args.addAll(List.of(extra));
        return LlamaServer.start(CTX_PER_SLOT * slots, slots, args.toArray(String[]::new));
    }

    static String[] startArgs() {
        return new String[] {"--override-kv", "llama.context_length=int:131072", "--jinja", "--chat-template-file",
            template().toString()};
    }

    static Path template() {
        return Path.of("src/test/resources/templates/chatml-tools.jinja").toAbsolutePath();
    }

    /** One llama-server, pinned to slots by the bridge or left to choose (a plain OpenAI server to the bridge). */
    static PoolConfig pool(boolean affinity, String url) {
        BackendSpec spec = new BackendSpec("llama", URI.create(url), null, List.of(), 1, affinity ? 0 : SLOTS,
                affinity ? BackendKind.LLAMA_SERVER : BackendKind.OPENAI);
        return new PoolConfig(List.of(spec), ScenarioModels.NONE, PoolConfig.DEFAULT_MAX_WAITING,
                PoolConfig.DEFAULT_MAX_WAIT, PoolConfig.DEFAULT_SESSION_QUIET);
    }

    /** How llama-server chose slots, from its log: counts of each way. */
    static String slotSelection(Path log) throws java.io.IOException {
        String text = Files.readString(log);
        return "llama-server: " + count(text, "selected slot by LCP similarity") + " by similarity, "
                + count(text, "selected slot by LRU") + " by LRU, " + count(text, "selected slot by id") + " by id_slot";
    }

    static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }
}
