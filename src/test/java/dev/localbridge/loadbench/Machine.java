package dev.localbridge.loadbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** The machine's state when a run starts or ends: load averages, cores, and versions, for the report. */
record Machine(String time, String loadAverage, int cores, String cpu, String java, String node) {
    static Machine now() {
        return new Machine(Instant.now().toString(), read("/proc/loadavg").split(" (?=[0-9]+/)")[0],
                Runtime.getRuntime().availableProcessors(), cpuModel(), Runtime.version().toString(), nodeVersion());
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        return read("/proc/cpuinfo").lines().filter(line -> line.startsWith("model name")).findFirst()
                .map(line -> line.substring(line.indexOf(':') + 1).strip()).orElse("unknown");
    }

    private static String nodeVersion() {
        try {
            Process process = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String version = new String(process.getInputStream().readAllBytes()).strip();
            process.waitFor();
            return version;
        } catch (IOException e) {
            return "not installed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
