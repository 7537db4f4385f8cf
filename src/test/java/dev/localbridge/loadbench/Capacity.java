package dev.localbridge.loadbench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The capacity run: N streams held open at once through a Local Bridge with a capped heap. The upstream
 * waits 1.5 s before the first token and then sends 30 tokens 100 ms apart, so every stream is open together;
 * each stream is a new 50 KB Claude Code conversation. The bridge's heap is read with jcmd while all are open.
 */
final class Capacity {
    private Capacity() {
    }

    static CapacityResult run(Runner runner, FakeUpstream upstream, Workload workload, int streams, Path jar,
                              String heap, Path work) throws IOException, InterruptedException {
        Pacing slow = new Pacing(1500, 30, 100);
        Pacing previous = upstream.pacing();
        upstream.pacing(slow);
        LoadBench.log("capacity: %d streams through Local Bridge with -Xmx%s", streams, heap);
        try (Contender.Proxy bridge = Contender.bridge(jar.toAbsolutePath(), List.of("-Xmx" + heap, "-Xms" + heap),
                upstream.url(), work)) {
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
            try {
                ProcessStats stats = ProcessStats.watch(bridge.process());
                long started = System.nanoTime();
                long controlCalls = upstream.controlCalls();
                ScheduledFuture<String> midway = timer.schedule(() -> heapUsed(bridge.process().pid()),
                        2500, TimeUnit.MILLISECONDS);
                List<Sample> samples = runner.once(bridge, streams, slow.tokens(),
                        workload.step(Workload.Kind.LARGE_NEW));
                double wall = (System.nanoTime() - started) / 1e9;
                LevelResult result = LevelResult.of(bridge.name(), streams, samples, upstream.stamps(), wall,
                        stats.stop(), upstream.controlCalls() - controlCalls);
                upstream.stamps().clear();
                String heapMidway = midway.get();
                LoadBench.log("capacity: %d of %d complete, %d errors, heap midway %s", streams - result.errors(),
                        streams, result.errors(), heapMidway.lines().findFirst().orElse(""));
                return new CapacityResult(streams, heap, streams - result.errors(), result.errors(),
                        result.errorExamples(), heapMidway, result.peakRssMb(), result.cpuCores(), wall);
            } catch (ExecutionException e) {
                throw new IOException(e.getCause());
            } finally {
                timer.shutdownNow();
            }
        } finally {
            upstream.pacing(previous);
        }
    }

    /**
     * The first heap line of {@code jcmd PID GC.heap_info} ("... used 53248K ...") and the ten largest classes of
     * {@code GC.class_histogram}: what the heap holds while every stream is open.
     */
    static String heapUsed(long pid) throws IOException, InterruptedException {
        String info = jcmd(pid, "GC.heap_info");
        String used = info.lines().filter(line -> line.contains("used")).findFirst().map(String::strip)
                .orElse("unknown (jcmd: " + info.strip() + ")");
        String histogram = jcmd(pid, "GC.class_histogram").lines().skip(1).limit(13)
                .reduce("", (a, b) -> a + "\n" + b);
        return used + "\n" + histogram;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(Contender.javaCommand()).resolveSibling("jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return output;
    }
}
