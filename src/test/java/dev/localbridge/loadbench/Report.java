package dev.localbridge.loadbench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The run's results as report.md (tables), results.json (everything) and load.png (the plot). */
record Report(String command, Pacing pacing, double seconds, Machine before, Machine after,
              List<LevelResult> results, CapacityResult capacity) {
    static final String DIRECT = "direct";
    static final String BRIDGE = "localbridge";
    static final String CCR = "claude-code-router";

    void write(Path dir) throws IOException {
        Files.writeString(dir.resolve("report.md"), markdown());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", command);
        json.put("pacing", pacing);
        json.put("secondsPerLevel", seconds);
        json.put("machineBefore", before);
        json.put("machineAfter", after);
        json.put("results", results);
        json.put("capacity", capacity);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("results.json").toFile(),
                json);
        Plot.write(results, dir.resolve("load.png"));
    }

    Optional<LevelResult> find(String contender, int level) {
        return results.stream().filter(r -> r.contender().equals(contender) && r.concurrency() == level).findFirst();
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Load benchmark: direct vs Local Bridge vs claude-code-router\n\n");
        md.append("Made by `").append(command).append("`.\n\n");
        md.append(String.format(Locale.ROOT, "- Run %s → %s on %d cores (%s); Java %s, node %s.%n", before.time(),
                after.time(), before.cores(), before.cpu(), before.java(), before.node()));
        md.append("- Machine load (1/5/15-min load averages): before ").append(before.loadAverage())
                .append(", after ").append(after.loadAverage())
                .append(". The cores are shared with other work, so read the figures as one noisy run.\n");
        md.append(String.format(Locale.ROOT, "- Upstream: a scripted llama-server-like OpenAI server in the harness "
                + "process, prefill %d ms, %d tokens %d ms apart. Clients in the harness process on their own "
                + "event loop; the proxies are child processes. One clock: System.nanoTime of the harness.%n",
                pacing.prefillMillis(), pacing.tokens(), pacing.intervalMillis()));
        md.append(String.format(Locale.ROOT, "- Each of N workers runs Claude Code-shaped conversations: a small side "
                + "request (the title request), a 50 KB first turn with 12 tools (new conversation), its 50 KB second "
                + "turn (known conversation), then a new conversation; %.0f s per contender and level, after a "
                + "warm-up.%n%n", seconds));
        ReportTables.added(md, this);
        ReportTables.absolute(md, this);
        ReportTables.phases(md, this);
        ReportTables.targets(md, this);
        ReportTables.capacity(md, capacity);
        ReportTables.errors(md, results);
        ReportTables.definitions(md);
        return md.toString();
    }
}
