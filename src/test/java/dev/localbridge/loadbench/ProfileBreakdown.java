package dev.localbridge.loadbench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * What a flight recording of the bridge says about its event loops and its garbage, by the part of the bridge's
 * work each sample belongs to: the token path (an upstream read through the translator to the client's socket),
 * the request path (reading, planning, counting a request), or the network underneath. Written into profile.txt.
 */
final class ProfileBreakdown {
    /** A part of the bridge's work, recognised by a frame of its stack (the first part that matches wins). */
    private record Part(String name, List<String> frames) {
    }

    private static final List<Part> PARTS = List.of(
            new Part("token path (upstream read -> translate -> client socket)",
                    List.of("dev.localbridge.backend.UpstreamAttempt.onBytes")),
            new Part("request: counting (TokenCounter, tokenizer calls)",
                    List.of("dev.localbridge.budget.TokenCounter", "dev.localbridge.backend.LlamaCppTokenizer")),
            new Part("request: read, parse, plan, translate",
                    List.of("dev.localbridge.server.Routes", "dev.localbridge.server.Planner",
                            "dev.localbridge.anthropic.RequestReader")),
            new Part("upstream request sent (attempt, pool)",
                    List.of("dev.localbridge.backend.UpstreamAttempt", "dev.localbridge.server.UpstreamCall")),
            new Part("network underneath (Netty, Vert.x)", List.of("io.netty.", "io.vertx.")));

    private ProfileBreakdown() {
    }

    /** Prints the breakdown of the recording given as the one argument (a {@code .jfr} file). */
    public static void main(String[] args) throws IOException {
        System.out.print(of(Path.of(args[0])));
    }

    static String of(Path recording) throws IOException {
        Map<String, Long> loopSamples = new TreeMap<>();
        Map<String, Long> perLoop = new TreeMap<>();
        Map<String, Long> allocated = new TreeMap<>();
        Map<String, long[]> collections = new TreeMap<>();
        long allocatedTotal = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                switch (event.getEventType().getName()) {
                    case "jdk.ExecutionSample" -> {
                        RecordedThread thread = event.getThread("sampledThread");
                        String name = thread == null ? "?" : thread.getJavaName();
                        if (name != null && name.contains("eventloop")) {
                            loopSamples.merge(part(event.getStackTrace()), 1L, Long::sum);
                            perLoop.merge(name, 1L, Long::sum);
                        }
                    }
                    case "jdk.ObjectAllocationSample" -> {
                        long weight = event.getLong("weight");
                        allocatedTotal += weight;
                        allocated.merge(part(event.getStackTrace()), weight, Long::sum);
                    }
                    case "jdk.GarbageCollection" -> {
                        long[] sums = collections.computeIfAbsent(event.getString("name"), k -> new long[3]);
                        long pause = event.getDuration("longestPause").toNanos();
                        sums[0]++;
                        sums[1] += event.getDuration("sumOfPauses").toNanos();
                        sums[2] = Math.max(sums[2], pause);
                    }
                    default -> {
                    }
                }
            }
        }
        return render(loopSamples, perLoop, allocated, allocatedTotal, collections);
    }

    private static String part(RecordedStackTrace stack) {
        if (stack == null) {
            return "other";
        }
        for (Part part : PARTS) {
            for (RecordedFrame frame : stack.getFrames()) {
                String method = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
                if (part.frames().stream().anyMatch(method::startsWith)) {
                    return part.name();
                }
            }
        }
        return "other";
    }

    private static String render(Map<String, Long> loopSamples, Map<String, Long> perLoop,
                                 Map<String, Long> allocated, long allocatedTotal, Map<String, long[]> collections) {
        StringBuilder out = new StringBuilder("\nWhere the event loops' time goes (execution samples on vert.x-eventloop"
                + " threads, by the part of the work on the stack)\n");
        long samples = loopSamples.values().stream().mapToLong(Long::longValue).sum();
        loopSamples.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(e ->
                out.append(String.format(Locale.ROOT, "  %5.1f %%  %6d  %s%n", 100.0 * e.getValue() / samples,
                        e.getValue(), e.getKey())));
        perLoop.forEach((thread, count) -> out.append(String.format(Locale.ROOT, "  samples on %s: %d%n", thread,
                count)));
        out.append("\nWhat allocates (allocation samples, weighted; ")
                .append(allocatedTotal / (1024 * 1024)).append(" MB over the recording)\n");
        allocated.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(e ->
                out.append(String.format(Locale.ROOT, "  %5.1f %%  %7.1f MB  %s%n", 100.0 * e.getValue()
                        / allocatedTotal, e.getValue() / 1048576.0, e.getKey())));
        out.append("\nCollections (count, pauses in total, longest pause)\n");
        collections.forEach((name, sums) -> out.append(String.format(Locale.ROOT, "  %-28s %5d  %8.1f ms  %6.1f ms%n",
                name, sums[0], sums[1] / 1e6, sums[2] / 1e6)));
        return out.toString();
    }
}
