package dev.localbridge.server;

import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.Script;
import dev.localbridge.testing.ScriptedBackend;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A benchmark harness (not a test) of what the bridge itself costs: time to first token and tokens/s,
 * directly from an instant scripted backend and through the bridge, side by side and interleaved.
 * Run: {@code scripts/bench-overhead}.
 */
public final class OverheadBenchmark {
    static final String ANTHROPIC = "{\"model\":\"claude-opus-5-5\",\"max_tokens\":8000,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    static final String OPENAI = "{\"model\":\"m\",\"max_tokens\":8000,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int tokens = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (ScriptedBackend backend = new ScriptedBackend();
             BridgeServer bridge = Bridges.start(backend.url())) {
            backend.fallback(body -> longAnswer(body.toString().contains("long answer") ? tokens : 5));
            String direct = backend.url() + "/v1/chat/completions";
            String viaBridge = Bridges.url(bridge) + "/v1/messages";
            ttft(http, direct, viaBridge, rounds);
            throughput(http, direct, viaBridge, tokens, Math.max(5, rounds / 100));
        }
    }

    static Script longAnswer(int pieces) {
        Script.Builder builder = Script.named("bench").role();
        for (int i = 0; i < pieces; i++) {
            builder.content(" tok" + (i % 10));
        }
        return builder.finish("length").usage(10, pieces, 0).done().build();
    }

    static void ttft(HttpClient http, String direct, String viaBridge, int rounds) throws Exception {
        long[] d = new long[rounds];
        long[] b = new long[rounds];
        for (int i = 0; i < rounds / 5; i++) {
            firstToken(http, direct, OPENAI, "\"content\":\" tok");
            firstToken(http, viaBridge, ANTHROPIC, "text_delta");
        }
        for (int i = 0; i < rounds; i++) {
            d[i] = firstToken(http, direct, OPENAI, "\"content\":\" tok");
            b[i] = firstToken(http, viaBridge, ANTHROPIC, "text_delta");
        }
        Arrays.sort(d);
        Arrays.sort(b);
        System.out.printf("time to first token over %d requests (µs)   p50     p90     p99%n", rounds);
        System.out.printf("  direct to the backend                     %7.1f %7.1f %7.1f%n", us(d, 50), us(d, 90), us(d, 99));
        System.out.printf("  through the bridge                        %7.1f %7.1f %7.1f%n", us(b, 50), us(b, 90), us(b, 99));
        System.out.printf("  added by the bridge                       %7.1f %7.1f %7.1f%n",
                us(b, 50) - us(d, 50), us(b, 90) - us(d, 90), us(b, 99) - us(d, 99));
    }

    static void throughput(HttpClient http, String direct, String viaBridge, int tokens, int rounds)
            throws Exception {
        String longOpenAi = OPENAI.replace("\"hi\"", "\"long answer please, " + "x ".repeat(3) + "\"");
        String longAnthropic = ANTHROPIC.replace("\"hi\"", "\"long answer please, " + "x ".repeat(3) + "\"");
        long directNanos = 0;
        long bridgeNanos = 0;
        for (int i = 0; i < rounds; i++) {
            directNanos += drain(http, direct, longOpenAi);
            bridgeNanos += drain(http, viaBridge, longAnthropic);
        }
        double directRate = tokens * rounds / (directNanos / 1e9);
        double bridgeRate = tokens * rounds / (bridgeNanos / 1e9);
        System.out.printf("%nstreaming %d tokens, %d rounds: direct %.0f tokens/s, through the bridge %.0f tokens/s"
                + " (%.2f %% of direct)%n", tokens, rounds, directRate, bridgeRate, 100 * bridgeRate / directRate);
    }

    static long firstToken(HttpClient http, String url, String body, String marker) throws Exception {
        long start = System.nanoTime();
        HttpResponse<InputStream> response = http.send(post(url, body), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.contains(marker)) {
                    long elapsed = System.nanoTime() - start;
                    while (reader.readLine() != null) {
                        // drain the rest so the connection is reused
                    }
                    return elapsed;
                }
            }
        }
        throw new IllegalStateException("no token from " + url);
    }

    static long drain(HttpClient http, String url, String body) throws Exception {
        long start = System.nanoTime();
        HttpResponse<InputStream> response = http.send(post(url, body), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return System.nanoTime() - start;
    }

    static HttpRequest post(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static double us(long[] sorted, int percentile) {
        return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1000.0;
    }
}
