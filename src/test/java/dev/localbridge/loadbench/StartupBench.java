package dev.localbridge.loadbench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Start-up benchmark (a harness, not a test): launches {@code ./localbridge serve} in front of the fake upstream,
 * with and without the start-up cache, and measures launch → first {@code /health} answered and launch → first
 * Messages request answered. Writes report.md and results.json. Run: {@code scripts/bench-startup}.
 */
@Command(name = "bench-startup", mixinStandardHelpOptions = true, description = "Launch → first answer.")
public final class StartupBench implements Callable<Integer> {
    private static final String MESSAGE = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @Option(names = "--runs", defaultValue = "10", description = "launches per mode")
    int runs;
    @Option(names = "--launcher", defaultValue = "./localbridge")
    Path launcher;
    @Option(names = "--baseline", description = "another build's launcher (e.g. the main branch's), launched"
            + " alternately with this one under the same load, for a before/after comparison")
    Path baseline;
    @Option(names = "--baseline-name", defaultValue = "before")
    String baselineName;
    @Option(names = "--out", defaultValue = "bench/startup")
    Path out;
    @Option(names = "--command", defaultValue = "scripts/bench-startup", hidden = true)
    String commandLine;

    record Mode(String name, Path launcher, Map<String, String> environment) {
    }

    /** One launch: wall-clock times, and the CPU time the bridge's process had used when its first answer came. */
    record Launch(String mode, double healthMillis, double firstAnswerMillis, double cpuMillis) {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new StartupBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<Mode> modes = new ArrayList<>(List.of(
                new Mode("start-up cache (AOT)", launcher, Map.of("LOCALBRIDGE_AOT", "1")),
                new Mode("no cache", launcher, Map.of("LOCALBRIDGE_AOT", "0"))));
        if (baseline != null) {
            modes.add(new Mode(baselineName + ": start-up cache (AOT)", baseline, Map.of("LOCALBRIDGE_AOT", "1")));
            modes.add(new Mode(baselineName + ": no cache", baseline, Map.of("LOCALBRIDGE_AOT", "0")));
        }
        Path home = Files.createDirectories(Path.of("target/loadbench/startup-home"));
        Machine before = Machine.now();
        List<Launch> launches = new ArrayList<>();
        try (FakeUpstream upstream = new FakeUpstream(1, new Pacing(0, 3, 0))) {
            for (Mode mode : modes) { // makes the cache if a launcher has none yet
                if (mode.environment().get("LOCALBRIDGE_AOT").equals("1")) {
                    launchOnce(mode, upstream.url(), home);
                }
            }
            for (int run = 0; run < runs; run++) {
                for (Mode mode : modes) {
                    Launch launch = launchOnce(mode, upstream.url(), home);
                    launches.add(launch);
                    LoadBench.log("%-30s /health %.0f ms, first answer %.0f ms, CPU %.0f ms", mode.name(),
                            launch.healthMillis(), launch.firstAnswerMillis(), launch.cpuMillis());
                }
            }
        }
        write(modes, launches, before, Machine.now());
        return 0;
    }

    private Launch launchOnce(Mode mode, String upstream, Path home) throws IOException, InterruptedException {
        int port = Contender.freePort();
        ProcessBuilder builder = new ProcessBuilder(mode.launcher().toString(), "serve", "--port",
                Integer.toString(port), "--backend", upstream).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(mode.environment());
        builder.environment().put("LOCALBRIDGE_HOME", home.toAbsolutePath().toString());
        builder.environment().put("LOCALBRIDGE_LOG_LEVEL", "WARNING");
        long start = System.nanoTime();
        Process process = builder.start();
        try {
            long deadline = start + TimeUnit.SECONDS.toNanos(120);
            while (!answers(port, "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IOException("the bridge did not answer /health (" + mode.name() + ")");
                }
                // A client retrying every millisecond, not a spin: on a 2-core machine a spinning poller takes a
                // whole core from the JVM it is timing (resolution: 1 ms).
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
            long health = System.nanoTime();
            byte[] body = MESSAGE.getBytes(StandardCharsets.UTF_8);
            if (!answers(port, "POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "anthropic-version: 2023-06-01\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n"
                    + MESSAGE)) {
                throw new IOException("the bridge did not answer a Messages request (" + mode.name() + ")");
            }
            long answered = System.nanoTime();
            // The launcher execs the JVM, so the process is the bridge; its CPU time does not depend on the load.
            double cpu = process.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e6).orElse(-1.0);
            return new Launch(mode.name(), (health - start) / 1e6, (answered - start) / 1e6, cpu);
        } finally {
            process.toHandle().descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** True when a request on a new connection got a 200 answer; false when nothing listens yet. */
    private static boolean answers(int port, String request) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream output = socket.getOutputStream();
            output.write(request.getBytes(StandardCharsets.UTF_8));
            output.flush();
            InputStream input = socket.getInputStream();
            String answer = new String(input.readAllBytes(), StandardCharsets.ISO_8859_1);
            return answer.startsWith("HTTP/1.1 200");
        } catch (IOException notListening) {
            return false;
        }
    }

