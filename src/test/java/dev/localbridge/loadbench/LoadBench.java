package dev.localbridge.loadbench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The load benchmark (a harness, not a test): N concurrent Claude Code-shaped conversations against a fast
 * scripted upstream, side by side directly, through Local Bridge and through claude-code-router, all measured on
 * this process's one clock. The upstream and the clients live here on their own event loops; the proxies are
 * child processes. Writes report.md, results.json and load.png. Run: {@code scripts/bench-load}.
 */
@Command(name = "bench-load", mixinStandardHelpOptions = true,
        description = "Load benchmark: direct vs Local Bridge vs claude-code-router.")
public final class LoadBench implements Callable<Integer> {
    @Option(names = "--levels", split = ",", defaultValue = "1,4,16,64,256", description = "concurrent streams")
    List<Integer> levels;
    @Option(names = "--seconds", defaultValue = "10", description = "measured seconds per contender and level")
    double seconds;
    @Option(names = "--warmup-seconds", defaultValue = "8", description = "unmeasured seconds per contender first")
    double warmupSeconds;
    @Option(names = "--tokens", defaultValue = "200", description = "tokens per answer")
    int tokens;
    @Option(names = "--interval-ms", defaultValue = "5", description = "milliseconds between tokens")
    long intervalMillis;
    @Option(names = "--prefill-ms", defaultValue = "0", description = "upstream pause before the first token")
    long prefillMillis;
    @Option(names = "--contenders", split = ",", defaultValue = "direct,localbridge,claude-code-router")
    List<String> contenders;
    @Option(names = "--capacity", defaultValue = "1000", description = "streams held open at once in the "
            + "capacity run through Local Bridge (0 skips it)")
    int capacity;
    @Option(names = "--bridge-heap", defaultValue = "256m", description = "the bridge's -Xmx (and -Xms)")
    String bridgeHeap;
    @Option(names = "--bridge-jvm-options", split = " ", description = "more JVM options for the bridge")
    List<String> bridgeJvmOptions = new ArrayList<>();
    @Option(names = "--jar", defaultValue = "target/localbridge.jar")
    Path jar;
    @Option(names = "--ccr", description = "claude-code-router's dist/cli.js",
            defaultValue = "${sys:user.home}/.cache/localbridge/ccr/node_modules/@musistudio/claude-code-router/dist/cli.js")
    Path ccr;
    @Option(names = "--fixtures", defaultValue = "${sys:localbridge.shared:-../shared}/fixtures/claude-code-2.1.328")
    Path fixtures;
    @Option(names = "--out", defaultValue = "bench/load", description = "where report.md, results.json, load.png go")
    Path out;
    @Option(names = "--upstream-threads", defaultValue = "1")
    int upstreamThreads;
    @Option(names = "--client-threads", defaultValue = "1")
    int clientThreads;
    @Option(names = "--jfr", description = "record the bridge with Java Flight Recorder; views go to profile.txt")
    boolean jfr;
    @Option(names = "--command", defaultValue = "scripts/bench-load", hidden = true,
            description = "the command line recorded in the report")
    String commandLine;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path work = Files.createDirectories(Path.of("target/loadbench"));
        Files.createDirectories(out);
        Workload workload = Workload.fromFixtures(fixtures);
        Machine before = Machine.now();
        Pacing pacing = new Pacing(prefillMillis, tokens, intervalMillis);
        int maxLevel = Math.max(capacity, levels.stream().mapToInt(Integer::intValue).max().orElse(1));
        List<LevelResult> results = new ArrayList<>();
        CapacityResult capacityResult = null;
        try (FakeUpstream upstream = new FakeUpstream(upstreamThreads, pacing);
             StreamClient client = new StreamClient(clientThreads, maxLevel + 16)) {
            Runner runner = new Runner(client, workload);
            List<Contender> targets = start(upstream.url(), work);
            try {
                for (Contender target : targets) {
                    log("warming up %s for %.0f s", target.name(), warmupSeconds);
                    runner.run(target, 4, warmupSeconds, tokens, workload.steps());
                }
                upstream.stamps().clear();
                for (int level : levels) {
                    for (Contender target : targets) {
                        results.add(measure(runner, upstream, target, level, workload));
                    }
                }
            } finally {
                targets.forEach(Contender::close);
            }
            if (jfr) {
                Profile.summarise(work.resolve("bridge.jfr"), out.resolve("profile.txt"));
            }
            if (capacity > 0) {
                capacityResult = Capacity.run(runner, upstream, workload, capacity, jar, bridgeHeap, work);
            }
        }
        Machine after = Machine.now();
        Report report = new Report(commandLine, pacing, seconds, before, after, results, capacityResult);
        report.write(out);
        log("wrote %s", out.toAbsolutePath());
        return 0;
    }

    private List<Contender> start(String upstream, Path work) throws Exception {
        List<Contender> targets = new ArrayList<>();
        for (String name : contenders) {
            switch (name) {
                case "direct" -> targets.add(new Contender.Direct(upstream));
                case "localbridge" -> {
                    List<String> options = bridgeOptions(bridgeHeap);
                    if (jfr) {
                        Files.deleteIfExists(work.resolve("bridge.jfr"));
                        options.add(Profile.jvmOption(work.resolve("bridge.jfr")));
                    }
                    targets.add(Contender.bridge(jar.toAbsolutePath(), options, upstream, work));
                }
                case "claude-code-router" -> {
                    if (Files.isRegularFile(ccr)) {
                        targets.add(Contender.claudeCodeRouter(ccr, upstream, work));
                    } else {
                        log("claude-code-router is not installed at %s: skipped (scripts/bench-load installs it)", ccr);
                    }
                }
                default -> throw new CommandLine.ParameterException(new CommandLine(this), "unknown contender " + name);
            }
        }
        return targets;
    }

    private List<String> bridgeOptions(String heap) {
        List<String> options = new ArrayList<>(List.of("-Xmx" + heap, "-Xms" + heap));
        options.addAll(bridgeJvmOptions);
        return options;
    }

    private LevelResult measure(Runner runner, FakeUpstream upstream, Contender target, int level, Workload workload)
            throws InterruptedException {
        long started = System.nanoTime();
        long controlCalls = upstream.controlCalls();
        ProcessStats stats = ProcessStats.watch(target.process());
        List<Sample> samples = runner.run(target, level, seconds, tokens, workload.steps());
        double wall = (System.nanoTime() - started) / 1e9;
        ProcessStats.Usage usage = stats == null ? ProcessStats.Usage.NONE : stats.stop();
        LevelResult result = LevelResult.of(target.name(), level, samples, upstream.stamps(), wall, usage,
                upstream.controlCalls() - controlCalls);
        upstream.stamps().clear();
        log("%-18s %4d streams: %5d requests, %d errors, to upstream p50 %.2f ms, first-token lag p50 %.2f ms,"
                        + " token lag p50/p99 %.2f/%.2f ms, %.0f tokens/s a stream", target.name(), level,
                result.requests(), result.errors(), result.toUpstream(Workload.Kind.LARGE_NEW).p50(),
                result.firstTokenLag().p50(), result.tokenLag().p50(), result.tokenLag().p99(),
                result.streamTokensPerSecondP50());
        return result;
    }

    static void log(String format, Object... args) {
        System.err.printf("bench-load: " + format + "%n", args);
    }
}
