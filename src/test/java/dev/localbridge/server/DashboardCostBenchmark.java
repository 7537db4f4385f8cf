package dev.localbridge.server;

import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.Chromium;
import dev.localbridge.testing.FakeLlamaControl;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A benchmark harness (not a test) of what the open dashboard costs the streams: N concurrent streams (a token every
 * 20 ms from the scripted backend) through the bridge, with the page closed, open in a headless Chromium, and closed
 * again; per round, the gaps between tokens as the clients receive them. A dashboard that cost the streams would
 * widen the gaps beyond 20 ms. Run: {@code scripts/bench-dashboard [STREAMS] [TOKENS] [ROUNDS]}.
 */
public final class DashboardCostBenchmark {
    static final long GAP_MS = 20;

    public static void main(String[] args) throws Exception {
        int streams = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int tokens = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        // one INFO line per request on the terminal would drown the figures (it costs the same either way)
        dev.localbridge.observability.RequestLog.LOG.setLevel(java.util.logging.Level.WARNING);
        try (ScriptedBackend backend = new ScriptedBackend().routes(new FakeLlamaControl(32768));
             BridgeServer bridge = Bridges.start(backend.url())) {
            backend.fallback(body -> answer(tokens));
            String url = Bridges.url(bridge);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            round(http, url, streams, "warm-up (not counted)");
            ChromeDriver browser = null;
            try {
                for (int i = 0; i < rounds; i++) {
                    report("page closed", round(http, url, streams, null));
                    browser = browser == null ? Chromium.start() : browser;
                    browser.get(url + "/dashboard");
                    new WebDriverWait(browser, java.time.Duration.ofSeconds(15))
                            .until(d -> d.findElement(By.id("conn")).getAttribute("data-state").equals("live"));
                    report("page open", round(http, url, streams, null));
                    browser.get("about:blank");
                }
            } finally {
                if (browser != null) {
                    browser.quit();
                }
            }
        }
    }

    static Script answer(int tokens) {
        Script.Builder script = Script.named("bench").role();
        for (int i = 0; i < tokens; i++) {
            script.content(" tok" + i).delay(GAP_MS);
        }
        return script.finish("stop").usage(100, tokens, 0).done().build();
    }

    /** Gaps between consecutive text deltas of each stream, in µs, over all streams. */
    static List<Long> round(HttpClient http, String url, int streams, String label) throws Exception {
        String body = "{\"model\":\"claude-opus-local\",\"max_tokens\":4000,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        List<Long> gaps = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                running.add(pool.submit(() -> {
                    HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/messages"))
                            .header("content-type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
                    List<Long> mine = new ArrayList<>();
                    try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                            StandardCharsets.UTF_8))) {
                        long last = 0;
                        String line;
                        while ((line = reader.readLine()) != null) {
                            if (line.equals("event: content_block_delta")) {
                                long now = System.nanoTime();
                                if (last != 0) {
                                    mine.add((now - last) / 1000);
                                }
                                last = now;
                            }
                        }
                    }
                    gaps.addAll(mine);
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        }
        if (label != null) {
            System.out.println(label);
        }
        return gaps;
    }

    static void report(String label, List<Long> gaps) {
        List<Long> sorted = new ArrayList<>(gaps);
        Collections.sort(sorted);
        System.out.printf("%-12s %6d gaps   p50 %6.2f ms   p90 %6.2f ms   p99 %6.2f ms   max %7.2f ms   mean %6.2f ms%n",
                label, sorted.size(), ms(sorted, 50), ms(sorted, 90), ms(sorted, 99),
                sorted.getLast() / 1000.0, sorted.stream().mapToLong(Long::longValue).average().orElse(0) / 1000);
    }

    static double ms(List<Long> sorted, int percentile) {
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * percentile / 100)) / 1000.0;
    }
}
