package dev.localbridge.loadbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** CPU time and resident memory of a child process over an interval, from Linux's /proc. */
final class ProcessStats implements AutoCloseable {
    private static final double TICKS_PER_SECOND = 100.0;
    private final long pid;
    private final long startTicks;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "loadbench-rss");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long peakRssKb;

    record Usage(double cpuCores, double peakRssMb) {
        static final Usage NONE = new Usage(Double.NaN, Double.NaN);
    }

    private ProcessStats(long pid) {
        this.pid = pid;
        this.startTicks = cpuTicks(pid);
        sampler.scheduleAtFixedRate(() -> peakRssKb = Math.max(peakRssKb, rssKb(pid)), 0, 100, TimeUnit.MILLISECONDS);
    }

    /** Starts watching a process, or returns null when there is none to watch. */
    static ProcessStats watch(ProcessHandle process) {
        return process == null ? null : new ProcessStats(process.pid());
    }

    /** Cores used on average since the start, and the largest resident set seen. */
    Usage stop() {
        sampler.shutdownNow();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double cpu = (cpuTicks(pid) - startTicks) / TICKS_PER_SECOND / seconds;
        return new Usage(cpu, Math.max(peakRssKb, rssKb(pid)) / 1024.0);
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }

    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
