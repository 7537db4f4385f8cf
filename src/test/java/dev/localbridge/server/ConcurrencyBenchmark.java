package dev.localbridge.server;

import dev.localbridge.testing.LlamaServer;
import dev.localbridge.testing.Script;
import dev.localbridge.testing.ScriptedBackend;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A benchmark harness (not a test): N concurrent streams through a bridge running in its own JVM with a
 * capped heap ({@code -Xmx256m} by default), against a scripted backend that streams slowly (prefill pause,
 * then a token every 100 ms), so every stream is open at once. Reports completions and the bridge's heap.
 * Run: {@code scripts/bench-concurrency [STREAMS] [HEAP]}.
 */
public final class ConcurrencyBenchmark {
    public static void main(String[] args) throws Exception {
        int streams = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        String heap = args.length > 1 ? args[1] : "256m";
        try (ScriptedBackend backend = new ScriptedBackend()) {
            backend.fallback(body -> slowAnswer());
            int port = LlamaServer.freePort();
            Process bridge = startBridge(port, backend.url(), heap);
            try {
                awaitHealthy(port);
                run(streams, port, bridge.pid());
            } finally {
                bridge.destroy();
                bridge.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    static Script slowAnswer() {
        Script.Builder builder = Script.named("slow").delay(1500).role();
        for (int i = 0; i < 30; i++) {
            builder.content(" token" + i).delay(100);
        }
        return builder.finish("stop").usage(100, 30, 0).done().build();
    }

    static Process startBridge(int port, String backend, String heap, String... options) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-Xms" + heap,
                "--sun-misc-unsafe-memory-access=allow", "-jar",
                Path.of("target/localbridge.jar").toAbsolutePath().toString(), "serve",
                "--port", Integer.toString(port), "--backend", backend));
        command.addAll(List.of(options));
        return new ProcessBuilder(command).inheritIO().start();
    }

    static void run(int streams, int port, long pid) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String body = "{\"model\":\"claude-opus-5-5\",\"max_tokens\":100,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        long started = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>(streams);
        for (int i = 0; i < streams; i++) {
            answers.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/messages"))
                    .header("content-type", "application/json").timeout(Duration.ofMinutes(2))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        Thread.sleep(3000);
        String midway = heapInfo(pid);
        int complete = 0;
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get(2, TimeUnit.MINUTES);
            if (response.statusCode() == 200 && response.body().contains("event: message_stop")
                    && response.body().contains("token29")) {
                complete++;
            }
        }
        System.out.printf("%d of %d concurrent streams complete in %.1f s%n", complete, streams,
                (System.nanoTime() - started) / 1e9);
        System.out.println("bridge heap while all streams were open:\n" + midway);
        System.out.println("bridge heap after:\n" + heapInfo(pid));
    }

    static String heapInfo(long pid) throws IOException, InterruptedException {
        Path jcmd = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.heap_info")
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return out.lines().filter(l -> l.contains("total") || l.contains("used") || l.contains("region"))
                .limit(4).reduce("", (a, b) -> a + b + "\n");
    }

    static void awaitHealthy(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the bridge did not start");
    }
}
