package dev.localbridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Parses the Prometheus text format with the Prometheus project's own parser (the Python client's
 * {@code text_string_to_metric_families}, Debian's {@code python3-prometheus-client}), which rejects malformed
 * exposition. Tests skip with a one-line reason where it is missing, except under {@code CI=true}.
 */
public final class PrometheusText {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String SCRIPT = """
            import json, sys
            from prometheus_client.parser import text_string_to_metric_families
            out = []
            for family in text_string_to_metric_families(sys.stdin.read()):
                out.append({"name": family.name, "type": family.type, "help": family.documentation,
                            "samples": [{"name": s.name, "labels": s.labels, "value": s.value} for s in family.samples]})
            print(json.dumps(out))
            """;

    /** One sample: its full name (with {@code _total}, {@code _bucket}, …), labels and value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    /** A metric family: its name as the parser reports it (counters without {@code _total}), type, samples. */
    public record Family(String name, String type, String help, List<Sample> samples) {
        public double value(String sampleName, Map<String, String> labels) {
            return samples.stream().filter(s -> s.name().equals(sampleName) && s.labels().equals(labels))
                    .findFirst().orElseThrow(() -> new AssertionError("no sample " + sampleName + labels + " in " + name))
                    .value();
        }

        public double sum(String sampleName) {
            return samples.stream().filter(s -> s.name().equals(sampleName)).mapToDouble(Sample::value).sum();
        }
    }

    private PrometheusText() {
    }

    /** The families in exposition order, by name. */
    public static Map<String, Family> parse(String exposition) {
        require(Files.isExecutable(PYTHON) && probe(), "python3-prometheus-client is missing"
                + " (apt-get install python3-prometheus-client)");
        String json = run(exposition);
        Map<String, Family> families = new LinkedHashMap<>();
        for (JsonNode family : Json.parse(json)) {
            List<Sample> samples = new ArrayList<>();
            for (JsonNode sample : family.path("samples")) {
                Map<String, String> labels = new LinkedHashMap<>();
                sample.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
                samples.add(new Sample(sample.path("name").asText(), Map.copyOf(labels), sample.path("value").asDouble()));
            }
            String name = family.path("name").asText();
            families.put(name, new Family(name, family.path("type").asText(), family.path("help").asText(),
                    List.copyOf(samples)));
        }
        return families;
    }

    private static boolean probe() {
        try {
            Process process = new ProcessBuilder(PYTHON.toString(), "-c", "import prometheus_client.parser")
                    .redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String run(String exposition) {
        try {
            Process process = new ProcessBuilder(PYTHON.toString(), "-c", SCRIPT).start();
            try (var in = process.getOutputStream()) {
                in.write(exposition.getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("the Prometheus parser rejected the exposition: " + err);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void require(boolean condition, String reason) {
        if (condition) {
            return;
        }
        if (ExternalTools.inCi()) {
            Assertions.fail(reason + " (CI=true: these tests must run)");
        }
        Assumptions.abort(reason);
    }
}
