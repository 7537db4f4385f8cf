package dev.localbridge.loadbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * With {@code --jfr}: the bridge runs under Java Flight Recorder (profile settings) for the whole run, and
 * afterwards the recording's views that explain a latency gap (hot methods, where allocation happens, GC pauses,
 * thread CPU) and {@link ProfileBreakdown}'s split of the event loops' time and of the allocation by the part of the
 * bridge's work are written to profile.txt beside the report.
 */
final class Profile {
    private static final List<String> VIEWS = List.of("hot-methods", "cpu-time-hot-methods", "allocation-by-site",
            "allocation-by-class", "gc-pauses", "gc", "thread-cpu-load");

    private Profile() {
    }

    static String jvmOption(Path recording) {
        return "-XX:StartFlightRecording=filename=" + recording.toAbsolutePath() + ",settings=profile";
    }

    static void summarise(Path recording, Path out) throws IOException, InterruptedException {
        if (!Files.isRegularFile(recording)) {
            LoadBench.log("no flight recording at %s", recording);
            return;
        }
        Path jfr = Path.of(Contender.javaCommand()).resolveSibling("jfr");
        StringBuilder text = new StringBuilder("Java Flight Recorder views of the bridge over the whole run ("
                + recording.getFileName() + ", settings=profile)\n");
        for (String view : VIEWS) {
            Process process = new ProcessBuilder(jfr.toString(), "view", "--width", "180", view,
                    recording.toString()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            process.waitFor();
            text.append("\n").append(output.lines().limit(40).reduce("", (a, b) -> a + b + "\n"));
        }
        text.append(ProfileBreakdown.of(recording));
        Files.writeString(out, text);
    }
}