    private void write(List<Mode> modes, List<Launch> launches, Machine before, Machine after) throws IOException {
        Files.createDirectories(out);
        StringBuilder md = new StringBuilder("# Start-up: launch → first answer\n\n");
        md.append("Made by `").append(commandLine).append("`: `./localbridge serve` in front of a fake "
                + "llama-server-like upstream (already up), launched ").append(runs).append(" times per mode, "
                + "alternating; the clock starts just before the launcher process is started, and `/health` is asked"
                + " every millisecond until it answers, then one Messages request is sent.");
        if (baseline != null) {
            md.append(" `").append(baselineName).append("` is the launcher `").append(baseline)
                    .append("` (another build), launched in the same alternation.");
        }
        md.append(" CPU time: user + system time of the bridge's process (the launcher execs the JVM) once its first"
                + " answer has arrived, as the OS counts it (10 ms ticks): unlike the wall-clock times it hardly depends"
                + " on what else the machine runs; with 2 cores, wall-clock time cannot be much below half of it.\n\n");
        md.append(String.format(Locale.ROOT, "- %d cores (%s), Java %s; load averages before %s, after %s.%n%n",
                before.cores(), before.cpu(), before.java(), before.loadAverage(), after.loadAverage()));
        md.append("| mode | launch → /health 200 (ms) p50 / min / max | launch → first Messages answer (ms) "
                + "p50 / min / max | CPU time of the bridge by its first answer (ms) p50 / min / max |\n"
                + "|---|---:|---:|---:|\n");
        Map<String, Object> json = new LinkedHashMap<>();
        for (Mode mode : modes) {
            long[] health = launches.stream().filter(l -> l.mode().equals(mode.name()))
                    .mapToLong(l -> (long) (l.healthMillis() * 1e6)).toArray();
            long[] answer = launches.stream().filter(l -> l.mode().equals(mode.name()))
                    .mapToLong(l -> (long) (l.firstAnswerMillis() * 1e6)).toArray();
            Dist h = Dist.ofNanos(health, health.length);
            Dist a = Dist.ofNanos(answer, answer.length);
            long[] cpu = launches.stream().filter(l -> l.mode().equals(mode.name()))
                    .mapToLong(l -> (long) (l.cpuMillis() * 1e6)).toArray();
            Dist c = Dist.ofNanos(cpu, cpu.length);
            md.append(String.format(Locale.ROOT, "| %s | %.0f / %.0f / %.0f | %.0f / %.0f / %.0f | %.0f / %.0f / %.0f |%n",
                    mode.name(), h.p50(), min(health), h.max(), a.p50(), min(answer), a.max(), c.p50(), min(cpu),
                    c.max()));
            json.put(mode.name(), Map.of("health", h, "firstAnswer", a, "cpu", c));
        }
        Files.writeString(out.resolve("report.md"), md.toString());
        json.put("launches", launches);
        json.put("machineBefore", before);
        json.put("machineAfter", after);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("results.json").toFile(),
                json);
        LoadBench.log("wrote %s", out.toAbsolutePath());
    }

    private static double min(long[] nanos) {
        long min = Long.MAX_VALUE;
        for (long value : nanos) {
            min = Math.min(min, value);
        }
        return min / 1e6;
    }
}
